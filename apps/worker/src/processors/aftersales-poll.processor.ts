import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { syncJobId } from './orders-poll.processor.js';

const FIRST_POLL_LOOKBACK_MS = 7 * 86_400_000;
const OVERLAP_MS = 60_000;

/**
 * Reads after-sales cases updated since the watermark and re-syncs their orders, so refunds and
 * cancellations reach Odoo without waiting for the next order poll. Counts per status are returned.
 */
export function aftersalesPoll(deps: WorkerDeps): ProcessorFn<'aftersales.poll'> {
  return async ({ shopId }, { log }) => {
    const shop = shopOf(deps, shopId);
    const nowMs = deps.clock.nowMs();
    const since = (await shop.state.watermark('aftersales')) ?? nowMs - FIRST_POLL_LOOKBACK_MS;
    const byStatus: Record<string, number> = {};
    const orders = new Map<string, number>();
    for await (const c of shop.market.listAfterSales({ fromMs: since - OVERLAP_MS, toMs: nowMs })) {
      byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
      orders.set(c.orderRef, Math.max(orders.get(c.orderRef) ?? 0, c.updatedAtMs));
    }
    for (const [orderRef, updatedAtMs] of orders) {
      await deps.registry.enqueue(
        'orders.sync',
        { shopId, orderRef, updatedAtMs, reason: 'webhook' },
        { jobId: `${syncJobId(shopId, orderRef, updatedAtMs)}.aftersales` },
      );
    }
    await shop.state.setWatermark('aftersales', nowMs);
    log.info({ cases: byStatus, orders: orders.size }, 'after-sales polled');
    return { cases: byStatus, orders: orders.size };
  };
}
