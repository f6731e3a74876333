import type { AddressInfo } from 'node:net';
import {
  createLogger,
  exitOnSignalWhileStarting,
  exitOnStartupError,
  loadShops,
  parseEnv,
  ShopsWatcher,
} from '@temu-odoo/config';
import {
  QueueRegistry,
  assertRedisReachable,
  createRedisConnection,
  installGracefulShutdown,
} from '@temu-odoo/queues';
import { schedulerEnvSchema } from './scheduler-env.js';
import { ScheduleKeeper } from './schedule-keeper.js';
import { ScheduleOwners } from './schedule-owners.js';
import { WatermarkMemory } from './watermark-memory.js';
import { createSchedulerApp, listen } from './http-server.js';
import { createTemuWebhookHandler } from './temu-webhooks.js';
import { StatementDropFolder } from './statement-drop-folder.js';

const SERVICE = 'scheduler';

async function main(): Promise<void> {
  const handOverSignals = exitOnSignalWhileStarting(SERVICE);
  const env = parseEnv(schedulerEnvSchema);
  // Read by reference at each use (schedules, triggers, webhooks): a reloaded shops file replaces
  // their contents in place.
  const shops = loadShops(env);
  const shopIds = shops.map((s) => s.shopId);
  const fullShops = new Set(shops.filter((s) => s.sellingModel === 'full').map((s) => s.shopId));
  const log = createLogger({ service: SERVICE, level: env.LOG_LEVEL });
  await assertRedisReachable(env.REDIS_URL);

  const connection = createRedisConnection(env.REDIS_URL, 'producer');
  connection.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  const registry = new QueueRegistry({
    connection,
    prefix: env.QUEUE_PREFIX,
    onError: (queue, err) => log.warn({ queue, err: err.message }, 'queue error'),
  });

  const keeper = new ScheduleKeeper({
    registry,
    redis: connection,
    env,
    shopIds,
    fullShops,
    // A lease of three checks: one missed renewal (a slow Redis) does not hand a replica's shops over.
    owners: new ScheduleOwners(connection, env.QUEUE_PREFIX, env.SCHEDULE_CHECK_SECONDS * 3_000 + 5_000),
    watermarks: new WatermarkMemory(
      connection,
      env.QUEUE_PREFIX,
      env.ORDER_RECOVERY_LOOKBACK_MINUTES * 60_000,
    ),
    log,
  });
  await keeper.start();

  const app = createSchedulerApp({
    registry,
    log,
    health: () => keeper.health(),
    apiToken: env.SCHEDULER_API_TOKEN,
    loopbackTriggers: env.SCHEDULER_LOOPBACK_TRIGGERS,
    shopIds,
    webhooks: createTemuWebhookHandler({ registry, shops, log, redis: connection, prefix: env.QUEUE_PREFIX }),
  });
  // Adding a shop to TEMU_SHOPS_FILE needs no restart: its schedules are registered on the reload.
  const shopsWatcher = env.TEMU_SHOPS_FILE
    ? new ShopsWatcher({
        file: env.TEMU_SHOPS_FILE,
        initial: shops,
        intervalMs: env.TEMU_SHOPS_RELOAD_SECONDS * 1000,
        onChange: ({ shops: next, added, removed, changed }) => {
          shops.splice(0, shops.length, ...next);
          shopIds.splice(0, shopIds.length, ...next.map((s) => s.shopId));
          fullShops.clear();
          for (const s of next) if (s.sellingModel === 'full') fullShops.add(s.shopId);
          log.info({ added, removed, changed }, 'shops file reloaded');
          void keeper.check('shops file changed');
        },
        onInvalid: (message) => log.error(message),
      }).start()
    : null;

  // Issue 11: statements dropped into a folder are imported by a worker (settlement.import).
  const dropFolder = env.STATEMENT_DROP_DIR
    ? new StatementDropFolder({
        dir: env.STATEMENT_DROP_DIR,
        registry,
        knownShop: (shopId) => shopIds.includes(shopId),
        bankJournal: env.STATEMENT_DROP_BANK_JOURNAL,
        log,
      }).start(env.STATEMENT_DROP_SECONDS * 1000)
    : null;

  const server = await listen(app, env.SCHEDULER_PORT, env.SCHEDULER_HOST);
  log.info({ port: (server.address() as AddressInfo).port }, 'scheduler listening');

  handOverSignals();
  installGracefulShutdown({
    log: (msg, extra) => log.info(extra ?? {}, msg),
    steps: [
      { name: 'http', run: () => new Promise((resolve) => server.close(resolve)) },
      {
        name: 'schedules',
        run: () => {
          shopsWatcher?.stop();
          return Promise.all([keeper.stop(), dropFolder?.stop()]);
        },
      },
      { name: 'queues', run: () => registry.close() },
      { name: 'redis', run: () => connection.quit() },
    ],
  });
}

main().catch((err) => exitOnStartupError(err, SERVICE));
