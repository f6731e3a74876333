import type { Redis } from 'ioredis';

/**
 * The dashboard connection has no offline queue, so a command sent before the first connect
 * completes fails. Wait (bounded) for `ready` before serving; resolves false when Redis did not
 * become ready in time or the first attempt failed, in which case /healthz reports it and the connection keeps retrying.
 */
export function waitForRedisReady(redis: Redis, timeoutMs = 3_000): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('end', onEnd);
      redis.off('error', onEnd);
      resolve(ok);
    };
    const onReady = () => done(true);
    const onEnd = () => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    timer.unref();
    redis.on('ready', onReady);
    redis.on('end', onEnd);
    // A failed first connect means Redis is not there now; do not make the caller wait for retries.
    redis.on('error', onEnd);
  });
}
