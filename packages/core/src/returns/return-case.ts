/**
 * A marketplace after-sales case in this integration's words (R15). The connector maps the
 * marketplace's codes to these; core never sees a marketplace status number.
 */

/** What the buyer asked for. */
export type ReturnCaseKind =
  /** Money back, the goods stay with the buyer. */
  | 'refund_only'
  /** Goods come back to the warehouse, then money back. */
  | 'return_and_refund'
  /** The buyer cancels lines not shipped yet. */
  | 'cancel_before_shipment';

/**
 * Where the marketplace says the case is. Ordered by `MARKETPLACE_CASE_RANK`; the three terminal
 * ones (refunded, refused, withdrawn) all rank last so that no later event reopens a closed case.
 */
export type MarketplaceCaseStatus =
  /** The buyer asked; the seller (or the marketplace) has not acted yet. */
  | 'requested'
  /** The buyer chose the seller's return label: the seller must upload one. */
  | 'label_needed'
  /** The buyer sent the goods back. */
  | 'return_shipped'
  /** The goods reached the return warehouse; the seller must decide on the refund. */
  | 'return_received'
  /** The marketplace reviews the case itself (dispute). */
  | 'under_review'
  /** A refund was issued and is on its way. */
  | 'refund_pending'
  | 'refunded'
  /** The refund was denied. */
  | 'refused'
  /** The buyer withdrew the request. */
  | 'withdrawn';

export const MARKETPLACE_CASE_RANK: Record<MarketplaceCaseStatus, number> = {
  requested: 0,
  label_needed: 1,
  return_shipped: 2,
  return_received: 3,
  under_review: 3,
  refund_pending: 4,
  refunded: 5,
  refused: 5,
  withdrawn: 5,
};

export interface ReturnCaseLine {
  /** The marketplace's line id (Temu afterSalesSn). */
  lineRef: string;
  /** The marketplace order line it refers to (Temu orderSn). */
  orderLineRef: string;
  /** Seller SKU (ERP internal reference); null when the marketplace gave none. */
  sku: string | null;
  quantity: number;
}

export interface ReturnCase {
  shopId: string;
  /** The case number (Temu parentAfterSalesSn): the idempotency key kept on every ERP document. */
  caseRef: string;
  orderRef: string;
  kind: ReturnCaseKind;
  status: MarketplaceCaseStatus;
  lines: ReturnCaseLine[];
  updatedAtMs: number;
  /** Deadline for the seller's next operation (label upload), when the marketplace gives one. */
  actionDeadlineMs?: number | null;
}
