import type { AddressInfo } from 'node:net';
import {
  createLogger,
  exitOnSignalWhileStarting,
  exitOnStartupError,
  loadShops,
  parseEnv,
} from '@temu-odoo/config';
import {
  QueueRegistry,
  assertRedisReachable,
  STOCK_SYNC_MODE,
  createRedisConnection,
  installGracefulShutdown,
  shopStateKey,
} from '@temu-odoo/queues';
import { schedulerEnvSchema } from './scheduler-env.js';
import { recurringJobs } from './recurring-jobs.js';
import { registerSchedules } from './register-schedules.js';
import { createSchedulerApp, listen } from './http-server.js';
import { createTemuWebhookHandler } from './temu-webhooks.js';

const SERVICE = 'scheduler';

async function main(): Promise<void> {
  const handOverSignals = exitOnSignalWhileStarting(SERVICE);
  const env = parseEnv(schedulerEnvSchema);
  const shops = loadShops(env);
  const log = createLogger({ service: SERVICE, level: env.LOG_LEVEL });
  await assertRedisReachable(env.REDIS_URL);

  const connection = createRedisConnection(env.REDIS_URL, 'producer');
  connection.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  const registry = new QueueRegistry({
    connection,
    prefix: env.QUEUE_PREFIX,
    onError: (queue, err) => log.warn({ queue, err: err.message }, 'queue error'),
  });

  // A restart must not undo oversell control: shops the worker switched to near-real-time keep it.
  const modes = await Promise.all(
    shops.map((s) => connection.get(shopStateKey(env.QUEUE_PREFIX, s.shopId, STOCK_SYNC_MODE))),
  );
  const nearRealTime = new Set(shops.filter((_, i) => modes[i] === 'near_real_time').map((s) => s.shopId));
  const jobs = recurringJobs(
    env,
    shops.map((s) => s.shopId),
    nearRealTime,
  );
  await registerSchedules(registry, jobs);
  log.info({ schedules: jobs.map((j) => ({ id: j.id, everyMs: j.everyMs })) }, 'recurring work registered');

  const app = createSchedulerApp({
    registry,
    log,
    apiToken: env.SCHEDULER_API_TOKEN,
    loopbackTriggers: env.SCHEDULER_LOOPBACK_TRIGGERS,
    shopIds: shops.map((s) => s.shopId),
    webhooks: createTemuWebhookHandler({ registry, shops, log }),
  });
  const server = await listen(app, env.SCHEDULER_PORT, env.SCHEDULER_HOST);
  log.info({ port: (server.address() as AddressInfo).port }, 'scheduler listening');

  handOverSignals();
  installGracefulShutdown({
    log: (msg, extra) => log.info(extra ?? {}, msg),
    steps: [
      { name: 'http', run: () => new Promise((resolve) => server.close(resolve)) },
      { name: 'queues', run: () => registry.close() },
      { name: 'redis', run: () => connection.quit() },
    ],
  });
}

main().catch((err) => exitOnStartupError(err, SERVICE));
