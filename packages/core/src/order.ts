import type { Money } from './money.js';

/**
 * A marketplace order as the business sees it. The Temu connector maps Temu's parent order + child
 * orders + address + amounts into this; the ERP adapter maps it into a sale order. Ids are strings
 * (Temu ids exceed 2^53); times are epoch milliseconds so jobs stay JSON.
 */
export type OrderStatus =
  | 'pending'
  | 'unshipped'
  | 'partially_shipped'
  | 'shipped'
  | 'partially_delivered'
  | 'delivered'
  | 'cancelled';

export type LineStatus = 'pending' | 'unshipped' | 'shipped' | 'delivered' | 'cancelled';

export interface OrderLine {
  /** Marketplace id of the line (Temu child `orderSn`). */
  lineId: string;
  goodsId: string;
  skuId: string;
  /** The seller's own SKU code (Temu `extCode`/`outSkuSn`); null when the seller left it empty. */
  sellerSku: string | null;
  title: string;
  /** Quantity still to fulfil: ordered − cancelled. */
  quantity: number;
  originalQuantity: number;
  cancelledQuantity: number;
  status: LineStatus;
  /** Unit price the buyer pays, excluding tax; null until amounts are known. */
  unitPrice: Money | null;
  /** Tax on the whole line (all units); null when unknown. */
  taxAmount: Money | null;
  /** Tax rate as a fraction (0.2 = 20%); null when unknown. */
  taxRate: number | null;
}

export interface Address {
  name: string;
  street: string;
  street2: string | null;
  city: string;
  /** State/province name or code as the marketplace gives it. */
  state: string | null;
  zip: string;
  /** ISO 3166-1 alpha-2 when known, else the country name. */
  country: string;
  phone: string | null;
  email: string | null;
}

export interface Buyer {
  name: string;
  /** Relay e-mail provided by the marketplace; the stable key for finding the customer again. */
  email: string | null;
  phone: string | null;
}

/** How the line prices were obtained: the marketplace's computed amounts, or the listed SKU price. */
export type PricingSource = 'marketplace_amounts' | 'estimated_list_price';

export interface Order {
  shopId: string;
  /** Region/site of the order (Temu regionId) — visible on the ERP order. */
  region: string;
  /** Marketplace order number (Temu `parentOrderSn`), stored in the ERP as the customer reference. */
  orderRef: string;
  status: OrderStatus;
  createdAtMs: number;
  /** Marketplace update time; part of the sync's idempotency key. */
  updatedAtMs: number;
  shipByMs: number | null;
  currency: string;
  lines: OrderLine[];
  buyer: Buyer | null;
  shippingAddress: Address | null;
  shippingFee: Money | null;
  /** Tax rate of the shipping fee (fraction); absent/null when unknown. */
  shippingTaxRate?: number | null;
  /** Discounts funded by the seller / by the marketplace (positive amounts), from the amounts. */
  sellerDiscount?: Money | null;
  marketplaceDiscount?: Money | null;
  /** What the buyer paid, from the marketplace amounts (Temu `customerPaid`). */
  customerPaid?: Money | null;
  pricing: PricingSource | null;
  /** Tracking numbers the marketplace holds for shipped lines (set when it shipped before the ERP did). */
  trackingNumbers?: string[];
  /** The buyer changed the delivery address since it was last read (the ERP order must follow). */
  addressChanged?: boolean;
}

/** Status order used to refuse moving an order backwards; cancelled is terminal and ranks highest. */
export const ORDER_STATUS_RANK: Record<OrderStatus, number> = {
  pending: 0,
  unshipped: 1,
  partially_shipped: 2,
  shipped: 3,
  partially_delivered: 4,
  delivered: 5,
  cancelled: 6,
};

/** A marketplace order change seen while polling: enough to decide whether to sync it. */
export interface OrderChange {
  shopId: string;
  orderRef: string;
  status: OrderStatus;
  updatedAtMs: number;
  /**
   * The order as the list returned it (no address, no amounts), which spares a detail call per
   * order. Absent when the list item was malformed: the sync then reads the detail, which raises
   * the precise validation error for the operator.
   */
  order?: Order;
}

/** A marketplace after-sales case (refund, return and refund, cancellation request). */
export interface AfterSalesCase {
  caseId: string;
  orderRef: string;
  /** Marketplace status code, kept verbatim (Temu parentAfterSalesStatus, docs/temu-api.md §12). */
  status: number;
  kind: 'refund_only' | 'return_and_refund' | 'other';
  updatedAtMs: number;
}
