import { BadInputError } from '../errors.js';
import type { Money } from '../money.js';

/**
 * Consignment (fully-managed selling): the marketplace buys stock from the seller with purchase
 * orders and the seller ships them in bulk to the marketplace's warehouses. Each purchase order
 * becomes one ERP sale order to the marketplace as customer, at the agreed supply price.
 */
export type PurchaseOrderStatus =
  | 'awaiting_acceptance'
  | 'to_ship'
  | 'shipped'
  | 'received'
  | 'rejected'
  | 'returned'
  | 'inspected'
  | 'stored'
  | 'voided'
  | 'timed_out'
  | 'cancelled'
  | 'unknown';

/** Orders the seller still has to supply (a sale order is created for these). */
export const OPEN_PURCHASE_STATUSES: ReadonlySet<PurchaseOrderStatus> = new Set([
  'awaiting_acceptance',
  'to_ship',
  'shipped',
  'received',
  'inspected',
  'stored',
]);

export interface PurchaseOrderLine {
  /** The marketplace's SKU id (what shipments are keyed by). */
  lineRef: string;
  /** The seller's code of the SKU (the ERP product's internal reference). */
  sellerSku: string | null;
  quantity: number;
  /** Accepted into the marketplace's stock after inspection. */
  receivedQuantity: number;
  /** The agreed supply price per unit; null when the marketplace did not give one. */
  unitPrice: Money | null;
}

export interface PurchaseOrder {
  ref: string;
  status: PurchaseOrderStatus;
  /** The marketplace's raw status code, kept for notes and debugging. */
  statusCode: number;
  placedAtMs: number | null;
  warehouse: { id: string; name: string | null } | null;
  /** Ship order already created for it on the marketplace, if any. */
  shipmentRef: string | null;
  lines: PurchaseOrderLine[];
}

/** What the ERP sale order of a purchase order holds: product per line, quantity, unit price. */
export interface ConsignmentSaleOrder {
  purchaseRef: string;
  currency: string;
  lines: Array<{ productId: number; sku: string; quantity: number; unitPrice: Money }>;
  totalMinor: number;
}

/**
 * Maps a purchase order to its sale order, or refuses it whole (no partial sale order): an unknown
 * seller SKU, a missing price, mixed currencies or an empty order each park it with the reason.
 */
export function planConsignmentSaleOrder(
  order: PurchaseOrder,
  products: ReadonlyMap<string, number>,
  shopId: string,
): ConsignmentSaleOrder {
  const lines = order.lines.filter((l) => l.quantity > 0);
  if (!lines.length)
    throw new BadInputError(
      `purchase order ${order.ref} (shop ${shopId}) has no line with a quantity`,
      'ERR_PO_EMPTY',
    );
  const currencies = new Set<string>();
  const out: ConsignmentSaleOrder['lines'] = [];
  for (const line of lines) {
    if (!line.sellerSku)
      throw new BadInputError(
        `purchase order ${order.ref} (shop ${shopId}): SKU ${line.lineRef} has no seller code; set the SKU's code on the marketplace to the ERP product's internal reference`,
        'ERR_PO_UNKNOWN_SKU',
      );
    const productId = products.get(line.sellerSku);
    if (productId === undefined)
      throw new BadInputError(
        `purchase order ${order.ref} (shop ${shopId}): no ERP product with internal reference ${line.sellerSku} (SKU ${line.lineRef}); create it or map it, then replay`,
        'ERR_PO_UNKNOWN_SKU',
      );
    if (!line.unitPrice)
      throw new BadInputError(
        `purchase order ${order.ref} (shop ${shopId}): no supply price for SKU ${line.sellerSku}; the agreed price is needed to bill it`,
        'ERR_PO_NO_PRICE',
      );
    currencies.add(line.unitPrice.currency);
    out.push({ productId, sku: line.sellerSku, quantity: line.quantity, unitPrice: line.unitPrice });
  }
  if (currencies.size > 1)
    throw new BadInputError(
      `purchase order ${order.ref} (shop ${shopId}) mixes currencies ${[...currencies].join(', ')}`,
      'ERR_PO_CURRENCY',
    );
  return {
    purchaseRef: order.ref,
    currency: [...currencies][0]!,
    lines: out,
    totalMinor: out.reduce((sum, l) => sum + l.unitPrice.amountMinor * l.quantity, 0),
  };
}

