import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { ShopState } from '@temu-odoo/coordination';
import type { OrderChange } from '@temu-odoo/core';
import { QueueRegistry, createRedisConnection, deleteKeysByPrefix, queuePrefix } from '@temu-odoo/queues';
import { enqueueChanges } from '../src/processors/orders-poll.processor.js';
import { uniquePrefix } from '../../../tools/lib/fleet.js';

/**
 * Issue 17 "many shops, fairly": one shop's 30-day backfill enqueues thousands of `orders.sync`
 * jobs at once; the fresh orders of other shops, polled after it started, must not wait behind
 * that whole backlog. Real Redis, the worker's own enqueue path, and a real BullMQ worker taking
 * the jobs one at a time (concurrency 1), so the order it takes them in is the queue's order and
 * nothing else: every job is enqueued before the worker starts.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = uniquePrefix('sync-fairness');
let redis: Redis;
let registry: QueueRegistry;

beforeAll(() => {
  redis = createRedisConnection(REDIS_URL, 'producer');
  registry = new QueueRegistry({ connection: redis, prefix });
});

afterAll(async () => {
  await registry.close();
  await deleteKeysByPrefix(redis, prefix);
  await redis.quit();
});

const T0 = 1_750_000_000_000;
function changes(shopId: string, tag: string, count: number): OrderChange[] {
  return Array.from({ length: count }, (_, i) => ({
    shopId,
    orderRef: `PO-${tag}-${String(i).padStart(4, '0')}`,
    status: 'unshipped' as const,
    updatedAtMs: T0 + i * 1000,
  }));
}
const label = (c: OrderChange, reason: string) => `${c.shopId}/${c.orderRef}/${reason}`;

describe('orders.sync fairness between shops', () => {
  it("takes every shop's fresh changes before a backlog of backfill and reconcile syncs enqueued earlier", async () => {
    const state = (shopId: string) => new ShopState(redis, prefix, shopId);
    // Shop A starts a backfill (600 syncs, more than one enqueue bulk of 500), then shop C's
    // reconcile re-enqueues 3 orders; only then are the polls' fresh changes enqueued: 5 of shop
    // B, and 2 of shop A itself (its live orders must not wait behind its own backfill either).
    const backfill = changes('shop-a', 'A-OLD', 600);
    const reconcile = changes('shop-c', 'C-OLD', 3);
    const freshB = changes('shop-b', 'B-NEW', 5);
    const freshA = changes('shop-a', 'A-NEW', 2);
    expect(await enqueueChanges(registry, state('shop-a'), backfill, 'backfill')).toBe(600);
    expect(await enqueueChanges(registry, state('shop-c'), reconcile, 'reconcile')).toBe(3);
    expect(await enqueueChanges(registry, state('shop-b'), freshB, 'poll')).toBe(5);
    expect(await enqueueChanges(registry, state('shop-a'), freshA, 'poll')).toBe(2);

    const taken: string[] = [];
    const connection = createRedisConnection(REDIS_URL, 'worker');
    const worker = new Worker(
      'temu-orders',
      async (job) => {
        const d = job.data as { shopId: string; orderRef: string; reason: string };
        taken.push(`${d.shopId}/${d.orderRef}/${d.reason}`);
      },
      { connection, prefix: queuePrefix(prefix, 'temu-orders'), concurrency: 1 },
    );
    try {
      const total = 600 + 3 + 5 + 2;
      const deadline = Date.now() + 50_000;
      while (taken.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // Worked out by hand from the rule: fresh changes first, in the order they were enqueued
      // (B's five, then A's two); then the catch-up work in its own enqueue order (A's 600
      // backfill syncs, then C's 3 reconcile syncs). Before the rule the 600 backfill syncs came first.
      expect(taken).toEqual([
        ...freshB.map((c) => label(c, 'poll')),
        ...freshA.map((c) => label(c, 'poll')),
        ...backfill.map((c) => label(c, 'backfill')),
        ...reconcile.map((c) => label(c, 'reconcile')),
      ]);
    } finally {
      await worker.close();
      await connection.quit();
    }
  }, 60_000);
});
