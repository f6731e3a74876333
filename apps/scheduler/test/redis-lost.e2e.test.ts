import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ORDERS_WATERMARK, shopStateKey } from '@temu-odoo/queues';
import { stopApps, type AppProcess } from '../../../tools/lib/processes.js';
import { startFleetScheduler } from '../../../tools/lib/fleet-scheduler.js';
import { startFleet, uniquePrefix, waitUntil, type Fleet } from '../../../tools/lib/fleet.js';
import { startPrivateRedis, type PrivateRedis } from '../../../tools/lib/private-redis.js';
import { demoOdooProducts, demoTemuCatalog, seedUnshippedOrders } from '../../../tools/lib/import-fleet.js';
import { countDrill } from '../../../tools/lib/drill-verdict.js';
import { importedCount } from '../../../tools/lib/sandbox-stats.js';

/**
 * Issue 20: recurring work survives Redis losing its data. A private redis-server (never the shared
 * one) is restarted with its data files deleted under a running fleet — scheduler and worker keep
 * running, nobody enqueues anything by hand — and orders created after that must still reach Odoo,
 * each exactly once, with the first poll re-reading a short window, not the 30-day first-run backfill.
 * On the code before the fix the scheduler registered schedules only at start-up: after the restart
 * no poll ever ran again and the wait for the new orders timed out (seen: 40 of 70 in Odoo).
 */
const LOOKBACK_MINUTES = 10;
const OVERLAP_MS = 2 * 60_000; // the worker's default ORDER_POLL_OVERLAP_MINUTES
const BEFORE = 40;
const AFTER = 30;

let redis: PrivateRedis;
let fleet: Fleet;
let scheduler: AppProcess;
let healthUrl: string;

beforeAll(async () => {
  redis = await startPrivateRedis();
  fleet = await startFleet({
    redisUrl: redis.url,
    prefix: uniquePrefix('redis-lost'),
    temu: { orderCount: 0, amountCalculationMs: 0, catalog: demoTemuCatalog() },
    odoo: { products: demoOdooProducts() },
    workerEnv: { WORKER_CONCURRENCY: 'temu-orders=4,odoo=2' },
  });
  ({ app: scheduler, healthUrl } = await startFleetScheduler(fleet, {
    SCHEDULE_CHECK_SECONDS: '1',
    ORDER_RECOVERY_LOOKBACK_MINUTES: String(LOOKBACK_MINUTES),
  }));
  fleet.startWorker();
}, 150_000);

afterAll(async () => {
  await stopApps(scheduler ? [scheduler] : []);
  await fleet?.stop();
  await redis?.stop();
}, 60_000);

const health = async () => (await (await fetch(healthUrl)).json()) as { schedules: { checks: number } };

describe('Redis restarted empty under a running fleet', () => {
  it('keeps polling with no manual step, re-reads a short window, and imports every order once', async () => {
    await seedUnshippedOrders(fleet, BEFORE);
    await waitUntil(async () => (await importedCount(fleet)) >= BEFORE, 120_000, `${BEFORE} orders in Odoo`);
    const watermarkKey = shopStateKey(fleet.prefix, fleet.shopId, ORDERS_WATERMARK);
    const watermarkMs = Number(await fleet.redis.get(watermarkKey));
    expect(watermarkMs).toBeGreaterThan(0);
    // Two more scheduler checks: it has now seen a watermark at least this recent.
    const checks = (await health()).schedules.checks;
    await waitUntil(
      async () => (await health()).schedules.checks >= checks + 2,
      30_000,
      'two schedule checks',
    );

    await redis.restartEmpty(500);
    const restartedAtMs = Date.now();
    await seedUnshippedOrders(fleet, AFTER);

    // Every order, the ones created after the loss included, reaches Odoo with nobody enqueuing anything.
    await waitUntil(
      async () => (await importedCount(fleet)) >= BEFORE + AFTER,
      150_000,
      `${BEFORE + AFTER} orders in Odoo after Redis came back empty`,
    );
    const counts = await countDrill(fleet);
    expect(counts).toMatchObject({
      expectedInOdoo: BEFORE + AFTER,
      odooOrders: BEFORE + AFTER,
      duplicates: 0,
      missing: 0,
      unexpectedInOdoo: 0,
    });

    // Every poll since the loss started at or after the restored watermark minus the poll overlap:
    // the last watermark seen − LOOKBACK − overlap, floored to the second (not 30 days back).
    const polls = (await fleet.registry.queue('temu-orders').getCompleted(0, 1000)).filter(
      (j) => j.name === 'orders.poll',
    );
    expect(polls.length).toBeGreaterThan(0);
    const earliestFromMs = Math.min(...polls.map((j) => (j.returnvalue as { fromMs: number }).fromMs));
    expect(earliestFromMs).toBeGreaterThanOrEqual(
      watermarkMs - LOOKBACK_MINUTES * 60_000 - OVERLAP_MS - 1_000,
    );
    expect(earliestFromMs).toBeLessThan(restartedAtMs);

    const after = await fetch(healthUrl);
    expect(after.status).toBe(200);
    expect(((await after.json()) as { schedules: { missing: string[] } }).schedules.missing).toEqual([]);
  }, 330_000);
});
