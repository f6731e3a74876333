import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { withTimeout } from './with-timeout.js';

/**
 * `/healthz` for container health checks, without auth: 200 when Redis answers PING, 503 with the
 * reason otherwise. The dashboard's connection has no offline queue (packages/queues
 * `createRedisConnection(url, 'dashboard')`), so a down Redis fails the PING at once; the timeout
 * covers a Redis that accepts the connection but does not answer.
 */
export function healthRoute(redis: Redis, timeoutMs = 2_000): RequestHandler {
  return async (_req, res) => {
    try {
      await withTimeout(redis.ping(), timeoutMs, `Redis did not answer PING within ${timeoutMs} ms`);
      res.status(200).json({ status: 'ok', redis: 'up' });
    } catch (err) {
      res.status(503).json({ status: 'unavailable', redis: 'down', reason: (err as Error).message });
    }
  };
}