/** Shipment statuses on the marketplace side (its warehouse receipt). */
export type ConsignmentShipmentStatus =
  | 'awaiting_packing'
  | 'in_transit'
  | 'received'
  | 'stored'
  | 'returned'
  | 'cancelled'
  | 'partly_received'
  | 'unknown';

/** A receipt is final once the warehouse received (all or part), stored, returned or cancelled it. */
export function isShipmentSettled(status: ConsignmentShipmentStatus): boolean {
  return ['received', 'stored', 'returned', 'cancelled', 'partly_received'].includes(status);
}

export interface ConsignmentShipment {
  ref: string;
  purchaseRef: string;
  status: ConsignmentShipmentStatus;
  statusCode: number;
  receivedAtMs: number | null;
  receivedQuantity: number | null;
  defectiveQuantity: number | null;
  warehouseName: string | null;
  trackingNumber: string | null;
}

/** One SKU of a stock request: the seller asks the marketplace to buy this many units. */
export interface StockRequestLine {
  sku: string;
  quantity: number;
}

/**
 * What became of the SKUs the marketplace takes in one application (it groups a product's variants):
 * requested (a purchase order awaiting its acceptance, `purchaseRef` when it could be found) or
 * refused with the marketplace's code and words, for a person to act on.
 */
export type StockRequestOutcome =
  | { skus: string[]; status: 'requested'; purchaseRef: string | null }
  | { skus: string[]; status: 'refused'; code: string; reason: string };

export interface ConsignmentMarketplacePort {
  /**
   * Seller-initiated stocking: asks the marketplace to place purchase orders for these quantities
   * (one application per product). Not idempotent on the marketplace side: the caller records what
   * it asked (README "Forecasting and replenishment"). Refusals come back as outcomes, not errors.
   */
  requestStock(request: {
    lines: StockRequestLine[];
    latestShipByMs: number | null;
  }): Promise<StockRequestOutcome[]>;
  /** Purchase orders placed within the window. */
  listPurchaseOrders(window: { fromMs: number; toMs: number }): AsyncIterable<PurchaseOrder>;
  getPurchaseOrders(refs: string[]): Promise<PurchaseOrder[]>;
  /**
   * Ships the given quantities of one purchase order to its warehouse (staging, ship order, box
   * marks, tracking); idempotent: an existing shipment of the order is returned as is.
   */
  shipPurchaseOrder(request: {
    purchaseRef: string;
    lines: Array<{ lineRef: string; quantity: number }>;
    trackingNumber: string;
    carrier: { id: number; name: string } | null;
  }): Promise<{ shipmentRef: string; boxMarks: number; trackingUploaded: boolean }>;
  getShipments(refs: string[]): Promise<ConsignmentShipment[]>;
}

/** The ERP side: sale orders to the marketplace and their deliveries. */
export interface ConsignmentErpPort {
  /** Existing sale orders by purchase order ref (the idempotency key). */
  findConsignmentOrders(purchaseRefs: string[]): Promise<Map<string, { saleOrderId: number; note: string }>>;
  createConsignmentOrder(order: ConsignmentSaleOrder, customerName: string, shopId: string): Promise<number>;
  /** Validated deliveries of consignment sale orders, with what they carried. */
  doneConsignmentDeliveries(shopId: string): Promise<
    Array<{
      deliveryId: number;
      purchaseRef: string;
      trackingNumber: string | null;
      carrierName: string | null;
      lines: Array<{ sku: string; quantity: number }>;
    }>
  >;
  /** Records the marketplace's view (status, shipment, receipt) on the sale order, readable by people. */
  noteConsignmentStatus(saleOrderId: number, status: string): Promise<void>;
}
