import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { DEFAULT_QUOTAS, TemuQuotaLimiter, createRedisConnection } from '../src/index.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from './redis-test-env.js';

/** Largest number of timestamps inside any window of `windowMs` (the sliding-window rate). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('TemuQuotaLimiter across replicas', () => {
  const prefix = uniquePrefix('quota');
  let redis: Redis;

  beforeAll(() => {
    redis = createRedisConnection(REDIS_URL, 'worker');
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('lets exactly the per-minute quota of a group through, then says how long to wait', async () => {
    const config = {
      ...DEFAULT_QUOTAS,
      perMinute: { ...DEFAULT_QUOTAS.perMinute, finance: 7 },
      perSecond: 1000,
      safetyMarginMs: 0,
    };
    // Three "replicas": separate limiter objects sharing one Redis.
    const replicas = [0, 1, 2].map(() => new TemuQuotaLimiter(redis, prefix, 'key-a', config));
    const waits = await Promise.all(
      Array.from({ length: 12 }, (_, i) => replicas[i % 3]!.tryAcquire('finance')),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(7);
    for (const w of waits.filter((w) => w > 0)) {
      expect(w).toBeGreaterThan(50_000);
      expect(w).toBeLessThanOrEqual(60_001);
    }
    // Another group and another app key are not affected.
    expect(await replicas[0]!.tryAcquire('orders')).toBe(0);
    expect(await new TemuQuotaLimiter(redis, prefix, 'key-b', config).tryAcquire('finance')).toBe(0);
  });

  it('never exceeds the per-second app-key rate in any sliding window', async () => {
    const config = { ...DEFAULT_QUOTAS, perSecond: 5, safetyMarginMs: 0 };
    const replicas = [0, 1, 2].map(() => new TemuQuotaLimiter(redis, prefix, 'key-c', config));
    const granted: number[] = [];
    await Promise.all(
      replicas.map(async (limiter, r) => {
        for (let i = 0; i < 4; i++) {
          granted.push(await limiter.acquire((['orders', 'inventory', 'products'] as const)[r]!));
        }
      }),
    );
    expect(granted).toHaveLength(12);
    expect(maxInWindow(granted, 1000)).toBeLessThanOrEqual(5);
  });

  it('blocks a group for every replica after a throttle answer', async () => {
    const a = new TemuQuotaLimiter(redis, prefix, 'key-d');
    const b = new TemuQuotaLimiter(redis, prefix, 'key-d');
    await a.block('shipping', 5_000);
    const wait = await b.tryAcquire('shipping');
    expect(wait).toBeGreaterThan(4_000);
    expect(await b.blockedForMs('shipping')).toBeGreaterThan(4_000);
    expect(await b.tryAcquire('orders')).toBe(0);
  });
});
