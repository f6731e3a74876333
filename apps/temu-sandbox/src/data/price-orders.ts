import type { SkuRecord } from './model.js';

/**
 * Price orders (docs/temu-api.md §10.4, "Price orders"): Temu's review of a base price. Statuses:
 * 100 under review, 101 awaiting the merchant (Temu counter-proposed `suggestMinor`), 201 passed,
 * 202 rejected pending modification, 203 merchant accepted the proposal, 204 merchant negotiating,
 * 205 merchant refused, 206 rejected. 100, 101 and 204 are open: they block a new change of the SKU.
 */
export type PriceOrderStatus = 100 | 101 | 201 | 202 | 203 | 204 | 205 | 206;

export const OPEN_PRICE_ORDER_STATUSES: ReadonlySet<number> = new Set([100, 101, 204]);

/** The sandbox files one price order per SKU, so every order has one price to review. */
export interface PriceOrder {
  priceOrderSn: string;
  /** Beyond 2^53 like Temu's (docs/temu-api.md §10.4): clients must keep it as a string. */
  priceOrderId: bigint;
  goodsId: bigint;
  skuId: bigint;
  currency: string;
  sourceMinor: number;
  targetMinor: number;
  suggestMinor: number | null;
  /** The price Temu lists once the order closes (201 or 203). */
  finalMinor: number | null;
  status: PriceOrderStatus;
  priceCommitId: number;
  priceCommitVersion: number;
  reason: string | null;
  createdAtMs: number;
  /** When Temu decides an order under review (100) or negotiation (204). */
  decideAtMs: number;
}

/** What Temu's reviewer does with a price: pass it, reject it (202 or 206), or counter-offer. */
export interface PriceReviewOutcome {
  outcome: 'pass' | 'reject' | 'reject-final' | 'counter';
  /** The counter-offer, in minor units (counter only). */
  counterMinor?: number;
  reason?: string;
}

/** The reviewer's behaviour, set through POST /_sandbox/price-review. */
export interface PriceReviewPolicy {
  latencyMs: number;
  defaultOutcome: PriceReviewOutcome;
  /** Per seller SKU code, overriding the default. */
  bySellerSku: Map<string, PriceReviewOutcome>;
  /** After a merchant negotiates: pass the negotiated price, or reject it (206). */
  negotiation: 'pass' | 'reject';
}

export function defaultPriceReviewPolicy(latencyMs = 0): PriceReviewPolicy {
  return { latencyMs, defaultOutcome: { outcome: 'pass' }, bySellerSku: new Map(), negotiation: 'reject' };
}

/** Applies the reviewer's decisions that are due; closed orders change the SKU's listed price. */
export function advancePriceOrders(
  orders: PriceOrder[],
  policy: PriceReviewPolicy,
  skuOf: (skuId: bigint) => SkuRecord | undefined,
  nowMs: number,
): void {
  for (const order of orders) {
    if (order.decideAtMs > nowMs) continue;
    const sku = skuOf(order.skuId);
    if (order.status === 100) {
      const decision = (sku && policy.bySellerSku.get(sku.sellerSku)) ?? policy.defaultOutcome;
      decide(order, decision, sku);
    } else if (order.status === 204) {
      if (policy.negotiation === 'pass') close(order, 201, order.targetMinor, sku);
      else {
        order.status = 206;
        order.reason = 'negotiated price not accepted';
      }
    }
  }
}

function decide(order: PriceOrder, decision: PriceReviewOutcome, sku: SkuRecord | undefined): void {
  switch (decision.outcome) {
    case 'pass':
      close(order, 201, order.targetMinor, sku);
      return;
    case 'reject':
    case 'reject-final':
      order.status = decision.outcome === 'reject' ? 202 : 206;
      order.reason = decision.reason ?? 'price is not competitive';
      return;
    case 'counter':
      order.status = 101;
      order.suggestMinor = decision.counterMinor ?? Math.round(order.targetMinor * 0.9);
      order.reason = decision.reason ?? 'a lower price is recommended';
      order.priceCommitVersion += 1;
      return;
  }
}

/** Closes an order at a price and lists that price on the SKU. */
export function close(
  order: PriceOrder,
  status: 201 | 203,
  priceMinor: number,
  sku: SkuRecord | undefined,
): void {
  order.status = status;
  order.finalMinor = priceMinor;
  if (sku) sku.priceMinor = priceMinor;
}
