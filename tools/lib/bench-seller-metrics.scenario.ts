import type { Redis } from 'ioredis';
import { deleteKeysByPrefix } from '@temu-odoo/queues';
import type { SellerEvent } from '@temu-odoo/core';
import { SellerMetricsStore } from '../../apps/worker/src/seller-metrics/seller-metrics.store.js';
import { evaluateShopHealth } from '../../apps/worker/src/seller-metrics/evaluate-shop-health.js';
import type { WorkerDeps } from '../../apps/worker/src/worker-deps.js';
import { round } from './report.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SellerMetricsResult {
  ordersInWindow: number;
  ordersBeyondWindow: number;
  recordSeconds: number;
  evaluations: number;
  evaluationMsMedian: number;
  /** Nearest-rank 95th percentile of the evaluations. */
  evaluationMsP95: number;
  evaluationMsMax: number;
  /** Each evaluation in order (the first ones also record the overdue orders and prune history). */
  evaluationMsEach: number[];
  atRisk: number;
  openOrders: number;
  stateKeys: number;
  stateMiB: number;
}

/**
 * Scenario 7 (issue 14): one shop with `orders` orders whose ship-by falls within the 30-day
 * window (most confirmed on time, some late, some open, some within the risk horizon), after as
 * many orders beyond the window; then `evaluations` full health evaluations (overdue scan, orders
 * at risk, metrics of both windows, gauges, snapshot), timed. Real Redis, no alerts, no ERP.
 */
export async function runSellerMetrics(opts: {
  redis: Redis;
  orders: number;
  evaluations: number;
}): Promise<SellerMetricsResult> {
  const prefix = `bench-sm-${process.pid}-${Date.now()}`;
  const shopId = 'bench-shop';
  const store = new SellerMetricsStore(opts.redis, prefix, shopId);
  const now = Date.now();
  const events = (i: number, history: boolean): Array<{ orderRef: string; event: SellerEvent }> => {
    const orderRef = `PO-${history ? 'H' : 'W'}-${i}`;
    // Window: ship-by spread over the 30 days before now … 2 days ahead; history: 61 to 32 days ago.
    const shipByMs = history
      ? now - 61 * DAY + ((i * 7_919_000) % (29 * DAY))
      : now - 30 * DAY + ((i * 7_919_000) % (32 * DAY));
    const list: Array<{ orderRef: string; event: SellerEvent }> = [
      { orderRef, event: { kind: 'imported', shipByMs } },
    ];
    const dueAlready = shipByMs < now;
    if (i % 50 === 0) return list; // open: overdue if due, else waiting (some within the horizon)
    const confirmedAt = i % 25 === 1 ? shipByMs + HOUR : shipByMs - 6 * HOUR;
    if (!dueAlready && confirmedAt > now) return list;
    list.push({ orderRef, event: { kind: 'shipped', atMs: confirmedAt - HOUR } });
    list.push({ orderRef, event: { kind: 'confirmed', atMs: confirmedAt } });
    if (shipByMs < now - 5 * DAY)
      list.push({
        orderRef,
        event: { kind: i % 20 === 3 ? 'delivery_failed' : 'delivered', atMs: shipByMs + 4 * DAY },
      });
    return list;
  };
  const deps = { redis: opts.redis, prefix, clock: { nowMs: () => now } } as unknown as WorkerDeps;
  try {
    const started = Date.now();
    // History beyond the window (ship-by 31–60 days ago): pruned by the evaluations, never read by them.
    const PAGE = 5_000;
    for (let i = 0; i < opts.orders; i += PAGE) {
      const n = Math.min(PAGE, opts.orders - i);
      await store.record(Array.from({ length: n }, (_, j) => events(i + j, true)).flat(), now);
    }
    for (let i = 0; i < opts.orders; i += PAGE) {
      const n = Math.min(PAGE, opts.orders - i);
      await store.record(Array.from({ length: n }, (_, j) => events(i + j, false)).flat(), now);
    }
    const recordSeconds = (Date.now() - started) / 1000;
    const times: number[] = [];
    let atRisk = 0;
    for (let e = 0; e < opts.evaluations; e++) {
      const t0 = process.hrtime.bigint();
      const { snapshot } = await evaluateShopHealth(deps, shopId, now);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      atRisk = snapshot.atRiskTotal;
    }
    // The first evaluations also prune the history beyond the window (a page of 1,000 each).
    while ((await store.prune(now)) > 0);
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await opts.redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    let bytes = 0;
    for (const k of keys) bytes += Number((await opts.redis.memory('USAGE', k)) ?? 0);
    const sorted = [...times].sort((a, b) => a - b);
    return {
      ordersInWindow: opts.orders,
      ordersBeyondWindow: opts.orders,
      recordSeconds: round(recordSeconds, 1),
      evaluations: opts.evaluations,
      evaluationMsMedian: round(sorted[Math.floor(sorted.length / 2)]!, 1),
      evaluationMsP95: round(sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)]!, 1),
      evaluationMsMax: round(sorted[sorted.length - 1]!, 1),
      evaluationMsEach: times.map((t) => round(t, 1)),
      atRisk,
      openOrders: (await store.openOrdersDueBy(now + 365 * DAY, 1_000_000)).length,
      stateKeys: keys.length,
      stateMiB: round(bytes / 1024 / 1024, 2),
    };
  } finally {
    await deleteKeysByPrefix(opts.redis, prefix);
  }
}
