/**
 * `pnpm start`: the whole fleet on the embedded default — Temu sandbox, Odoo sandbox, scheduler,
 * worker and dashboard — against Redis at REDIS_URL (a private redis-server when nothing answers
 * there). Ctrl-C stops everything cleanly.
 */
import { ensureRedis } from './lib/redis-bootstrap.js';
import { startApp, stopApps, waitForHttp, type AppProcess } from './lib/processes.js';
import { writeDemoCatalog } from './lib/demo-catalog.js';

const say = (msg: string) => process.stdout.write(`fleet        | ${msg}\n`);

async function main(): Promise<void> {
  const redis = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', say);
  const temuPort = process.env.TEMU_SANDBOX_PORT ?? '4010';
  const odooPort = process.env.ODOO_SANDBOX_PORT ?? '8069';
  const dashboardPort = process.env.DASHBOARD_PORT ?? '3000';
  const schedulerPort = process.env.SCHEDULER_PORT ?? '3100';
  const dashboardUser = process.env.DASHBOARD_USER ?? 'admin';
  const dashboardPassword = process.env.DASHBOARD_PASSWORD ?? 'admin';
  const catalogFiles = writeDemoCatalog();
  // The embedded Odoo's user has a password ("admin") and an API key; the worker logs in with the
  // key, which every version accepts and which Odoo 19+ needs for JSON-2 (docs/odoo-api.md).
  const odooApiKey = process.env.ODOO_SANDBOX_API_KEY ?? 'sandbox-odoo-api-key-0123456789abcdef0123';

  // Demo pacing: production defaults are 5 and 15 minutes; the embedded default shows the flow live.
  const env: NodeJS.ProcessEnv = {
    REDIS_URL: redis.url,
    TEMU_SANDBOX_PORT: temuPort,
    ODOO_SANDBOX_PORT: odooPort,
    TEMU_GATEWAY_URL: process.env.TEMU_GATEWAY_URL ?? `http://127.0.0.1:${temuPort}`,
    ODOO_URL: process.env.ODOO_URL ?? `http://127.0.0.1:${odooPort}`,
    ORDER_POLL_MINUTES: process.env.ORDER_POLL_MINUTES ?? '0.5',
    // The Temu sandbox's own carrier, for tracking uploads of Odoo deliveries without a carrier.
    TEMU_DEFAULT_CARRIER_ID: process.env.TEMU_DEFAULT_CARRIER_ID ?? '699272611',
    STOCK_SYNC_MINUTES: process.env.STOCK_SYNC_MINUTES ?? '0.5',
    TEMU_SANDBOX_ORDER_STREAM_PER_MINUTE: process.env.TEMU_SANDBOX_ORDER_STREAM_PER_MINUTE ?? '6',
    TEMU_SANDBOX_CATALOG_FILE: catalogFiles.temu,
    ODOO_SANDBOX_PRODUCTS_FILE: catalogFiles.odoo,
    ODOO_SANDBOX_API_KEY: odooApiKey,
    TEMU_SANDBOX_WEBHOOK_URL:
      process.env.TEMU_SANDBOX_WEBHOOK_URL ?? `http://127.0.0.1:${schedulerPort}/webhooks/temu`,
    DASHBOARD_PORT: dashboardPort,
    DASHBOARD_USER: dashboardUser,
    DASHBOARD_PASSWORD: dashboardPassword,
    SCHEDULER_PORT: schedulerPort,
    SCHEDULER_HOST: process.env.SCHEDULER_HOST ?? '127.0.0.1',
    // Logs for people: one readable line per record (LOG_FORMAT=json for machine-readable output).
    LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty',
    ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } : {}),
    // A laptop fleet: `curl -X POST 127.0.0.1:3100/trigger/…` works without a token.
    SCHEDULER_LOOPBACK_TRIGGERS: process.env.SCHEDULER_LOOPBACK_TRIGGERS ?? 'true',
  };

  const apps: AppProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping the fleet…');
    await stopApps(apps);
    await redis.stop();
    say('stopped');
    process.exit(code);
  };
  // The apps run in their own process groups (see startApp), so these reach only this launcher,
  // which then stops each app once, gracefully.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

  const start = (name: string, app: string, appEnv: NodeJS.ProcessEnv = env) =>
    watch(startApp(name, app, appEnv, { ownProcessGroup: true }));
  const watch = (app: AppProcess) => {
    apps.push(app);
    void app.exited.then((code) => {
      if (!stopping) {
        say(`${app.name} exited with code ${code}; stopping everything`);
        void stop(1);
      }
    });
  };

  start('temu-sandbox', 'temu-sandbox');
  start('odoo-sandbox', 'odoo-sandbox');
  await waitForHttp(`http://127.0.0.1:${temuPort}/_sandbox/stats`);
  await waitForHttp(`http://127.0.0.1:${odooPort}/_sandbox/stats`);
  start('scheduler', 'scheduler');
  start('worker', 'worker', { ...env, ODOO_PASSWORD: process.env.ODOO_PASSWORD ?? odooApiKey });
  start('dashboard', 'dashboard');
  await waitForHttp(`http://127.0.0.1:${dashboardPort}/healthz`);

  say('');
  say(
    `Dashboard (Bull Board): http://127.0.0.1:${dashboardPort}  user "${dashboardUser}", password ${process.env.DASHBOARD_PASSWORD ? '(DASHBOARD_PASSWORD)' : '"admin"'}`,
  );
  say(`Temu sandbox:           http://127.0.0.1:${temuPort}/_sandbox/stats`);
  say(`Odoo sandbox:           http://127.0.0.1:${odooPort}/_sandbox/state/sale.order`);
  say(
    `Odoo version:           ${process.env.ODOO_SANDBOX_VERSION ?? '18.0'} (the worker logs in with ${process.env.ODOO_PASSWORD ? 'ODOO_PASSWORD' : 'the API key'})`,
  );
  say(`Redis:                  ${redis.url}${redis.owned ? ' (private, throwaway)' : ''}`);
  say('Ctrl-C stops everything.');
}

main().catch((err) => {
  process.stderr.write(`fleet: ${(err as Error).message}\n`);
  process.exit(1);
});
