import { afterEach, describe, expect, it } from '@jest/globals';
import { startFleet, uniquePrefix, type Fleet, type FleetOptions } from '../../../tools/lib/fleet.js';
import { catalogSeeds, drained, odooOrdersByRef, temuOrders } from './e2e-support.js';

/**
 * Fault tests for the order flow (issue 5), each bounded and self-stopping: a worker SIGKILLed mid
 * import, Odoo down, a Temu throttle storm, a malformed order among good ones. After each: exactly
 * one Odoo order per Temu parent order, nothing missing, and no endpoint group above its quota.
 */
const seeds = catalogSeeds();
const QUOTA = { orders: 3_000, shipping: 600, products: 600, finance: 600, inventory: 600 };
const PER_SECOND = 120;

function fleetOptions(label: string, extra: Partial<FleetOptions> = {}): FleetOptions {
  return {
    prefix: uniquePrefix(label),
    temu: {
      catalog: seeds.temu,
      orderCount: 0,
      amountCalculationMs: 0,
      rateLimits: { appKeyPerSecond: PER_SECOND, groupPerMinute: QUOTA },
    },
    odoo: { products: seeds.odoo },
    workerEnv: {
      WORKER_CONCURRENCY: 'temu-orders=8,odoo=2',
      TEMU_QUOTA_ORDERS_PER_MINUTE: String(QUOTA.orders),
      TEMU_QUOTA_SHIPPING_PER_MINUTE: String(QUOTA.shipping),
      TEMU_QUOTA_PRODUCTS_PER_MINUTE: String(QUOTA.products),
      TEMU_QUOTA_FINANCE_PER_MINUTE: String(QUOTA.finance),
      TEMU_QUOTA_INVENTORY_PER_MINUTE: String(QUOTA.inventory),
      TEMU_QUOTA_PER_SECOND: String(PER_SECOND),
    },
    ...extra,
  };
}

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
}, 60_000);

/** Every unshipped Temu parent order has exactly one Odoo order; returns the counts. */
async function verdict(f: Fleet) {
  const temu = (await temuOrders(f)).filter((o) => o.status === 2);
  const byRef = await odooOrdersByRef(f);
  const missing = temu.filter((o) => !byRef.has(o.parentOrderSn)).map((o) => o.parentOrderSn);
  const duplicates = [...byRef].filter(([, orders]) => orders.length > 1).map(([ref]) => ref);
  return { temu: temu.length, odoo: byRef.size, missing, duplicates };
}

async function assertWithinQuota(f: Fleet) {
  const stats = await f.temuControl<{
    maxObserved: { groupPerMinute: Record<string, number>; appKeyPerSecond: Record<string, number> };
  }>('GET', 'stats');
  for (const [group, max] of Object.entries(stats.maxObserved.groupPerMinute)) {
    expect([group, max <= QUOTA[group as keyof typeof QUOTA]]).toEqual([group, true]);
  }
  for (const max of Object.values(stats.maxObserved.appKeyPerSecond))
    expect(max).toBeLessThanOrEqual(PER_SECOND);
}

const poll = (f: Fleet) => f.registry.enqueue('orders.poll', { shopId: f.shopId });
const reconcile = (f: Fleet) =>
  f.registry.enqueue('orders.reconcile', {
    shopId: f.shopId,
    fromMs: Date.now() - 3_600_000,
    toMs: Date.now() + 60_000,
  });

describe('order sync under faults', () => {
  it('survives a worker SIGKILLed in the middle of a 500-order import', async () => {
    fleet = await startFleet(fleetOptions('kill'));
    await fleet.temuControl('POST', 'orders', { count: 500, status: 2 });
    const victim = fleet.startWorker();
    fleet.startWorker();
    await poll(fleet);
    // Kill once some orders are in Odoo and many are still on their way.
    const f = fleet;
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const check = async () => {
        const n = (await odooOrdersByRef(f)).size;
        if (n >= 50) return resolve();
        if (Date.now() - started > 60_000) return reject(new Error('import did not start'));
        setTimeout(() => void check(), 100);
      };
      void check();
    });
    expect((await verdict(fleet)).odoo).toBeLessThan(500);
    await fleet.stopWorker(victim, 'SIGKILL');
    fleet.startWorker();
    await drained(fleet, 120_000);
    await reconcile(fleet);
    await drained(fleet, 60_000);
    const v = await verdict(fleet);
    expect(v).toEqual({ temu: 500, odoo: 500, missing: [], duplicates: [] });
    await assertWithinQuota(fleet);
  }, 240_000);

  it('waits out Odoo being down for 60 s and then writes everything once', async () => {
    fleet = await startFleet(fleetOptions('odoo-down'));
    fleet.startWorker();
    await fleet.waitForWorkers(1);
    await fleet.temuControl('POST', 'orders', { count: 100, status: 2 });
    await fleet.odooControl('POST', 'faults', { downForMs: 60_000 });
    await poll(fleet);
    await new Promise((r) => setTimeout(r, 20_000));
    expect(
      (await fetch(`${fleet.odoo.url}/jsonrpc`, { method: 'POST', body: '{}' }).catch(() => null))?.status ??
        0,
    ).not.toBe(200);
    await drained(fleet, 200_000);
    await reconcile(fleet);
    await drained(fleet, 60_000);
    expect(await verdict(fleet)).toEqual({ temu: 100, odoo: 100, missing: [], duplicates: [] });
  }, 300_000);

  it('rides a Temu throttle storm with system errors, and parks a malformed order with its reason', async () => {
    fleet = await startFleet(fleetOptions('storm'));
    fleet.startWorker();
    fleet.startWorker();
    // The storm lasts 15 s from when it is set: both workers must be taking jobs by then, or on a
    // busy machine the whole storm can pass before the first Temu call (seen: 0 injected throttles).
    await fleet.waitForWorkers(2, 120_000);
    await fleet.temuControl('POST', 'orders', { count: 150, status: 2 });
    const { orders: bad } = await fleet.temuControl<{ orders: Array<{ parentOrderSn: string }> }>(
      'POST',
      'orders',
      { count: 1, status: 2, malformed: 'missing_order_sn' },
    );
    await fleet.temuControl('POST', 'faults', {
      throttleRate: 0.3,
      systemErrorRate: 0.05,
      durationMs: 15_000,
    });
    await poll(fleet);
    await new Promise((r) => setTimeout(r, 16_000));
    await drained(fleet, 150_000);
    await reconcile(fleet);
    await drained(fleet, 60_000);
    const v = await verdict(fleet);
    expect(v.duplicates).toEqual([]);
    expect(v.missing).toEqual([bad[0]!.parentOrderSn]);
    expect(v.odoo).toBe(150);
    const stats = await fleet.temuControl<{ throttled: { total: number; byReason: { injected: number } } }>(
      'GET',
      'stats',
    );
    expect(stats.throttled.byReason.injected).toBeGreaterThan(0);
    await assertWithinQuota(fleet);
    const parked = await fleet.registry.queue('temu-orders').getFailed();
    const reasons = parked
      .filter((j) => (j.data as { orderRef: string }).orderRef === bad[0]!.parentOrderSn)
      .map((j) => j.failedReason);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons[0]).toMatch(/orderSn/);
  }, 300_000);
});
