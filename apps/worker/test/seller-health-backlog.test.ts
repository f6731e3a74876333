import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { evaluateShopHealth } from '../src/seller-metrics/evaluate-shop-health.js';
import { SellerMetricsStore } from '../src/seller-metrics/seller-metrics.store.js';
import type { WorkerDeps } from '../src/worker-deps.js';
import { SHOP_ID, startInProcessWorld, type InProcessWorld } from './support/in-process-worker.js';

/**
 * A large overdue backlog (a shop connected with many late orders, or a worker down for hours) is
 * counted a few hundred orders per evaluation, each order once: no evaluation re-reads the orders
 * an earlier one counted, so none is slow (bench scenario 10 measures the time).
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let world: InProcessWorld;
let deps: WorkerDeps;

beforeAll(async () => {
  world = await startInProcessWorld('seller-health-backlog');
  deps = world.worker();
}, 60_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

describe('overdue backlog', () => {
  it('counts 450 overdue orders over two evaluations (400 then 50), never twice', async () => {
    const now = Date.now();
    const yesterdayNoon = (Math.floor(now / DAY) - 1) * DAY + 12 * HOUR;
    const store = new SellerMetricsStore(deps.redis, deps.prefix, SHOP_ID);
    await store.record(
      Array.from({ length: 450 }, (_, i) => ({
        orderRef: `LATE-${i}`,
        event: { kind: 'imported' as const, shipByMs: yesterdayNoon },
      })),
      now,
    );
    const due = async (atMs: number) => {
      const { snapshot } = await evaluateShopHealth(deps, SHOP_ID, atMs);
      // Every overdue order is listed at once; only their counting is spread.
      expect(snapshot.overdueTotal).toBe(450);
      return snapshot.metrics['7']!.shipByCompliance;
    };
    // All 450 are past their ship-by (yesterday noon), none confirmed: each adds one "due" on
    // yesterday and nothing on time. First evaluation: at most 400 counted.
    expect(await due(now)).toMatchObject({ numerator: 0, denominator: 400 });
    // Next one: the remaining 50.
    expect(await due(now + 60_000)).toMatchObject({ numerator: 0, denominator: 450 });
    // And no more: the counted ones are not counted again.
    expect(await due(now + 120_000)).toMatchObject({ numerator: 0, denominator: 450 });
  }, 60_000);
});
