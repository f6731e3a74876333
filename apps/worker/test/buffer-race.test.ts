import { afterEach, describe, expect, it } from '@jest/globals';
import { ordersFlush } from '../src/processors/orders-flush.processor.js';
import { UpsertBuffer } from '@temu-odoo/coordination';
import {
  SHOP_ID,
  mugOrder,
  startInProcessWorld,
  until,
  type InProcessWorld,
  jobContext,
} from './support/in-process-worker.js';

/**
 * Issue 20 "Buffer claims are owned". The race: flush A claims an order and stalls on a slow Odoo
 * past its lease; flush B (another worker) takes the order's newer version and is killed before it
 * acks or releases it; then A finishes and acks. The newer version must still reach Odoo, on the
 * one Odoo order A created — never dropped from the buffer, never written twice.
 */
const LEASE_MS = 1_000;
const ODOO_LATENCY_MS = 1_500;

let world: InProcessWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
}, 60_000);

describe('order buffer claims', () => {
  it('keeps a newer version claimed by a killed flush when a stalled flush acks the older one', async () => {
    world = await startInProcessWorld('buffer-race');
    const a = world.worker();
    const b = world.worker();
    const c = world.worker();
    for (const deps of [a, b, c]) deps.buffer = new UpsertBuffer(deps.redis, deps.prefix, LEASE_MS);
    const ref = 'PO-211-RACE-0001';
    // v1 pending (a draft quotation), v2 unshipped one second later (the quotation confirmed).
    const v1 = mugOrder(ref, 'pending', 1_750_000_000_000);
    const v2 = mugOrder(ref, 'unshipped', 1_750_000_001_000);

    await a.buffer.add(v1);
    await world.setOdooLatency(ODOO_LATENCY_MS);
    const claimedAt = Date.now();
    const flushA = ordersFlush(a)({ shopId: SHOP_ID }, jobContext());
    await until(async () => (await a.buffer.size(SHOP_ID)).claimed === 1, 'flush A to claim v1');

    // Temu moves the order on while A is stuck in Odoo.
    await b.buffer.add(v2);
    // Flush B starts once A's lease has run out, claims what it can, and is SIGKILLed: its claims
    // stay behind with nobody to ack or release them.
    await until(() => Date.now() > claimedAt + 2 * LEASE_MS, "A's lease to run out");
    await b.buffer.claim(SHOP_ID, 100);

    await flushA;
    await world.setOdooLatency(0);
    // Later flushes (after B's lease ran out) pick up whatever is still in the buffer.
    await until(() => Date.now() > claimedAt + 4 * LEASE_MS, "B's lease to run out");
    for (let i = 0; i < 5; i++) {
      const left = await c.buffer.size(SHOP_ID);
      if (left.pending + left.claimed === 0) break;
      await ordersFlush(c)({ shopId: SHOP_ID }, jobContext());
      await until(() => Date.now() > claimedAt + (5 + i) * LEASE_MS, 'a claim to expire');
    }

    // v2 was written (synced version), on exactly one Odoo order, now confirmed.
    const synced = await c.shops.get(SHOP_ID)!.state.syncedVersions([ref]);
    expect(synced.get(ref)).toEqual({ updatedAtMs: v2.updatedAtMs, status: 'unshipped' });
    const inOdoo = await world.odooOrdersFor(ref);
    expect(inOdoo).toHaveLength(1);
    expect(inOdoo[0]!.state).toBe('sale');
    expect(await c.buffer.size(SHOP_ID)).toEqual({ pending: 0, claimed: 0 });
  }, 120_000);
});
