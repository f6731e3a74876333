import { z } from 'zod';
import { ControlError, parseInput } from './control-error.js';
import type { ControlRoute } from './route.js';
import type { PriceOrder } from '../data/price-orders.js';

const outcomeSchema = z.object({
  outcome: z.enum(['pass', 'reject', 'reject-final', 'counter']),
  counterMinor: z.number().int().positive().optional(),
  reason: z.string().min(1).optional(),
});

const reviewSchema = z.object({
  latencyMs: z.number().int().min(0).max(3_600_000).optional(),
  defaultOutcome: outcomeSchema.optional(),
  /** Per seller SKU code; replaces the previous per-SKU outcomes when given. */
  bySellerSku: z.record(z.string().min(1), outcomeSchema).optional(),
  negotiation: z.enum(['pass', 'reject']).optional(),
});

const recommendedSchema = z.object({
  /** Seller SKU code → recommended base price in minor units; null removes it. */
  prices: z.record(z.string().min(1), z.number().int().positive().nullable()),
});

function priceOrderState(o: PriceOrder) {
  return {
    priceOrderSn: o.priceOrderSn,
    priceOrderId: o.priceOrderId.toString(),
    goodsId: o.goodsId.toString(),
    skuId: o.skuId.toString(),
    status: o.status,
    sourceMinor: o.sourceMinor,
    targetMinor: o.targetMinor,
    suggestMinor: o.suggestMinor,
    finalMinor: o.finalMinor,
    reason: o.reason,
  };
}

/** Price review behaviour and price-order inspection for tests and the demo. */
export const priceRoutes: ControlRoute[] = [
  {
    method: 'POST',
    path: 'price-review',
    handle: ({ runtime, body }) => {
      const input = parseInput(reviewSchema, body);
      const policy = runtime.state.priceReview;
      if (input.latencyMs !== undefined) policy.latencyMs = input.latencyMs;
      if (input.defaultOutcome) policy.defaultOutcome = input.defaultOutcome;
      if (input.bySellerSku) policy.bySellerSku = new Map(Object.entries(input.bySellerSku));
      if (input.negotiation) policy.negotiation = input.negotiation;
      return {
        latencyMs: policy.latencyMs,
        defaultOutcome: policy.defaultOutcome,
        bySellerSku: Object.fromEntries(policy.bySellerSku),
        negotiation: policy.negotiation,
      };
    },
  },
  {
    method: 'POST',
    path: 'recommended-prices',
    handle: ({ runtime, body }) => {
      const input = parseInput(recommendedSchema, body);
      for (const [sellerSku, minor] of Object.entries(input.prices)) {
        const sku = runtime.state.skuBySellerCode(sellerSku);
        if (!sku) throw new ControlError(400, `prices.${sellerSku}: no SKU with this seller code`);
        if (minor === null) runtime.state.recommendedPrices.delete(sku.skuId.toString());
        else runtime.state.recommendedPrices.set(sku.skuId.toString(), minor);
      }
      return { recommended: runtime.state.recommendedPrices.size };
    },
  },
  {
    method: 'GET',
    path: 'state/price-orders',
    handle: ({ runtime }) => {
      runtime.state.advancePriceOrders();
      return { priceOrders: runtime.state.priceOrders.map(priceOrderState) };
    },
  },
];
