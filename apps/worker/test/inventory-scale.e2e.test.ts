/**
 * Issue 6 "How it is checked": a catalogue of 5,000 SKUs (1,000 goods × 5) is fully reconciled
 * within the inventory quota, with one stock call per goods that changed.
 *
 * Quotas: Temu's defaults (inventory 150/min, 20 req/s per app key, R18) would make the first full
 * pass of 1,000 goods take about 7 minutes. To keep the test short, both sides are raised to the SAME
 * values — the sandbox's `rateLimits` and the worker's TEMU_QUOTA_* — and adherence is asserted
 * against those values: the sandbox's highest count in any sliding window must not exceed them.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { FLEET_CREDENTIALS, startFleet, uniquePrefix, type Fleet } from '../../../tools/lib/fleet.js';
import {
  POLICY,
  STOCK_EDIT,
  catalogue,
  expectedTarget,
  failedPushes,
  setOdooStock,
  sweepAndSettle,
  temuStats,
  temuStock,
} from './support/inventory-fleet.helper.js';

const GOODS = 1_000;
const SKUS_PER_GOODS = 5;
const INVENTORY_PER_MINUTE = 6_000;
const PER_SECOND = 200;

const CAT = catalogue('BIG', GOODS, SKUS_PER_GOODS, (g, s) => 5 + ((g * 7 + s * 13) % 60));
const onHand = new Map(CAT.goods.flat().map((s) => [s.code, s.qty]));

let fleet: Fleet;

function wrongTargets(stock: Map<string, number>): string[] {
  return [...onHand]
    .filter(([code, qty]) => stock.get(code) !== expectedTarget(qty))
    .slice(0, 10)
    .map(
      ([code, qty]) => `${code}: Temu ${stock.get(code)}, expected ${expectedTarget(qty)} (on hand ${qty})`,
    );
}

beforeAll(async () => {
  fleet = await startFleet({
    prefix: uniquePrefix('inventory-scale'),
    temu: {
      catalog: CAT.temu,
      orderCount: 0,
      rateLimits: { appKeyPerSecond: PER_SECOND, groupPerMinute: { inventory: INVENTORY_PER_MINUTE } },
    },
    odoo: { products: CAT.odoo },
    workerEnv: {
      ...POLICY.env,
      TEMU_QUOTA_INVENTORY_PER_MINUTE: String(INVENTORY_PER_MINUTE),
      TEMU_QUOTA_PER_SECOND: String(PER_SECOND),
      WORKER_CONCURRENCY: 'temu-inventory=8',
    },
  });
  fleet.startWorker();
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
}, 30_000);

describe('inventory sync at 5,000 SKUs (issue 6)', () => {
  it('reconciles the whole catalogue, then pushes exactly the ~10% of goods that changed, within quota', async () => {
    // First full pass: nothing acknowledged yet, so every goods gets its one call.
    const first = await sweepAndSettle(fleet, true, 80_000);
    expect(first).toMatchObject({ full: true, goodsToPush: GOODS, skusToPush: GOODS * SKUS_PER_GOODS });
    expect(wrongTargets(await temuStock(fleet))).toEqual([]);
    expect((await temuStats(fleet)).callsByType[STOCK_EDIT]).toBe(GOODS);
    const afterFirst = await temuStats(fleet);

    // Every 10th goods changes: one SKU +10 units (target +4), every 50th goods a second SKU too.
    await fleet.temuControl('POST', 'stats/reset');
    const changes = CAT.goods
      .filter((_, g) => g % 10 === 3)
      .flatMap((skus, i) => (i % 5 === 0 ? [skus[0]!, skus[4]!] : [skus[i % SKUS_PER_GOODS]!]))
      .map((sku) => ({ code: sku.code, qty: sku.qty + 10 }));
    await setOdooStock(fleet, changes);
    for (const c of changes) onHand.set(c.code, c.qty);
    const changedGoods = GOODS / 10;

    const second = await sweepAndSettle(fleet, false, 30_000);

    expect(second).toMatchObject({ full: false, goodsToPush: changedGoods, skusToPush: changes.length });
    expect(wrongTargets(await temuStock(fleet))).toEqual([]);
    const afterSecond = await temuStats(fleet);
    expect(afterSecond.callsByType[STOCK_EDIT]).toBe(changedGoods);
    expect(await failedPushes(fleet)).toEqual([]);

    // Quota adherence, against the raised values both sides were given (see the header).
    for (const stats of [afterFirst, afterSecond]) {
      expect(stats.maxObserved.groupPerMinute.inventory).toBeGreaterThan(0);
      expect(stats.maxObserved.groupPerMinute.inventory).toBeLessThanOrEqual(INVENTORY_PER_MINUTE);
      expect(stats.maxObserved.appKeyPerSecond[FLEET_CREDENTIALS.appKey]).toBeLessThanOrEqual(PER_SECOND);
    }
  }, 120_000);
});
