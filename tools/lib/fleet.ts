/**
 * A whole fleet on one machine for end-to-end tests, benchmarks and drills: both sandboxes in this
 * process (their control APIs drive the scenario), worker processes of the real worker app against
 * a unique Redis prefix, and a registry to enqueue what the scheduler would. Everything binds to
 * 127.0.0.1 on free ports and `stop()` removes every Redis key it created.
 */
import type { Redis } from 'ioredis';
import { startTemuSandbox, type RunningTemuSandbox, type TemuSandboxOptions } from '@temu-odoo/temu-sandbox';
import { startOdooSandbox, type OdooSandboxOptions, type RunningOdooSandbox } from '@temu-odoo/odoo-sandbox';
import { QueueRegistry, createRedisConnection, deleteKeysByPrefix } from '@temu-odoo/queues';
import { startApp, type AppProcess, type AppRuntime } from './processes.js';

export const FLEET_CREDENTIALS = {
  appKey: 'fleet-app-key-000000000000000001',
  appSecret: 'fleet-app-secret-0123456789abcdef',
  accessToken: 'fleet-access-token-0123456789abcdefghij',
  odooDb: 'odoo',
  odooUser: 'admin',
  odooPassword: 'admin',
  /** The Odoo user's API key, what the workers log in with: JSON-2 (19+) takes nothing else, /jsonrpc takes it too. */
  odooApiKey: 'f1ee7f1ee7f1ee7f1ee7f1ee7f1ee7f1ee7f1ee7',
};

export interface FleetOptions {
  redisUrl?: string;
  prefix: string;
  shopId?: string;
  temu?: Omit<TemuSandboxOptions, 'port' | 'appKey' | 'appSecret' | 'accessToken'>;
  odoo?: Omit<OdooSandboxOptions, 'port' | 'db' | 'username' | 'password'>;
  /** Extra env for every worker process (concurrency, quotas, batch size…). */
  workerEnv?: NodeJS.ProcessEnv;
  /** Worker output: printed with a prefix, or collected only (default). */
  quietWorkers?: boolean;
  /** How worker processes run: from sources via tsx (default) or the compiled `dist` (call buildApps first). */
  workerRuntime?: AppRuntime;
  onWorkerLine?: (line: string) => void;
}

export interface Fleet {
  temu: RunningTemuSandbox;
  odoo: RunningOdooSandbox;
  redis: Redis;
  registry: QueueRegistry;
  prefix: string;
  shopId: string;
  workers: AppProcess[];
  workerEnv: NodeJS.ProcessEnv;
  startWorker(extraEnv?: NodeJS.ProcessEnv): AppProcess;
  stopWorker(worker: AppProcess, signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves once `count` worker processes serve the queues (BullMQ lists their connections). */
  waitForWorkers(count: number, timeoutMs?: number): Promise<void>;
  temuControl<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  odooControl<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

async function control<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/_sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const shopId = options.shopId ?? 'shop-e2e';
  const temu = await startTemuSandbox({
    port: 0,
    appKey: FLEET_CREDENTIALS.appKey,
    appSecret: FLEET_CREDENTIALS.appSecret,
    accessToken: FLEET_CREDENTIALS.accessToken,
    ...options.temu,
  });
  const odoo = await startOdooSandbox({
    port: 0,
    db: FLEET_CREDENTIALS.odooDb,
    username: FLEET_CREDENTIALS.odooUser,
    password: FLEET_CREDENTIALS.odooPassword,
    apiKey: FLEET_CREDENTIALS.odooApiKey,
    ...options.odoo,
  });
  const redis = createRedisConnection(redisUrl, 'producer');
  const registry = new QueueRegistry({ connection: redis, prefix: options.prefix });
  const workerEnv: NodeJS.ProcessEnv = {
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: options.prefix,
    LOG_LEVEL: process.env.FLEET_LOG_LEVEL ?? 'warn',
    TEMU_GATEWAY_URL: temu.url,
    TEMU_APP_KEY: FLEET_CREDENTIALS.appKey,
    TEMU_APP_SECRET: FLEET_CREDENTIALS.appSecret,
    TEMU_ACCESS_TOKEN: FLEET_CREDENTIALS.accessToken,
    TEMU_SHOP_ID: shopId,
    TEMU_DEFAULT_CARRIER_ID: '699272611',
    ODOO_URL: odoo.url,
    ODOO_DB: FLEET_CREDENTIALS.odooDb,
    ODOO_USERNAME: FLEET_CREDENTIALS.odooUser,
    ODOO_PASSWORD: FLEET_CREDENTIALS.odooApiKey,
    ODOO_FLUSH_DELAY_MS: '500',
    WORKER_SHUTDOWN_GRACE_SECONDS: '2',
    ...options.workerEnv,
  };
  const workers: AppProcess[] = [];
  const fleet: Fleet = {
    temu,
    odoo,
    redis,
    registry,
    prefix: options.prefix,
    shopId,
    workers,
    workerEnv,
    startWorker(extraEnv = {}) {
      const worker = startApp(
        `worker-${workers.length + 1}`,
        'worker',
        { ...workerEnv, ...extraEnv },
        {
          quiet: options.quietWorkers ?? true,
          runtime: options.workerRuntime ?? 'source',
          ...(options.onWorkerLine ? { onLine: options.onWorkerLine } : {}),
        },
      );
      workers.push(worker);
      return worker;
    },
    async stopWorker(worker, signal = 'SIGTERM') {
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill(signal);
      const code = await worker.exited;
      workers.splice(workers.indexOf(worker), 1);
      return code;
    },
    async waitForWorkers(count, timeoutMs = 30_000) {
      await waitUntil(
        async () => (await registry.queue('system').getWorkersCount()) >= count,
        timeoutMs,
        `${count} worker(s) to start`,
      );
    },
    temuControl: (method, path, body) => control(temu.url, method, path, body),
    odooControl: (method, path, body) => control(odoo.url, method, path, body),
    async stop() {
      await Promise.all([...workers].map((w) => fleet.stopWorker(w, 'SIGTERM')));
      await registry.close();
      await deleteKeysByPrefix(redis, options.prefix);
      await redis.quit();
      await temu.close();
      await odoo.close();
    },
  };
  return fleet;
}

export { deleteKeysByPrefix as deleteKeys } from '@temu-odoo/queues';

export function uniquePrefix(label: string): string {
  return `test-${label}-${process.pid}-${Date.now().toString(36)}`;
}

export async function waitUntil<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
