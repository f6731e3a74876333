import { afterAll, describe, expect, it } from '@jest/globals';
import { createRedisConnection } from '@temu-odoo/queues';
import { closeHealthServer, healthPort, startHealthServer } from '../src/health-server.js';

/** The worker's /healthz (WORKER_HEALTH_PORT), which the Kubernetes probes of deploy/k8s call. */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('worker /healthz', () => {
  const redis = createRedisConnection(REDIS_URL, 'worker');
  let running = true;
  const started = startHealthServer({ port: 0, host: '127.0.0.1', redis, running: () => running });

  afterAll(async () => {
    await closeHealthServer(await started);
    if (redis.status !== 'end') await redis.quit();
  });

  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${healthPort(await started)}${path}`);
    return { status: res.status, body: await res.text() };
  };

  it('answers 200 while Redis is ready and the workers run, 503 once they stop or Redis is gone', async () => {
    await redis.ping(); // the connection is ready
    expect(await get('/healthz')).toEqual({
      status: 200,
      body: JSON.stringify({ status: 'ok', redis: 'ready', running: true }),
    });
    expect((await get('/other')).status).toBe(404);
    running = false; // SIGTERM: workers release their jobs
    expect(await get('/healthz')).toEqual({
      status: 503,
      body: JSON.stringify({ status: 'unavailable', redis: 'ready', running: false }),
    });
    running = true;
    // The connection is closed for good: status "end" (set when the socket is gone, after QUIT's reply).
    const ended = new Promise((resolve) => redis.once('end', resolve));
    await redis.quit();
    await ended;
    expect(await get('/healthz')).toEqual({
      status: 503,
      body: JSON.stringify({ status: 'unavailable', redis: 'end', running: true }),
    });
  });
});
