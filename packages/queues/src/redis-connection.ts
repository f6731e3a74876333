import { Redis, type RedisOptions } from 'ioredis';

/**
 * What the connection is for decides how it behaves when Redis goes away:
 * - `worker`: blocking commands must wait forever (`maxRetriesPerRequest: null`, BullMQ requires it),
 *   and reconnect until Redis is back: a restart of Redis must not kill the fleet.
 * - `producer` (scheduler, CLI) and `dashboard`: fail fast so an HTTP request answers with an error
 *   instead of hanging while Redis is down.
 */
export type ConnectionRole = 'worker' | 'producer' | 'dashboard';

const ROLE_OPTIONS: Record<ConnectionRole, RedisOptions> = {
  worker: { maxRetriesPerRequest: null, enableReadyCheck: true },
  producer: { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 5_000 },
  dashboard: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 },
};

export function createRedisConnection(url: string, role: ConnectionRole, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    ...ROLE_OPTIONS[role],
    connectionName: `temu-odoo:${role}`,
    // Back off up to 2 s between reconnects; never give up (a worker outlives a Redis restart).
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...extra,
  });
}

/** Resolves when Redis answers PING, rejects with a message naming the URL (without credentials). */
export async function assertRedisReachable(url: string, timeoutMs = 3_000): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new Error(`Redis is not reachable at ${redactUrl(url)}: ${(err as Error).message}`, { cause: err });
  } finally {
    probe.disconnect();
  }
}

/** A Redis URL with any password replaced, safe for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
