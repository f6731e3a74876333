import { afterAll, describe, expect, it } from '@jest/globals';
import { OrderLocks } from '../src/order-locks.js';
import { SHOP_ID, testRedis, until } from './support.js';

/**
 * Per-order locks on real Redis: a lock belongs to the token that took it (release and extend touch
 * only its own), expires by itself, and extension tells its holder which orders it lost.
 */
const { redis, prefix, close } = testRedis('order-locks');
afterAll(close);

const lockKey = (p: string, ref: string) => `${p}:{locks:${SHOP_ID}}:order:${ref}`;

describe('OrderLocks', () => {
  it('gives each order to one holder; extension says which locks are still ours', async () => {
    const p = `${prefix}:extend`;
    const locks = new OrderLocks(redis, p);
    const mine = await locks.acquire(SHOP_ID, ['PO-1', 'PO-2'], 60_000);
    expect(mine.locked).toEqual(new Set(['PO-1', 'PO-2']));
    // A second worker gets neither while they are held.
    expect((await locks.acquire(SHOP_ID, ['PO-1', 'PO-2'], 60_000)).locked).toEqual(new Set());
    expect(await locks.extend(SHOP_ID, mine.locked, mine.token, 60_000)).toEqual(new Set(['PO-1', 'PO-2']));
    // PO-2's lock is gone (as if it expired) and another worker takes it: extension reports the loss.
    await redis.del(lockKey(p, 'PO-2'));
    const theirs = await locks.acquire(SHOP_ID, ['PO-2'], 60_000);
    expect(theirs.locked).toEqual(new Set(['PO-2']));
    expect(await locks.extend(SHOP_ID, mine.locked, mine.token, 60_000)).toEqual(new Set(['PO-1']));
    // Extension renews the TTL: set 60 s above, now extended to 120 s.
    await locks.extend(SHOP_ID, ['PO-1'], mine.token, 120_000);
    expect(await redis.pttl(lockKey(p, 'PO-1'))).toBeGreaterThan(60_000);
  });

  it('releases only its own locks', async () => {
    const p = `${prefix}:release`;
    const locks = new OrderLocks(redis, p);
    const a = await locks.acquire(SHOP_ID, ['PO-A'], 60_000);
    const b = await locks.acquire(SHOP_ID, ['PO-B'], 60_000);
    // A releasing both refs frees only its own: PO-B still carries B's token.
    await locks.release(SHOP_ID, ['PO-A', 'PO-B'], a.token);
    expect(await redis.get(lockKey(p, 'PO-A'))).toBeNull();
    expect(await redis.get(lockKey(p, 'PO-B'))).toBe(b.token);
    await locks.release(SHOP_ID, ['PO-B'], b.token);
    expect(await redis.exists(lockKey(p, 'PO-B'))).toBe(0);
  });

  it('expires by itself, so a killed holder blocks the order only until its TTL', async () => {
    const p = `${prefix}:expire`;
    const locks = new OrderLocks(redis, p);
    const dead = await locks.acquire(SHOP_ID, ['PO-X'], 200);
    expect(dead.locked).toEqual(new Set(['PO-X']));
    await until(async () => (await redis.exists(lockKey(p, 'PO-X'))) === 0, 'the 200 ms lock to expire');
    const next = await locks.acquire(SHOP_ID, ['PO-X'], 60_000);
    expect(next.locked).toEqual(new Set(['PO-X']));
    // The dead holder's late extension finds nothing of its own.
    expect(await locks.extend(SHOP_ID, ['PO-X'], dead.token, 60_000)).toEqual(new Set());
    expect(await redis.get(lockKey(p, 'PO-X'))).toBe(next.token);
  });
});
