import type { Address, AfterSalesCase, Buyer, Order, OrderChange } from './order.js';
import type { ErpDelivery, ShipmentOutcome, ShipmentPackage } from './shipment.js';
import type { ErpStockLevel, MarketplaceSku, StockPushResult, StockTarget } from './stock.js';
import type { Money } from './money.js';
import type { SaleTaxRequest } from './taxes/sale-tax-policy.js';

/** Time, injectable so rules are testable. */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/**
 * The marketplace side, implemented by the Temu connector. Methods throw IntegrationError with the
 * right `kind` (throttled, transient, not_ready, credentials, business, bad_input).
 */
export interface MarketplacePort {
  /** Orders whose status changed within [fromMs, toMs], oldest page last; pages internally. */
  listOrderChanges(window: { fromMs: number; toMs: number }): AsyncIterable<OrderChange>;
  /** The order without address and amounts (they are separate, rate-limited calls on Temu). */
  getOrder(orderRef: string): Promise<Order>;
  getShippingAddress(orderRef: string): Promise<{ buyer: Buyer; address: Address }>;
  /**
   * Line prices and taxes. Throws `not_ready` while the marketplace computes them and `credentials`
   * (code ERR_TEMU_SCOPE) when the shop is not allowed to read amounts.
   */
  getOrderAmounts(orderRef: string): Promise<OrderAmounts>;
  /** Tracking numbers of the order's shipped packages, as the marketplace knows them. */
  getTrackingNumbers(orderRef: string): Promise<string[]>;
  listSkus(): AsyncIterable<MarketplaceSku>;
  readStock(goodsId: string, skuIds: string[]): Promise<Array<{ skuId: string; quantity: number }>>;
  /** Absolute stock targets for SKUs of one goods, idempotent per requestKey. */
  setStock(goodsId: string, targets: StockTarget[], requestKey: string): Promise<StockPushResult[]>;
  confirmShipment(packages: ShipmentPackage[]): Promise<ShipmentOutcome>;
  /** The shop authorisation: when it expires and which APIs it grants. */
  authorization(): Promise<{ expiresAtMs: number; scopes: string[] }>;
  /** After-sales cases updated within the window. */
  listAfterSales(window: { fromMs: number; toMs: number }): AsyncIterable<AfterSalesCase>;
}

export interface OrderAmounts {
  currency: string;
  lines: Array<{ lineId: string; unitPrice: Money; taxAmount: Money | null; taxRate: number | null }>;
  /** Shipping charged to the buyer, excluding its tax. */
  shippingFee: Money | null;
  /** Tax rate of the shipping fee as a fraction; null when the marketplace gives none. */
  shippingTaxRate?: number | null;
  /** Discounts the buyer got, funded by the seller and by the marketplace (positive amounts). */
  sellerDiscount?: Money | null;
  marketplaceDiscount?: Money | null;
  /** What the buyer paid (Temu `customerPaid`). */
  total: Money | null;
  /**
   * What the marketplace announces for the seller (settlement per order); absent when it gives none.
   * `sellerRevenue`: what it will pay out; `deduction`: penalties and adjustments it holds back;
   * `taxTotal`: product + shipping tax of the order.
   */
  revenue?: { sellerRevenue: Money; deduction: Money | null; taxTotal: Money | null } | null;
}

/** A customer to find or create in the ERP, keyed per shop by the buyer's relay e-mail (or name). */
export interface CustomerInput {
  key: string;
  shopId: string;
  buyer: Buyer;
  address: Address | null;
}

export interface CustomerRef {
  key: string;
  partnerId: number;
  deliveryPartnerId: number;
}

export interface ErpOrderDraft {
  orderRef: string;
  shopId: string;
  region: string;
  partnerId: number;
  deliveryPartnerId: number;
  currency: string;
  lines: Array<{
    productId: number;
    sku: string;
    lineId: string;
    quantity: number;
    unitPrice: Money | null;
    taxRate: number | null;
    /** Which ERP tax the line gets (never the product's default for a known rate). */
    tax: SaleTaxRequest;
    title: string;
  }>;
  /** Shipping fee and discounts as their own lines, so the ERP total is what the buyer paid. */
  charges: ErpCharge[];
  /**
   * What the buyer paid (marketplace amounts only): the adapter adds an untaxed closing line when the
   * ERP's tax rounding cannot reproduce it. Null for orders priced by estimate.
   */
  expectedTotal: Money | null;
  /** Free-text note shown on the ERP order: shop, region, pricing source. */
  note: string;
  pricedByEstimate: boolean;
}

