import { afterAll, describe, expect, it } from '@jest/globals';
import { DAY_MS } from '@temu-odoo/core';
import { ShopState, pruneGauges, setGauge } from '../src/shop-state.js';
import { DEFAULT_RETENTION } from '../src/state-retention.js';
import { SHOP_ID, testRedis } from './support.js';

/** Per-shop state on real Redis: what the worker remembers between jobs, and how it is kept small. */
const { redis, prefix, close } = testRedis('shop-state');
afterAll(close);

const stateFor = (label: string, retention = DEFAULT_RETENTION) =>
  new ShopState(redis, `${prefix}:${label}`, SHOP_ID, retention);

describe('ShopState', () => {
  it('moves a watermark only from the value its caller read', async () => {
    const state = stateFor('watermark');
    expect(await state.watermark('orders')).toBeNull();
    expect(await state.advanceWatermark('orders', null, 1_000)).toBe(true);
    // A poll that read "none" before the first one moved it must not overwrite 1,000.
    expect(await state.advanceWatermark('orders', null, 2_000)).toBe(false);
    expect(await state.advanceWatermark('orders', 1_000, 3_000)).toBe(true);
    expect(await state.watermark('orders')).toBe(3_000);
    // Kinds are separate.
    expect(await state.watermark('stock')).toBeNull();
  });

  it('remembers synced versions and drops those not written again within the retention', async () => {
    const state = stateFor('synced', { ...DEFAULT_RETENTION, syncedVersionsMs: DAY_MS });
    const t0 = 1_750_000_000_000;
    await state.markSynced([{ orderRef: 'PO-OLD', updatedAtMs: 111, status: 'shipped' }], t0);
    // Written 1 ms before PO-OLD turns a day old: each write also prunes (the cut-off is inclusive).
    await state.markSynced([{ orderRef: 'PO-NEW', updatedAtMs: 222, status: 'unshipped' }], t0 + DAY_MS - 1);
    expect(await state.syncedVersions(['PO-OLD', 'PO-NEW', 'PO-NONE'])).toEqual(
      new Map([
        ['PO-OLD', { updatedAtMs: 111, status: 'shipped' }],
        ['PO-NEW', { updatedAtMs: 222, status: 'unshipped' }],
      ]),
    );
    // At t0 + 1 day + 1 ms the cut-off is t0 + 1: PO-OLD (written at t0) goes, PO-NEW (t0 + 1 day − 1) stays.
    expect(await state.pruneSynced(t0 + DAY_MS + 1)).toBe(1);
    expect([...(await state.syncedVersions(['PO-OLD', 'PO-NEW'])).keys()]).toEqual(['PO-NEW']);
  });

  it('keeps once-only markers, acknowledged stock, sales and the sync mode', async () => {
    const state = stateFor('misc');
    expect(await state.markOnce('tracking:D1', 60_000)).toBe(true);
    expect(await state.markOnce('tracking:D1', 60_000)).toBe(false);
    expect(await state.markedAmong(['tracking:D1', 'tracking:D2'])).toEqual(new Set(['tracking:D1']));
    await state.unmark('tracking:D1');
    expect(await state.isMarked('tracking:D1')).toBe(false);

    await state.acknowledgeStock([
      { skuId: 'S1', quantity: 5 },
      { skuId: 'S2', quantity: 0 },
    ]);
    await state.acknowledgeStock([{ skuId: 'S1', quantity: 7 }]);
    expect(await state.acknowledgedStock()).toEqual(
      new Map([
        ['S1', 7],
        ['S2', 0],
      ]),
    );
    await state.replaceAcknowledgedStock([{ skuId: 'S3', quantity: 1 }]);
    expect(await state.acknowledgedStock()).toEqual(new Map([['S3', 1]]));

    // Two days: day 0 sells 2 + 3 MUG, day 1 sells 4 MUG. A 1-day window on day 1 sees 4; 2 days see 9.
    const day1 = 20_000 * DAY_MS;
    await state.recordSales([
      { sku: 'MUG', quantity: 2, atMs: day1 - DAY_MS },
      { sku: 'MUG', quantity: 3, atMs: day1 - 1 },
      { sku: 'MUG', quantity: 4, atMs: day1 + 5 },
    ]);
    expect(await state.unitsSold(1, day1 + 10)).toEqual(new Map([['MUG', 4]]));
    expect(await state.unitsSold(2, day1 + 10)).toEqual(new Map([['MUG', 9]]));

    expect(await state.syncMode()).toBe('normal');
    await state.setSyncMode('near_real_time');
    expect(await state.syncMode()).toBe('near_real_time');
  });

  it('records oversell events and reads them back from a time on', async () => {
    const state = stateFor('oversell');
    const now = Date.now();
    await state.recordOversell(
      [
        { orderRef: 'PO-1', oversold: true, atMs: now - 2_000 },
        { orderRef: 'PO-2', oversold: false, atMs: now - 1_000 },
      ],
      60_000,
    );
    expect(await state.oversellEvents(now - 1_500)).toEqual([
      { orderRef: 'PO-2', oversold: false, atMs: now - 1_000 },
    ]);
    expect(await state.oversellEvents(0)).toHaveLength(2);
  });

  it('drops gauges nobody refreshed', async () => {
    const p = `${prefix}:gauges`;
    await setGauge(redis, p, 'stale_gauge', 1);
    await redis.zadd(`${p}:state:{metrics}-at`, Date.now() - 10_000, 'stale_gauge');
    await setGauge(redis, p, 'fresh_gauge', 2);
    expect(await pruneGauges(redis, p, 5_000)).toEqual(['stale_gauge']);
    expect(await redis.hgetall(`${p}:state:{metrics}`)).toEqual({ fresh_gauge: '2' });
  });
});
