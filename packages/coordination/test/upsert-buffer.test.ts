import { afterAll, describe, expect, it } from '@jest/globals';
import { UpsertBuffer } from '../src/upsert-buffer.js';
import { SHOP_ID, order as mugOrder, pastMs, testRedis, until } from './support.js';

/**
 * The buffer's claims on real Redis: a claim belongs to the flush that made it. A flush whose claim
 * lapsed (it stalled longer than the lease, without renewing) can neither ack nor release the claim
 * another flush took over; a claim nobody renews comes back after the lease.
 */
const LEASE_MS = 300;
const { redis, prefix, close } = testRedis('upsert-buffer');
afterAll(close);

const pastLease = () => pastMs(2 * LEASE_MS);

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

  it('keeps the newer version on add and claims at most `max`, never an order another flush holds', async () => {
    const buffer = new UpsertBuffer(redis, `${prefix}:max`, 60_000);
    const at = 1_750_000_010_000;
    expect(await buffer.add(mugOrder('PO-MAX-1', 'unshipped', at + 5_000))).toBe(true);
    // An older version (5 s earlier) arriving late does not replace the newer one.
    expect(await buffer.add(mugOrder('PO-MAX-1', 'pending', at))).toBe(false);
    for (const ref of ['PO-MAX-2', 'PO-MAX-3']) await buffer.add(mugOrder(ref, 'unshipped', at));
    const first = await buffer.claim(SHOP_ID, 2);
    const second = await buffer.claim(SHOP_ID, 2);
    // 3 orders, claims of at most 2: 2 + 1, disjoint, together all three.
    expect(first.orders).toHaveLength(2);
    expect(second.orders).toHaveLength(1);
    const refs = [...first.orders, ...second.orders].map((o) => o.orderRef).sort();
    expect(refs).toEqual(['PO-MAX-1', 'PO-MAX-2', 'PO-MAX-3']);
    expect([...first.orders, ...second.orders].find((o) => o.orderRef === 'PO-MAX-1')?.status).toBe(
      'unshipped',
    );
    expect(await buffer.size(SHOP_ID)).toEqual({ pending: 0, claimed: 3 });
    // Each flush settles only its own claims: acking the other's refs settles nothing.
    const secondRef = second.orders[0]!.orderRef;
    expect(await buffer.ack(SHOP_ID, first, [secondRef])).toBe(0);
    expect(await buffer.release(SHOP_ID, second, [secondRef])).toBe(1);
    expect(
      await buffer.ack(
        SHOP_ID,
        first,
        first.orders.map((o) => o.orderRef),
      ),
    ).toBe(2);
    expect(await buffer.size(SHOP_ID)).toEqual({ pending: 1, claimed: 0 });
  });

  it('whileHeld renews the lease during slow work and reports orders whose claim was taken', async () => {
    // Renewals every 400 ms against a 1.2 s lease: a busy event loop may delay one by 800 ms.
    const lease = 1_200;
    const buffer = new UpsertBuffer(redis, `${prefix}:held`, lease);
    await buffer.add(mugOrder('PO-HELD-1', 'unshipped', 1_750_000_020_000));
    const claim = await buffer.claim(SHOP_ID, 10);
    const lost: string[] = [];
    // Work lasting 1.5 leases: the renewals every third of a lease keep the claim ours.
    await buffer.whileHeld(
      SHOP_ID,
      claim,
      () => pastMs(1.5 * lease),
      (refs) => lost.push(...refs),
    );
    expect(lost).toEqual([]);
    expect((await buffer.claim(SHOP_ID, 10)).orders).toEqual([]);
    // Another holder takes the claim (as after a stall past the lease): the next renewal reports it.
    await redis.hset(`${prefix}:held:{upserts:${SHOP_ID}}:claims`, 'PO-HELD-1', 'someone-else|9999999999999');
    await buffer.whileHeld(
      SHOP_ID,
      claim,
      () => until(() => lost.length > 0, 'the lost claim to be reported'),
      (refs) => lost.push(...refs),
    );
    expect(lost[0]).toBe('PO-HELD-1');
  });
});