/** A line that is not a product: the buyer's shipping fee, or a discount (negative amount). */
export interface ErpCharge {
  kind: 'shipping' | 'seller_discount' | 'marketplace_discount';
  /** Signed total of the line (discounts are negative), excluding tax. */
  amount: Money;
  tax: SaleTaxRequest;
}

/**
 * Where an order stands in the ERP, in this integration's words (the ERP adapter maps its own): a
 * quotation not yet confirmed, confirmed, confirmed and locked against edits, or cancelled.
 */
export type ErpOrderState = 'quotation' | 'confirmed' | 'locked' | 'cancelled';
/** Deliveries of the order: none yet, waiting, partly shipped, all shipped. */
export type ErpDeliveryStatus = 'none' | 'pending' | 'partial' | 'done';
/** Invoicing: nothing to invoice yet, something to invoice, all invoiced, invoiced and paid. */
export type ErpInvoiceStatus = 'none' | 'to_invoice' | 'invoiced' | 'paid';

export interface ErpOrderSummary {
  orderId: number;
  orderRef: string;
  name: string;
  state: ErpOrderState;
  deliveryStatus: ErpDeliveryStatus;
  invoiceStatus: ErpInvoiceStatus;
  /** Customer and delivery address on the ERP order (compared to catch address changes). */
  partnerId?: number;
  deliveryPartnerId?: number;
  lines: Array<{
    lineId: number;
    productId: number;
    sku: string;
    quantity: number;
    deliveredQuantity: number;
    /** Unit price on the ERP line, as a decimal in the order's currency (when the adapter reads it). */
    unitPrice?: number;
  }>;
}

export type BatchResult<T> = { ok: true; value: T } | { ok: false; error: Error };

/** The ERP side, implemented by the Odoo client. Batched where the ERP allows it. */
export interface ErpPort {
  findOrdersByRefs(refs: string[]): Promise<ErpOrderSummary[]>;
  findOrCreateCustomers(customers: CustomerInput[]): Promise<CustomerRef[]>;
  /** Maps seller SKU codes to product ids (by internal reference, then barcode); unknown SKUs are absent. */
  resolveProducts(skus: string[]): Promise<Map<string, number>>;
  /** Creates many draft orders in one call where possible; one bad draft does not fail the others. */
  createOrders(drafts: ErpOrderDraft[]): Promise<Array<BatchResult<{ orderRef: string; orderId: number }>>>;
  confirmOrders(orderIds: number[]): Promise<Array<BatchResult<number>>>;
  /**
   * Sets the ordered quantity of some lines (partial cancellation) and, when given, their unit price
   * (a quotation created while the marketplace had no prices yet) and the order's note — which names
   * the pricing source, so it must follow a reprice. One write.
   */
  updateLineQuantities(
    orderId: number,
    changes: Array<{ lineId: number; quantity: number; unitPrice?: Money }>,
    note?: string,
  ): Promise<void>;
  cancelOrder(orderId: number): Promise<void>;
  /** Moves an open order (and its pending deliveries) to another customer / delivery address. */
  updateOrderCustomer(
    orderId: number,
    customer: { partnerId: number; deliveryPartnerId: number },
  ): Promise<void>;
  validateDelivery(
    orderId: number,
    shipped: Array<{ productId: number; quantity: number }>,
    trackingRef: string | null,
  ): Promise<{ deliveryId: number; backorder: boolean }>;
  /**
   * Invoices what was delivered, posts and pays it. `payment.journal` names the journal the payment
   * goes to (the shop's clearing journal, created when missing); without it the ERP's default bank.
   */
  invoiceAndRegisterPayment(
    orderId: number,
    payment?: { journal: ErpJournalRef },
  ): Promise<{ invoiceId: number }>;
  createReturn(
    orderId: number,
    lines: Array<{ productId: number; quantity: number }>,
  ): Promise<{ returnId: number }>;
  readFreeStock(productIds: number[] | 'all', warehouseId?: number): Promise<ErpStockLevel[]>;
  /** Products whose stock moved since `sinceMs`, and the ERP time to use as the next watermark. */
  listStockChangesSince(sinceMs: number): Promise<{ productIds: number[]; untilMs: number }>;
  /** Validated outgoing deliveries of marketplace orders since `sinceMs` (for tracking upload). */
  listDoneDeliveriesSince(sinceMs: number): Promise<ErpDelivery[]>;
  currencyRate(from: string, to: string): Promise<number>;
  /**
   * Settles one delivered order (idempotent per order): its customer invoice paid into the clearing
   * journal, and what the marketplace keeps booked as a bill from the marketplace partner, paid from
   * the same journal, so that the journal's open balance is what the marketplace owes the seller.
   */
  settleOrder(input: ErpOrderSettlement): Promise<ErpOrderSettlementResult>;
  /** Open (not yet paid out) balance of a clearing journal per currency: payments in − payments out. */
  clearingBalance(journal: ErpJournalRef): Promise<Money[]>;
  /**
   * The same open balance in the company currency, as the ledger holds it (each item at its own
   * date's rate, exchange differences booked): 0 once every settled order is paid out.
   */
  clearingCompanyBalance(journal: ErpJournalRef): Promise<Money>;
  /**
   * Books payouts as bank statement lines on the seller's bank journal, each reconciled against the
   * open clearing items of the orders it pays. Batched; a payout whose line exists (same `ref`) is
   * not booked again, only finished if a crash left it unreconciled.
   */
  bookPayouts(input: ErpPayoutBatch): Promise<ErpPayoutBooking[]>;
}

