import { afterEach, describe, expect, it } from '@jest/globals';
import { isIntegrationError } from '@temu-odoo/core';
import { ordersUpsert } from '../src/processors/orders-upsert.processor.js';
import {
  SHOP_ID,
  mugOrder,
  startInProcessWorld,
  until,
  type InProcessWorld,
  jobContext,
} from './support/in-process-worker.js';

/**
 * Issue 20 "A lost lock is noticed". Worker A holds an order's lock and stalls in a slow Odoo call
 * long enough for the lock to expire; worker B then takes the lock and writes the order. When A
 * wakes up it must notice the lock is no longer its own and stop before writing to Odoo, failing
 * its job with a retryable error — not create a second Odoo order for the same Temu order.
 */

let world: InProcessWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
}, 60_000);

// The lock itself (ownership, extension, expiry) is unit-tested in packages/coordination.
describe('order locks', () => {
  it('a writer whose lock expired while it stalled stops before writing; the order is in Odoo once', async () => {
    world = await startInProcessWorld('lock-loss');
    const a = world.worker();
    const b = world.worker();
    const ref = 'PO-211-LOCK-0001';
    const order = mugOrder(ref, 'unshipped', 1_750_000_000_000);
    const lockKey = `${world.prefix}:{locks:${SHOP_ID}}:order:${ref}`;

    await world.setOdooLatency(1_500);
    const jobA = ordersUpsert(a)({ shopId: SHOP_ID, orders: [order] }, jobContext()).then(
      (value) => ({ value, error: null }),
      (error: unknown) => ({ value: null, error }),
    );
    await until(async () => (await world!.redis.exists(lockKey)) === 1, 'worker A to lock the order');
    // A is now waiting on Odoo. Its lock runs out as if A had stalled past the TTL…
    await world.redis.pexpire(lockKey, 1);
    await until(async () => (await world!.redis.exists(lockKey)) === 0, "A's lock to expire");
    // …and B, a healthy worker, takes the order and writes it.
    const resultB = await ordersUpsert(b)({ shopId: SHOP_ID, orders: [order] }, jobContext());
    expect(resultB).toEqual([expect.objectContaining({ orderRef: ref, outcome: 'created' })]);

    const outcomeA = await jobA;
    expect(await world.odooOrdersFor(ref)).toHaveLength(1);
    // A's job failed with a retryable error naming the lost lock (BullMQ retries it; the retry
    // finds the order in Odoo and has nothing to do).
    expect(outcomeA.value).toBeNull();
    expect(isIntegrationError(outcomeA.error) && outcomeA.error.kind).toBe('transient');
    expect((outcomeA.error as Error).message).toMatch(/lock/);
    const retry = await ordersUpsert(a)({ shopId: SHOP_ID, orders: [order] }, jobContext());
    expect(retry).toEqual([expect.objectContaining({ orderRef: ref, outcome: 'unchanged' })]);
    expect(await world.odooOrdersFor(ref)).toHaveLength(1);
  }, 120_000);
});
