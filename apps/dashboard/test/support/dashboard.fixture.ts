import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { createLogger, type Logger } from '@temu-odoo/config';
import { QueueRegistry, createRedisConnection, deleteKeysByPrefix } from '@temu-odoo/queues';
import { startDashboard, waitForRedisReady, type RunningDashboard } from '../../src/index.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const USER = 'operator';
export const PASSWORD = 'correct horse battery staple';

/** Unique per test file and run, so parallel runs on one Redis do not see each other's keys. */
export function uniquePrefix(tag: string): string {
  return `test-dash-${tag}-${process.pid}-${Date.now()}`;
}

export function basicHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export const AUTH = { authorization: basicHeader(USER, PASSWORD) };

/** Log lines collected in memory: tests stay quiet and can assert on what was logged. */
export function memoryLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ service: 'dashboard-test', level: 'debug', destination }), lines };
}

export { deleteKeysByPrefix as deleteKeys } from '@temu-odoo/queues';

export interface DashboardFixture {
  prefix: string;
  redis: Redis;
  registry: QueueRegistry;
  dashboard: RunningDashboard;
  lines: string[];
  stop(): Promise<void>;
}

/** A dashboard on a free port over real Redis; `stop()` closes everything and deletes the run's keys. */
export async function startFixture(
  tag: string,
  overrides: { redisUrl?: string; password?: string | null; metricsPublic?: boolean } = {},
): Promise<DashboardFixture> {
  const prefix = uniquePrefix(tag);
  // Against a Redis that is not there, one attempt is enough: the dashboard's answers are the same
  // (no offline queue, so commands fail at once) and no reconnect timer outlives the test.
  const redis = createRedisConnection(
    overrides.redisUrl ?? REDIS_URL,
    'dashboard',
    overrides.redisUrl ? { retryStrategy: () => null } : {},
  );
  redis.on('error', () => undefined);
  await waitForRedisReady(redis, 2_000);
  const registry = new QueueRegistry({ connection: redis, prefix });
  const { log, lines } = memoryLogger();
  const password = overrides.password === undefined ? PASSWORD : overrides.password;
  const dashboard = await startDashboard({
    registry,
    redis,
    user: USER,
    password,
    insecureLocal: password === null,
    log,
    prefix,
    metricsPublic: overrides.metricsPublic ?? false,
    port: 0,
    host: '127.0.0.1',
  });
  return {
    prefix,
    redis,
    registry,
    dashboard,
    lines,
    async stop() {
      await dashboard.close();
      if (redis.status === 'ready') {
        await registry.close();
        await deleteKeysByPrefix(redis, prefix);
        await redis.quit();
      } else if (redis.status !== 'end') {
        // Not on an ended client: ioredis would arm a 2 s destroy timer for a socket already gone.
        redis.disconnect();
      }
    },
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