export interface ErpPayoutBatch {
  bankJournal: ErpJournalRef;
  clearingJournal: ErpJournalRef;
  payouts: ErpPayout[];
}

export interface ErpPayout {
  /** Label of the bank line, unique per payout: it is searched before the line is created. */
  ref: string;
  /** YYYY-MM-DD. */
  date: string;
  amount: Money;
  /** The orders it pays, each with the references its clearing items carry (invoice and fee payments). */
  orders: Array<{ orderRef: string; clearingRefs: string[] }>;
  /**
   * What the payout deducts or adds besides orders (refunds, chargebacks, exchange differences):
   * each booked on the clearing account under its `ref` before the payout is matched.
   */
  adjustments?: ErpPayoutAdjustment[];
}

/**
 * One non-order statement row. A refund pays the order's posted credit note from the clearing
 * journal; a chargeback and an exchange difference are entries between the clearing account and
 * the chargeback or exchange difference account (docs/odoo-api.md "Payouts").
 */
export interface ErpPayoutAdjustment {
  kind: 'refund' | 'chargeback' | 'fx';
  /** Reference of the clearing item it books (unique: searched before booking). */
  ref: string;
  /** The order concerned (empty for fx). */
  orderRef: string;
  /** Signed: negative deducts from the payout. */
  amount: Money;
  /** Line of the statement row (reported back when the ERP cannot book it). */
  line: number;
}

export interface ErpPayoutBooking {
  ref: string;
  statementLineId: number;
  /** The line existed before this import: nothing new was booked. */
  alreadyBooked: boolean;
  /** Open clearing items of its orders before matching: what the marketplace owed for them. */
  expected: Money;
  /** Orders that had open clearing items. */
  ordersMatched: number;
  /** The bank line is fully matched (payout = what was owed). */
  reconciled: boolean;
  /**
   * Set when the ERP cannot book one of its adjustments (e.g. a refund with no credit note): then
   * nothing of the payout was booked, and these are the rows and reasons.
   */
  refused?: Array<{ line: number; reason: string }>;
}

/** A journal found by name, created with this code when missing. */
export interface ErpJournalRef {
  name: string;
  /** Short code (at most 5 characters, unique in the company). */
  code: string;
}

/** What the marketplace keeps of one order, line by line (positive amounts are kept). */
export interface ErpFeeLine {
  /** `collected_tax` books to the "collected by the marketplace" account, the others to the fee account. */
  kind: 'commission' | 'deduction' | 'collected_tax';
  label: string;
  amount: Money;
}

export interface ErpOrderSettlement {
  orderRef: string;
  clearingJournal: ErpJournalRef;
  /** The partner the fee bill comes from (found by name, created as a supplier when missing). */
  feePartnerName: string;
  /** Reference of the fee bill, unique per order: the bill is searched by it before it is created. */
  billRef: string;
  fees: ErpFeeLine[];
}

export interface ErpOrderSettlementResult {
  invoiceId: number;
  /** Null when the marketplace kept nothing. */
  feeBillId: number | null;
}

/**
 * Reminders on ERP orders (issue 14): an activity on the order with a deadline, assigned to a
 * user, found again by its summary so scheduling twice makes one. Implemented by the Odoo client.
 */
export interface ErpActivityPort {
  /**
   * Ensures one open activity with `summary` on each order; returns orderRef → activity id for the
   * orders found in the ERP (an order not written yet is absent and tried again later).
   */
  scheduleOrderActivities(
    activities: Array<{
      orderRef: string;
      deadlineMs: number;
      summary: string;
      note: string;
      userId: number | null;
    }>,
  ): Promise<Map<string, number>>;
  /** Marks the open activities with `summary` on these orders done; returns how many it closed. */
  closeOrderActivities(orderRefs: string[], summary: string, feedback: string): Promise<number>;
}
