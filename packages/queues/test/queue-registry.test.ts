import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { InvalidJobPayloadError, QueueRegistry, createRedisConnection, queuePrefix } from '../src/index.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from './redis-test-env.js';

describe('QueueRegistry', () => {
  const prefix = uniquePrefix('registry');
  let redis: Redis;
  let registry: QueueRegistry;

  beforeAll(() => {
    redis = createRedisConnection(REDIS_URL, 'producer');
    registry = new QueueRegistry({ connection: redis, prefix });
  });

  afterAll(async () => {
    await registry.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('adds a valid job with the catalog defaults to its queue', async () => {
    const job = await registry.enqueue('orders.sync', {
      shopId: 'shop-1',
      orderRef: 'PO-211-00822146499192890',
      updatedAtMs: 1_700_000_000_000,
      reason: 'manual',
    });
    expect(job.queueName).toBe('temu-orders');
    expect(job.opts.attempts).toBe(6);
    expect(await registry.queue('temu-orders').getJobCounts('wait')).toEqual({ wait: 1 });
  });

  it('refuses an invalid payload before it reaches Redis, naming the field', async () => {
    const bad = { shopId: 'shop-1', orderRef: '', updatedAtMs: 5, reason: 'manual' } as const;
    await expect(registry.enqueue('orders.sync', bad)).rejects.toThrow(InvalidJobPayloadError);
    await expect(registry.enqueue('orders.sync', bad)).rejects.toThrow(
      'Invalid payload for job "orders.sync": orderRef: expected the Temu parentOrderSn',
    );
    await expect(
      registry.enqueue('stock.push', {
        shopId: 's',
        goodsId: 'g',
        targets: [{ skuId: 'k', quantity: -1 }],
        seq: 1,
      }),
    ).rejects.toThrow(/stock\.push.*targets\.0\.quantity/);
    expect(await registry.queue('temu-orders').getJobCounts('wait')).toEqual({ wait: 1 });
  });

  it('keeps every key of one queue in one Redis Cluster slot', async () => {
    await registry.enqueue('system.heartbeat', { from: 'test', sentAtMs: 1 });
    const keys = await redis.keys(`${prefix}*`);
    const heartbeatKeys = keys.filter((k) => k.includes('{system}'));
    expect(heartbeatKeys.length).toBeGreaterThan(1);
    for (const key of heartbeatKeys) expect(key.startsWith(`${queuePrefix(prefix, 'system')}:`)).toBe(true);
    // CLUSTER KEYSLOT hashes only the part inside {}: the same slot for all keys of the queue.
    const slots = new Set(heartbeatKeys.map((k) => k.slice(k.indexOf('{') + 1, k.indexOf('}'))));
    expect([...slots]).toEqual(['system']);
  });
});
