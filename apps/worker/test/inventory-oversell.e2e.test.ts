/**
 * Issue 6 / R10 oversell control end to end: Temu orders arrive for SKUs whose Odoo stock was never
 * pushed to Temu (Temu still shows 999), so most cannot be fulfilled at confirmation. The oversell
 * rate goes above 1%, the worker switches the shop's stock sync mode to near-real-time (the scheduler,
 * the schedule's one owner, applies STOCK_SYNC_FAST_MINUTES: apps/scheduler/test/scheduler-replicas),
 * and the metric, the stored mode and the worker's log all show it.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { STOCK_SYNC_MODE, shopStateKey } from '@temu-odoo/queues';
import { startFleet, uniquePrefix, waitUntil, type Fleet } from '../../../tools/lib/fleet.js';
import {
  POLICY,
  catalogue,
  drained,
  expectedTarget,
  jobResult,
  setOdooStock,
  sweepAndSettle,
  temuStock,
} from './support/inventory-fleet.helper.js';

const NORMAL_MINUTES = 15;
const FAST_MINUTES = 3;
// Goods 1 starts with 20 and 10 units (then drops in Odoo to 1 and 0); goods 2 is well stocked.
const CAT = catalogue('OVS', 2, 2, (g, s) => (g === 0 ? 20 - 10 * s : 50));
const [SCARCE, EMPTY] = CAT.goods[0]!;
const PLENTY = CAT.goods[1]![0]!;

let fleet: Fleet;
const lines: string[] = [];

beforeAll(async () => {
  fleet = await startFleet({
    prefix: uniquePrefix('inventory-oversell'),
    temu: { catalog: CAT.temu, orderCount: 0, amountCalculationMs: 0 },
    odoo: { products: CAT.odoo },
    workerEnv: {
      ...POLICY.env,
      LOG_LEVEL: 'info',
      STOCK_SYNC_MINUTES: String(NORMAL_MINUTES),
      STOCK_SYNC_FAST_MINUTES: String(FAST_MINUTES),
    },
    onWorkerLine: (line) => lines.push(line),
  });
  fleet.startWorker();
  // Temu starts in step with Odoo (before the oversell scheduler exists, so the odoo queue drains).
  await sweepAndSettle(fleet, true, 30_000);
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
}, 30_000);

async function metrics(): Promise<Record<string, string>> {
  return fleet.redis.hgetall(`${fleet.prefix}:state:metrics`);
}

function logEvents(event: string): Array<Record<string, unknown>> {
  return lines
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((entry) => entry.event === event);
}

describe('oversell control (issue 6, R10)', () => {
  it('raises the oversell rate above 1% and shortens the stock sweep interval, visibly', async () => {
    const shop = fleet.shopId;
    // Odoo stock drops (sold elsewhere) but the next sweep is 15 minutes away: Temu still shows 7 and 3.
    await setOdooStock(fleet, [
      { code: SCARCE!.code, qty: 1 },
      { code: EMPTY!.code, qty: 0 },
    ]);
    const before = await temuStock(fleet);
    expect([before.get(SCARCE!.code), before.get(EMPTY!.code)]).toEqual([
      expectedTarget(20),
      expectedTarget(10),
    ]);
    // 4 orders for 1 free unit, 2 for none at all, 4 fully covered: 5 of 10 cannot be fulfilled.
    await fleet.temuControl('POST', 'orders', {
      count: 4,
      status: 2,
      lines: [{ sku: SCARCE!.code, quantity: 1 }],
    });
    await fleet.temuControl('POST', 'orders', {
      count: 2,
      status: 2,
      lines: [{ sku: EMPTY!.code, quantity: 1 }],
    });
    await fleet.temuControl('POST', 'orders', {
      count: 4,
      status: 2,
      lines: [{ sku: PLENTY.code, quantity: 2 }],
    });

    await fleet.registry.enqueue('orders.poll', { shopId: shop });

    // All ten orders confirmed in Odoo (the oversell check runs as they are confirmed).
    await waitUntil(
      async () => {
        const { records } = await fleet.odooControl<{ records: Array<{ state: string }> }>(
          'GET',
          'state/sale.order?fields=state',
        );
        return records.filter((r) => r.state === 'sale').length === 10;
      },
      60_000,
      'ten confirmed sale orders in Odoo',
    );
    const gauges = await waitUntil(
      async () => {
        const m = await metrics();
        return m[`stock_sync_interval_minutes{shop="${shop}"}`] === String(FAST_MINUTES) ? m : null;
      },
      30_000,
      'the stock sync interval gauge to show the fast interval',
    );
    expect(Number(gauges[`oversell_rate{shop="${shop}"}`])).toBeCloseTo(0.5, 5);

    // The mode the scheduler reads to re-register the sweep; the worker no longer writes the schedule.
    expect(await fleet.redis.get(shopStateKey(fleet.prefix, shop, STOCK_SYNC_MODE))).toBe('near_real_time');
    expect(await fleet.registry.queue('odoo').getJobSchedulers()).toEqual([]);

    // And the operator sees it in the log, once (hysteresis: it does not flap per batch).
    const changed = await waitUntil(
      async () => (logEvents('stock_sync_mode_changed').length ? logEvents('stock_sync_mode_changed') : null),
      10_000,
      'the stock_sync_mode_changed event in the worker log',
    );
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({
      event: 'stock_sync_mode_changed',
      shop,
      mode: 'near_real_time',
      intervalMinutes: FAST_MINUTES,
    });
    expect(changed[0]!.oversellRate as number).toBeGreaterThan(0.01);
  }, 100_000);

  it('the next sweep brings Temu down to what is left free after the confirmed orders', async () => {
    const job = await fleet.registry.enqueue('stock.sweep', { shopId: fleet.shopId, full: false });
    await jobResult(fleet, job, 30_000);
    await drained(fleet, ['temu-inventory'], 30_000);
    const stock = await temuStock(fleet);
    // Free = on hand − reserved by the confirmed orders: 1 − 1, 0, and 50 − 4 × 2.
    expect(stock.get(SCARCE!.code)).toBe(0);
    expect(stock.get(EMPTY!.code)).toBe(0);
    expect(stock.get(PLENTY.code)).toBe(expectedTarget(50 - 8));
  }, 60_000);

  it('counts orders first seen pending (no address yet) when they are confirmed later', async () => {
    const shop = fleet.shopId;
    // Temu's usual path: a new order is pending, imported once it is unshipped. 4 of them for a SKU
    // with no free stock left: every one is oversold when Odoo confirms it.
    const { orders } = await fleet.temuControl<{ orders: Array<{ parentOrderSn: string }> }>(
      'POST',
      'orders',
      {
        count: 4,
        status: 1,
        lines: [{ sku: EMPTY!.code, quantity: 1 }],
      },
    );
    const refs = orders.map((o) => o.parentOrderSn);
    const synced = async () =>
      (await fleet.redis.hmget(`${fleet.prefix}:state:shop:${shop}:synced`, ...refs)).filter(
        (v) => v !== null,
      ).length === refs.length;
    await fleet.registry.enqueue('orders.poll', { shopId: shop });
    await waitUntil(synced, 30_000, 'the pending orders to be seen by the worker');
    for (const ref of refs) await fleet.temuControl('POST', `orders/${ref}/transition`, { to: 'unshipped' });

    await fleet.registry.enqueue('orders.poll', { shopId: shop });
    await waitUntil(
      async () => {
        const { records } = await fleet.odooControl<{ records: Array<{ state: string }> }>(
          'GET',
          'state/sale.order?fields=state',
        );
        return records.filter((r) => r.state === 'sale').length === 14;
      },
      60_000,
      'the four orders confirmed in Odoo',
    );
    // 5 of the first 10 plus these 4: 9 oversold of 14.
    const rate = await waitUntil(
      async () => {
        const v = Number((await metrics())[`oversell_rate{shop="${shop}"}`]);
        return v !== 0.5 ? v : null;
      },
      15_000,
      'the oversell rate to take the four confirmed orders into account',
    );
    expect(rate).toBeCloseTo(9 / 14, 5);
  }, 100_000);
});
