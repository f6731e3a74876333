import {
  createLogger,
  exitOnSignalWhileStarting,
  exitOnStartupError,
  loadShops,
  parseEnv,
  ShopsWatcher,
} from '@temu-odoo/config';
import { OdooConnection, OdooErp, OdooListingProducts } from '@temu-odoo/odoo-client';
import {
  QueueRegistry,
  TemuQuotaLimiter,
  WorkerRunner,
  assertRedisReachable,
  createRedisConnection,
  currentJobSignal,
  installGracefulShutdown,
} from '@temu-odoo/queues';
import { workerEnvSchema } from './worker-env.js';
import { workerSettings } from './worker-settings.js';
import { buildWorkerDeps } from './build-worker-deps.js';
import { loadPricingFile } from './pricing/pricing-setup.js';
import { buildProcessors } from './processors/index.js';
import { connectOdoo } from './connect-odoo.js';
import { buildHealthDeps } from './seller-metrics/build-health-deps.js';
import { closeHealthServer, healthPort, startHealthServer } from './health-server.js';
import { loadReplenishmentRules } from './replenishment/replenishment-setup.js';
import { returnLabelSetupFromEnv } from './returns/return-label-env.js';

const SERVICE = 'worker';

async function main(): Promise<void> {
  // Signals work from here on, also while the worker waits for Redis or Odoo.
  const handOverSignals = exitOnSignalWhileStarting(SERVICE);
  const env = parseEnv(workerEnvSchema);
  const settings = workerSettings(env);
  const shops = loadShops(env);
  const log = createLogger({ service: SERVICE, level: env.LOG_LEVEL });
  await assertRedisReachable(env.REDIS_URL);

  // Wrong Odoo credentials stop the worker here with one line (the connection says which variable).
  const odoo = new OdooConnection({
    url: env.ODOO_URL,
    db: env.ODOO_DB,
    username: env.ODOO_USERNAME,
    password: env.ODOO_PASSWORD,
    protocol: env.ODOO_PROTOCOL,
    // The running job's signal: a job released at shutdown stops calling Odoo.
    signal: currentJobSignal,
  });
  const session = await connectOdoo(odoo, log);
  log.info({ odooVersion: session.version ?? undefined, protocol: session.protocol }, 'connected to Odoo');
  if (session.protocolNote) log.warn({ protocol: session.protocol }, session.protocolNote);

  const connection = createRedisConnection(env.REDIS_URL, 'worker');
  connection.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  const registry = new QueueRegistry({ connection, prefix: env.QUEUE_PREFIX });
  const quotas = {
    perMinute: {
      orders: env.TEMU_QUOTA_ORDERS_PER_MINUTE,
      inventory: env.TEMU_QUOTA_INVENTORY_PER_MINUTE,
      products: env.TEMU_QUOTA_PRODUCTS_PER_MINUTE,
      shipping: env.TEMU_QUOTA_SHIPPING_PER_MINUTE,
      finance: env.TEMU_QUOTA_FINANCE_PER_MINUTE,
    },
    perSecond: env.TEMU_QUOTA_PER_SECOND,
  };
  const limiters = new Map<string, TemuQuotaLimiter>();
  const limiterFor = (appKey: string) => {
    if (!limiters.has(appKey))
      limiters.set(appKey, new TemuQuotaLimiter(connection, env.QUEUE_PREFIX, appKey, quotas));
    return limiters.get(appKey)!;
  };
  const erp = new OdooErp(odoo);
  const pricingFile = env.PRICING_FILE ? loadPricingFile(env.PRICING_FILE) : null;
  const deps = buildWorkerDeps({
    shops,
    erp,
    ...(pricingFile ? { pricing: { erp, ...pricingFile } } : {}),
    listingErp: new OdooListingProducts(odoo, { publicUrl: env.ODOO_PUBLIC_URL ?? env.ODOO_URL }),
    redis: connection,
    prefix: env.QUEUE_PREFIX,
    registry,
    settings,
    log,
    limiterFor,
    returnsErp: erp,
    consignmentErp: erp.consignment(),
  });
  // Adding a shop to TEMU_SHOPS_FILE needs no restart (README "Kubernetes"): the file is watched.
  const shopsWatcher = env.TEMU_SHOPS_FILE
    ? new ShopsWatcher({
        file: env.TEMU_SHOPS_FILE,
        initial: shops,
        intervalMs: env.TEMU_SHOPS_RELOAD_SECONDS * 1000,
        onChange: ({ shops: next, added, removed, changed }) => {
          deps.setShops?.(next);
          log.info({ added, removed, changed }, 'shops file reloaded');
        },
        onInvalid: (message) => log.error(message),
      }).start()
    : null;
  if (shopsWatcher) deps.refreshShops = () => shopsWatcher.check();
  const returnLabels = returnLabelSetupFromEnv(env, erp);
  if (returnLabels) deps.returnLabels = returnLabels;
  if (env.REPLENISHMENT_FILE)
    deps.replenishment = { shops: loadReplenishmentRules(env.REPLENISHMENT_FILE, shops), erp };
  deps.health = buildHealthDeps({
    activities: erp,
    env,
    redis: connection,
    prefix: env.QUEUE_PREFIX,
    log,
    // Blocked in any app key's limiter counts as throttled.
    throttledForMs: async (group) =>
      Math.max(0, ...(await Promise.all([...limiters.values()].map((l) => l.blockedForMs(group))))),
  });

  const runner = new WorkerRunner({
    connection,
    prefix: env.QUEUE_PREFIX,
    queues: env.WORKER_QUEUES,
    processors: buildProcessors(deps),
    log,
    concurrency: env.WORKER_CONCURRENCY,
    shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
    maxDeferrals: env.WORKER_MAX_DEFERRALS,
    // No onThrottle here: the Temu client blocks the group of the throttled call, for its app key only.
  });
  runner.start();
  let running = true;
  const health =
    env.WORKER_HEALTH_PORT === undefined
      ? null
      : await startHealthServer({
          port: env.WORKER_HEALTH_PORT,
          host: env.WORKER_HEALTH_HOST,
          redis: connection,
          running: () => running,
        });
  log.info(
    {
      queues: env.WORKER_QUEUES,
      shops: (shopsWatcher?.current ?? shops).map((s) => s.shopId),
      ...(health ? { healthPort: healthPort(health) } : {}),
    },
    'worker running',
  );

  handOverSignals();
  installGracefulShutdown({
    log: (msg, extra) => log.info(extra ?? {}, msg),
    timeoutMs: env.WORKER_SHUTDOWN_GRACE_SECONDS * 1000 + 15_000,
    steps: [
      {
        name: 'workers',
        run: () => {
          running = false;
          shopsWatcher?.stop();
          return runner.close();
        },
      },
      { name: 'queues', run: () => registry.close() },
      { name: 'redis', run: () => connection.quit() },
      ...(health ? [{ name: 'health', run: () => closeHealthServer(health) }] : []),
    ],
  });
}

main().catch((err) => exitOnStartupError(err, SERVICE));
