import type { Money } from '../money.js';
import { EMPTY_SKU_MAPPING, resolveErpSku } from '../orders/order-mapping.js';
import type { SkuMapping } from '../orders/order-mapping.js';

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
  /** The marketplace's SKU id and the seller's own code, as on the order line (for the SKU mapping). */
  skuId: string;
  sellerSku: string | null;
  /** ERP SKU code (resolved by `resolveErpSku`); null when it cannot be resolved. */
  sku: string | null;
  quantity: number;
  /** The buyer's reason as the marketplace words it (the inspection rule may read it); null if none. */
  reason: string | null;
}

/**
 * What the marketplace gave (or gives) the buyer back for a case, as it reports it (Temu's detail
 * `refundSummary`). The credit note follows it line by line: the goods at their invoiced price and
 * quantity, the shipping share, the discount shares taken back, and it must end at `total`.
 */
export interface CaseRefund {
  /** Everything the buyer gets back, tax included (Temu `buyerTotalRefund`). */
  total: Money;
  /** The shipping fee's share refunded, tax excluded (Temu `shippingAmountRefundTaxExcl`). */
  shipping: Money;
  /** Discount shares taken back with the goods (positive amounts: they lower the refund). */
  sellerDiscount: Money;
  marketplaceDiscount: Money;
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
  /** The refund's breakdown once the marketplace reports one (refunded cases); null or absent otherwise. */
  refund?: CaseRefund | null;
}

/** The case with each line's ERP SKU resolved through the configured mapping (R17), as orders do. */
export function withErpSkus(c: ReturnCase, mapping: SkuMapping = EMPTY_SKU_MAPPING): ReturnCase {
  return { ...c, lines: c.lines.map((l) => ({ ...l, sku: resolveErpSku(l, mapping) })) };
}
