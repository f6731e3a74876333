import { BadInputError, money } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { PriceState } from '../pricing/price-state.js';
import { pricingOf } from '../pricing/pricing-setup.js';
import { digest } from './prices-plan.processor.js';

/**
 * One `bg.local.goods.priceorder.change.sku.price` for one goods (docs/temu-api.md §10.4). Temu opens a
 * price order per SKU; those are remembered as under review and followed by `prices.review`. SKUs
 * Temu refuses are reported with its reason; if it refuses them all the job is parked.
 */
export function pricesPush(deps: WorkerDeps): ProcessorFn<'prices.push'> {
  return async ({ shopId, goodsId, skus }, { log }) => {
    const pricing = pricingOf(deps.pricing, shopId);
    const state = new PriceState(deps.redis, deps.prefix, shopId);
    const pending = await state.pending();
    // A retry after Temu accepted the change must not file it twice.
    const todo = skus.filter((s) => pending.get(s.skuId) !== s.priceMinor);
    if (todo.length === 0) return { skipped: 'already under review' };
    const result = await pricing.market.changePrices(
      goodsId,
      todo.map((s) => ({ skuId: s.skuId, price: money(s.priceMinor, s.currency) })),
      'price update from cost, fees and rules',
    );
    const bySku = new Map(todo.map((s) => [s.skuId, s]));
    const orders = result.orders.flatMap((o) => {
      const s = bySku.get(o.skuId);
      return s
        ? [
            {
              orderRef: o.orderRef,
              skuId: s.skuId,
              sku: s.sku,
              productId: s.productId,
              targetMinor: s.priceMinor,
              floorMinor: s.floorMinor,
              currency: s.currency,
            },
          ]
        : [];
    });
    await state.setPending(orders.map((o) => ({ skuId: o.skuId, priceMinor: o.targetMinor })));
    if (orders.length > 0) {
      await deps.registry.enqueue(
        'prices.review',
        { shopId, goodsId, orders, round: 0 },
        {
          jobId: `prices.review.${shopId}.${goodsId}.${digest(orders.map((o) => o.orderRef))}.0`,
          delay: deps.pricing!.reviewPollMs,
        },
      );
    }
    const refused = result.failed.map((f) => ({
      skuId: f.skuId,
      sku: bySku.get(f.skuId)?.sku ?? null,
      reason: f.reason,
    }));
    if (refused.length > 0) log.warn({ goodsId, refused }, 'Temu refused some price changes');
    if (orders.length === 0) {
      throw new BadInputError(
        `Temu refused every price change of goods ${goodsId} (shop ${shopId}): ${refused.map((r) => `${r.sku ?? r.skuId}: ${r.reason}`).join('; ')}`,
        'ERR_TEMU_PRICE_REFUSED',
      );
    }
    log.info({ goodsId, priceOrders: orders.length, refused: refused.length }, 'price orders filed');
    return { goodsId, priceOrders: orders.map((o) => o.orderRef), refused };
  };
}
