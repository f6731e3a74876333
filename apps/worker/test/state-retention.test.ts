import { afterEach, describe, expect, it } from '@jest/globals';
import { shopStateKey } from '@temu-odoo/queues';
import { writeOrders } from '../src/orders/write-orders.js';
import { DEFAULT_RETENTION, pruneGauges, scaledRetention, setGauge } from '@temu-odoo/coordination';
import {
  SHOP_ID,
  mugOrder,
  startInProcessWorld,
  type InProcessWorld,
  silentLog,
} from './support/in-process-worker.js';

/**
 * Issue 20 "Redis stays bounded": per-order state leaves Redis after its retention (README "Redis
 * memory"), and a finished order's buyer data as soon as it is written. Real Redis; times are
 * given to the state explicitly, so no test waits for a month.
 */
const DAY_MS = 86_400_000;
const T0 = 1_750_000_000_000;

let world: InProcessWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
}, 60_000);

describe('state retention', () => {
  it('drops synced versions not written again within 30 days', async () => {
    world = await startInProcessWorld('retention-synced');
    const state = world.worker().shops.get(SHOP_ID)!.state;
    expect(state.retention.syncedVersionsMs).toBe(30 * DAY_MS);
    await state.markSynced(
      ['PO-OLD-1', 'PO-OLD-2', 'PO-OLD-3'].map((orderRef) => ({
        orderRef,
        updatedAtMs: T0,
        status: 'shipped',
      })),
      T0,
    );
    await state.markSynced(
      ['PO-NEW-1', 'PO-NEW-2'].map((orderRef) => ({ orderRef, updatedAtMs: T0, status: 'shipped' })),
      T0 + 20 * DAY_MS,
    );
    // PO-OLD-2 is written again on day 10: its 30 days start again.
    await state.markSynced(
      [{ orderRef: 'PO-OLD-2', updatedAtMs: T0 + 1000, status: 'delivered' }],
      T0 + 10 * DAY_MS,
    );
    // Day 31: written on day 0 → 31 days old (dropped); day 10 → 21; day 20 → 11 (kept).
    expect(await state.pruneSynced(T0 + 31 * DAY_MS)).toBe(2);
    const left = await state.syncedVersions(['PO-OLD-1', 'PO-OLD-2', 'PO-OLD-3', 'PO-NEW-1', 'PO-NEW-2']);
    expect([...left.keys()].sort()).toEqual(['PO-NEW-1', 'PO-NEW-2', 'PO-OLD-2']);
    expect(await world.redis.zcard(shopStateKey(world.prefix, SHOP_ID, 'synced-at'))).toBe(3);
  });

  it("forgets a finished order's buyer data and amounts when it is written, keeps an open order's", async () => {
    world = await startInProcessWorld('retention-pii');
    const deps = world.worker();
    const state = deps.shops.get(SHOP_ID)!.state;
    const open = mugOrder('PO-OPEN-1', 'unshipped', T0);
    const cancelled = mugOrder('PO-CANCELLED-1', 'cancelled', T0);
    for (const o of [open, cancelled]) {
      await state.cache(`address:${o.orderRef}`, { buyer: o.buyer, address: o.shippingAddress }, DAY_MS);
      await state.cache(`amounts:${o.orderRef}`, { total: 1299 }, DAY_MS);
    }
    const { results } = await writeOrders(deps, SHOP_ID, [open, cancelled], silentLog);
    // Open: created in Odoo. Cancelled before Odoo ever saw it: ignored, and finished either way.
    expect(Object.fromEntries(results.map((r) => [r.orderRef, r.outcome]))).toEqual({
      'PO-OPEN-1': 'created',
      'PO-CANCELLED-1': 'ignored',
    });
    expect(await state.cached('address:PO-CANCELLED-1')).toBeNull();
    expect(await state.cached('amounts:PO-CANCELLED-1')).toBeNull();
    expect(await state.cached('address:PO-OPEN-1')).not.toBeNull();
    expect(await state.cached('amounts:PO-OPEN-1')).not.toBeNull();
  }, 60_000);

  it('removes the gauges of a shop that stopped refreshing them', async () => {
    world = await startInProcessWorld('retention-gauges');
    const { redis, prefix } = world;
    await setGauge(redis, prefix, 'oversell_rate{shop="kept"}', 0.01);
    await setGauge(redis, prefix, 'oversell_rate{shop="removed"}', 0.02);
    // The removed shop last wrote its gauge 4 days ago (rewind its write time).
    await redis.zadd(
      `${prefix}:state:{metrics}-at`,
      Date.now() - 4 * DAY_MS,
      'oversell_rate{shop="removed"}',
    );
    expect(await pruneGauges(redis, prefix, DEFAULT_RETENTION.gaugesMs)).toEqual([
      'oversell_rate{shop="removed"}',
    ]);
    expect(await redis.hgetall(`${prefix}:state:{metrics}`)).toEqual({
      'oversell_rate{shop="kept"}': '0.01',
    });
  });

  it('a compressed clock divides every period (benchmarks), never below a second', () => {
    // 30 days / 86,400 = 30 s; 3 days / 86,400 = 3 s; / 10^7 → floored at 1 s.
    expect(scaledRetention(86_400).syncedVersionsMs).toBe(30_000);
    expect(scaledRetention(86_400).gaugesMs).toBe(3_000);
    expect(scaledRetention(10_000_000).deliveryMarkersMs).toBe(1_000);
  });
});
