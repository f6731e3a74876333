import type { Redis } from 'ioredis';

/**
 * Deletes every key under a prefix (SCAN, never KEYS: it must not block a shared Redis). Tests,
 * benchmarks and drills use a unique prefix per run and clean it up with this.
 */
export async function deleteKeysByPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
