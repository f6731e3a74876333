import type { Redis } from 'ioredis';
import { isClusterConnection } from './redis-connection.js';
import { scanKeys } from './scan-keys.js';

/**
 * Deletes every key under a prefix (SCAN, never KEYS: it must not block a shared Redis). Tests,
 * benchmarks and drills use a unique prefix per run and clean it up with this. On a cluster the
 * keys of one page sit in many slots, so each is deleted on its own (one pipeline per page).
 */
export async function deleteKeysByPrefix(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  const cluster = isClusterConnection(redis);
  for await (const keys of scanKeys(redis, `${prefix}*`, 1000)) {
    if (!cluster) {
      deleted += await redis.del(...keys);
      continue;
    }
    const counts = await Promise.all(keys.map((k) => redis.del(k)));
    deleted += counts.reduce((a, b) => a + b, 0);
  }
  return deleted;
}
