import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { createRedisConnection, deleteKeysByPrefix } from '@temu-odoo/queues';
import { UpsertBuffer } from '../src/orders/upsert-buffer.js';
import { uniquePrefix } from '../../../tools/lib/fleet.js';
import { SHOP_ID, mugOrder, until } from './support/in-process-worker.js';

/**
 * The buffer's claims on real Redis: a claim belongs to the flush that made it. A flush whose claim
 * lapsed (it stalled longer than the lease, without renewing) can neither ack nor release the claim
 * another flush took over; a claim nobody renews comes back after the lease.
 */
const LEASE_MS = 300;
let redis: Redis;
const prefix = uniquePrefix('upsert-buffer');

beforeAll(() => {
  redis = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'producer');
});
afterAll(async () => {
  await deleteKeysByPrefix(redis, prefix);
  await redis.quit();
});

const pastLease = async () => {
  const from = Date.now();
  await until(() => Date.now() > from + 2 * LEASE_MS, 'the lease to run out');
};

describe('UpsertBuffer claims', () => {
  it('a lapsed claim taken over by another flush is neither acked nor released by its first holder', async () => {
    const buffer = new UpsertBuffer(redis, `${prefix}:lapsed`, LEASE_MS);
    const order = mugOrder('PO-LAPSED-1', 'unshipped', 1_750_000_000_000);
    await buffer.add(order);
    const stalled = await buffer.claim(SHOP_ID, 10);
    expect(stalled.orders.map((o) => o.orderRef)).toEqual(['PO-LAPSED-1']);
    await pastLease();
    const second = await buffer.claim(SHOP_ID, 10);
    expect(second.orders.map((o) => o.orderRef)).toEqual(['PO-LAPSED-1']);
    // The stalled flush wakes up: its renew, ack and release find nothing of theirs.
    expect(await buffer.renew(SHOP_ID, stalled)).toEqual(new Set());
    expect(await buffer.ack(SHOP_ID, stalled, ['PO-LAPSED-1'])).toBe(0);
    expect(await buffer.release(SHOP_ID, stalled, ['PO-LAPSED-1'])).toBe(0);
    expect(await buffer.size(SHOP_ID)).toEqual({ pending: 0, claimed: 1 });
    // The second flush is killed: after its lease the order is claimable again.
    await pastLease();
    const third = await buffer.claim(SHOP_ID, 10);
    expect(third.orders.map((o) => o.orderRef)).toEqual(['PO-LAPSED-1']);
    expect(await buffer.ack(SHOP_ID, third, ['PO-LAPSED-1'])).toBe(1);
    expect(await buffer.size(SHOP_ID)).toEqual({ pending: 0, claimed: 0 });
  });

  it('a renewed claim is not taken back, and release keeps a newer version that arrived meanwhile', async () => {
    // A longer lease here: the claim right after the last renewal must fall within it on a busy machine.
    const lease = 2_000;
    const buffer = new UpsertBuffer(redis, `${prefix}:renewed`, lease);
    const v1 = mugOrder('PO-RENEW-1', 'pending', 1_750_000_000_000);
    const v2 = mugOrder('PO-RENEW-1', 'unshipped', 1_750_000_005_000);
    await buffer.add(v1);
    const first = await buffer.claim(SHOP_ID, 10);
    await buffer.add(v2);
    for (let i = 0; i < 3; i++) {
      const from = Date.now();
      await until(() => Date.now() > from + lease / 2, 'half a lease');
      expect(await buffer.renew(SHOP_ID, first)).toEqual(new Set(['PO-RENEW-1']));
    }
    // 1.5 leases have passed since the claim, but it was renewed: nothing to take.
    expect((await buffer.claim(SHOP_ID, 10)).orders).toEqual([]);
    expect(await buffer.release(SHOP_ID, first, ['PO-RENEW-1'])).toBe(1);
    const next = await buffer.claim(SHOP_ID, 10);
    expect(next.orders).toEqual([v2]);
  });

  it('orders two versions of the same second by status rank, whichever arrives last', async () => {
    const buffer = new UpsertBuffer(redis, `${prefix}:same-second`, LEASE_MS);
    // Temu's update time has one-second resolution: confirmed and cancelled within one second.
    const at = 1_750_000_007_000;
    const cancelled = mugOrder('PO-SECOND-1', 'cancelled', at);
    const unshipped = mugOrder('PO-SECOND-1', 'unshipped', at);
    expect(await buffer.add(cancelled)).toBe(true);
    // The unshipped event arrives late (a slower poll page): cancelled ranks higher, it stays.
    expect(await buffer.add(unshipped)).toBe(false);
    const claim = await buffer.claim(SHOP_ID, 10);
    expect(claim.orders.map((o) => o.status)).toEqual(['cancelled']);
    // Released after a failed write while the late event came in again: still cancelled.
    await buffer.add(unshipped);
    await buffer.release(SHOP_ID, claim, ['PO-SECOND-1']);
    expect((await buffer.claim(SHOP_ID, 10)).orders.map((o) => o.status)).toEqual(['cancelled']);
  });
});
