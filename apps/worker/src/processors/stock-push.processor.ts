import { createHash } from 'node:crypto';
import { BadInputError } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { assertStockSupported } from './stock-sweep.processor.js';
import { DailyCounters } from '../seller-metrics/daily-counters.js';

/**
 * One `bg.local.goods.stock.edit` for one goods (docs/temu-api.md §10.3). Skipped when a newer sweep superseded it or
 * Temu already has every target. Temu may accept some SKUs and refuse others: accepted ones are
 * remembered, refused ones are retried each in a job of its own and, if refused again, parked there.
 */
export function stockPush(deps: WorkerDeps): ProcessorFn<'stock.push'> {
  return async ({ shopId, goodsId, targets, seq }, { log }) => {
    const shop = shopOf(deps, shopId);
    assertStockSupported(shop);
    const latest = await shop.state.latestPush(goodsId);
    if (latest !== null && latest > seq) return { skipped: 'superseded by a newer sweep' };
    const acked = await shop.state.acknowledgedStock();
    const pending = targets.filter((t) => acked.get(t.skuId) !== t.quantity);
    if (!pending.length) return { skipped: 'Temu already has these quantities' };
    // Same request → same key (Temu dedups a retry); a different subset gets its own key.
    const digest = createHash('sha1').update(JSON.stringify(pending)).digest('hex').slice(0, 12);
    const results = await shop.market.setStock(goodsId, pending, `${shopId}-${goodsId}-${seq}-${digest}`);
    const byId = new Map(pending.map((t) => [t.skuId, t.quantity]));
    const ok = results.filter((r) => r.ok);
    await shop.state.acknowledgeStock(ok.map((r) => ({ skuId: r.skuId, quantity: byId.get(r.skuId)! })));
    const refused = results.filter((r) => !r.ok);
    if (refused.length && pending.length === 1) {
      const r = refused[0]!;
      throw new BadInputError(
        `Temu refused stock ${byId.get(r.skuId)} for SKU ${r.skuId} of goods ${goodsId} (shop ${shopId}): ${r.errorCode ?? ''} ${r.errorMessage ?? ''}`.trim(),
        'ERR_TEMU_STOCK_REFUSED',
      );
    }
    for (const r of refused) {
      await deps.registry.enqueue(
        'stock.push',
        { shopId, goodsId, targets: [{ skuId: r.skuId, quantity: byId.get(r.skuId)! }], seq },
        { jobId: `push-sku.${shopId}.${goodsId}.${r.skuId}.${seq}`, delay: 5_000 },
      );
    }
    // SKU quantities Temu accepted today, for the health page (#14).
    await new DailyCounters(deps.redis, deps.prefix, shopId).recordStockPushes(ok.length, deps.clock.nowMs());
    log.info({ goodsId, pushed: ok.length, refused: refused.length }, 'stock pushed');
    return {
      goodsId,
      pushed: ok.length,
      refused: refused.map((r) => ({ skuId: r.skuId, errorCode: r.errorCode })),
    };
  };
}
