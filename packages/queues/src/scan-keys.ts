import type { Redis } from 'ioredis';
import { once } from 'node:events';
import { isClusterConnection, masterNodes } from './redis-connection.js';

/**
 * Every key matching `pattern`, a page at a time (SCAN, never KEYS: it must not block a shared
 * Redis). On a cluster a SCAN only walks the node it is sent to, so this walks each master in turn;
 * replicas hold copies and are skipped. On a single Redis it is a plain SCAN.
 */
export async function* scanKeys(redis: Redis, pattern: string, count = 500): AsyncGenerator<string[]> {
  // The masters are known once the cluster connection has loaded the slot map.
  if (isClusterConnection(redis) && redis.status !== 'ready') await once(redis, 'ready');
  for (const node of masterNodes(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length) yield keys;
    } while (cursor !== '0');
  }
}

/** All keys matching `pattern` (see `scanKeys`); for the few-keys walks of reports and pages. */
export async function allKeys(redis: Redis, pattern: string, count = 500): Promise<string[]> {
  const out: string[] = [];
  for await (const page of scanKeys(redis, pattern, count)) out.push(...page);
  return out;
}

/**
 * GET of many keys that may sit in different cluster slots (MGET needs one slot on a cluster, so
 * there it becomes one GET per key); a plain MGET on a single Redis.
 */
export async function getMany(redis: Redis, keys: string[]): Promise<Array<string | null>> {
  if (!keys.length) return [];
  if (!isClusterConnection(redis)) return redis.mget(...keys);
  return Promise.all(keys.map((k) => redis.get(k)));
}
