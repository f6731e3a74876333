import { createLogger, exitOnSignalWhileStarting, exitOnStartupError } from '@temu-odoo/config';
import {
  QueueRegistry,
  assertRedisReachable,
  createRedisConnection,
  installGracefulShutdown,
  redactUrl,
} from '@temu-odoo/queues';
import { loadDashboardEnv } from './dashboard-env.js';
import { startDashboard } from './dashboard.server.js';
import { BOARD_PATH } from './bull-board.router.js';
import { waitForRedisReady } from './redis-ready.js';

const SERVICE = 'dashboard';

async function main(): Promise<void> {
  const handOverSignals = exitOnSignalWhileStarting(SERVICE);
  const env = loadDashboardEnv();
  const log = createLogger({ service: SERVICE, level: env.LOG_LEVEL });
  const password = env.DASHBOARD_PASSWORD ?? null;
  if (password === null) {
    log.warn(
      '!!! DASHBOARD_INSECURE_LOCAL=true and no DASHBOARD_PASSWORD: the dashboard runs WITHOUT AUTHENTICATION. ' +
        'Anyone who can reach this port can see and replay jobs. Use this on a local machine only. !!!',
    );
  }

  const redis = createRedisConnection(env.REDIS_URL, 'dashboard');
  let lastRedisError = '';
  redis.on('error', (err: Error) => {
    if (err.message !== lastRedisError)
      log.warn({ redis: redactUrl(env.REDIS_URL), err: err.message }, 'Redis error');
    lastRedisError = err.message;
  });
  redis.on('ready', () => {
    lastRedisError = '';
  });
  // The dashboard still starts when Redis is down (its /healthz then says so), but say it up front.
  if (!(await waitForRedisReady(redis))) {
    await assertRedisReachable(env.REDIS_URL).then(
      () => log.warn('Redis answered PING but the dashboard connection is not ready yet'),
      (err: Error) => log.warn(`${err.message}; starting anyway, /healthz reports 503 until it is back`),
    );
  }
  const registry = new QueueRegistry({
    connection: redis,
    prefix: env.QUEUE_PREFIX,
    onError: (queue, err) => log.debug({ queue, err: err.message }, 'queue error'),
  });

  const dashboard = await startDashboard({
    registry,
    redis,
    user: env.DASHBOARD_USER,
    password,
    insecureLocal: env.DASHBOARD_INSECURE_LOCAL,
    log,
    prefix: env.QUEUE_PREFIX,
    metricsPublic: env.METRICS_PUBLIC,
    port: env.DASHBOARD_PORT,
    host: env.DASHBOARD_HOST,
  });
  log.info(
    {
      url: dashboard.url,
      board: `${dashboard.url}${BOARD_PATH}`,
      user: password === null ? null : env.DASHBOARD_USER,
      metricsPublic: env.METRICS_PUBLIC,
      redis: redactUrl(env.REDIS_URL),
    },
    `dashboard listening on ${dashboard.url}`,
  );

  handOverSignals();
  installGracefulShutdown({
    log: (msg, extra) => log.info(extra ?? {}, msg),
    timeoutMs: 10_000,
    steps: [
      { name: 'http server', run: () => dashboard.close() },
      { name: 'queues', run: () => registry.close() },
      // QUIT needs a live connection; while Redis is down just drop the socket.
      {
        name: 'redis',
        run: async () => {
          if (redis.status === 'ready') await redis.quit();
          else if (redis.status !== 'end') redis.disconnect();
        },
      },
    ],
  });
}

main().catch((err: unknown) => exitOnStartupError(err, SERVICE));
