import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import {
  QueueRegistry,
  STOCK_SYNC_MODE,
  createRedisConnection,
  deleteKeysByPrefix,
  shopStateKey,
} from '@temu-odoo/queues';
import { startApp, stopApps, waitForHttp, type AppProcess } from '../../../tools/lib/processes.js';
import { freePort } from '../../../tools/lib/redis-bootstrap.js';
import { uniquePrefix, waitUntil } from '../../../tools/lib/fleet.js';

/**
 * Issue 20, scheduler replicas: two schedulers with different shop files (a rolling deploy) keep
 * each other's schedules; the stock sweep interval has one owner (the scheduler applies the mode
 * oversell control stored); /healthz fails while a schedule is missing. Before the fix the second
 * scheduler's start-up removed every schedule of the shop it did not know.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PER_SHOP = 12; // recurringJobs(): poll, reconcile, sweep, full pass, stock reconcile, scan, products, auth, prices, returns, settlement reconcile, health
/** Fleet-wide schedules: the heartbeat and the fleet alerts. */
const FLEET = 2;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scheduler-replicas-'));
let redis: Redis;
let registry: QueueRegistry;
let prefix: string;
const apps: AppProcess[] = [];

function shopsFile(name: string, shopIds: string[]): string {
  const file = path.join(dir, `${name}.json`);
  const shops = shopIds.map((shopId) => ({
    shopId,
    region: 'US',
    gatewayUrl: 'http://127.0.0.1:9',
    appKey: `key-${shopId}`,
    appSecret: 'secret',
    accessToken: 'token',
  }));
  fs.writeFileSync(file, JSON.stringify(shops));
  return file;
}

interface Health {
  status: string;
  schedules: { ok: boolean; missing: string[]; checks: number };
}

async function startScheduler(name: string, shopIds: string[], env: NodeJS.ProcessEnv = {}) {
  const port = await freePort();
  const app = startApp(
    name,
    'scheduler',
    {
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      TEMU_SHOPS_FILE: shopsFile(name, shopIds),
      SCHEDULER_PORT: String(port),
      SCHEDULER_HOST: '127.0.0.1',
      SCHEDULE_CHECK_SECONDS: '1',
      STOCK_SYNC_MINUTES: '15',
      STOCK_SYNC_FAST_MINUTES: '3',
      ...env,
    },
    { quiet: true },
  );
  apps.push(app);
  const url = `http://127.0.0.1:${port}/healthz`;
  await waitForHttp(url);
  const health = async () => {
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as Health };
  };
  /** Resolves once this scheduler ran `n` more checks than when called. */
  const moreChecks = async (n: number) => {
    const from = (await health()).body.schedules.checks;
    await waitUntil(
      async () => (await health()).body.schedules.checks >= from + n,
      30_000,
      `${name}: ${n} checks`,
    );
  };
  return { app, health, moreChecks };
}

async function scheduleIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const q of registry.all()) for (const s of await q.getJobSchedulers()) ids.push(String(s.key));
  return ids.sort();
}

beforeAll(() => {
  prefix = uniquePrefix('scheduler-replicas');
  redis = createRedisConnection(REDIS_URL, 'producer');
  registry = new QueueRegistry({ connection: redis, prefix });
});

afterAll(async () => {
  await stopApps(apps);
  await registry.close();
  await deleteKeysByPrefix(redis, prefix);
  await redis.quit();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('scheduler replicas', () => {
  it('two schedulers with different shop files keep each other’s schedules; the survivor removes a dropped shop', async () => {
    const newer = await startScheduler('sched-new', ['shop-a', 'shop-b']);
    const older = await startScheduler('sched-old', ['shop-a']);
    // Both have run periodic checks since the other was up.
    await older.moreChecks(2);
    await newer.moreChecks(2);
    const ids = await scheduleIds();
    // heartbeat and fleet alerts + 10 per shop for the two shops the replicas want between them, each once.
    expect(ids).toHaveLength(FLEET + 2 * PER_SHOP);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.endsWith(':shop-b'))).toHaveLength(PER_SHOP);
    expect((await older.health()).status).toBe(200);
    expect((await newer.health()).status).toBe(200);

    // The replica that wanted shop-b stops: nobody wants shop-b any more, the other removes it.
    await stopApps([newer.app]);
    await older.moreChecks(2);
    const left = await scheduleIds();
    expect(left).toHaveLength(FLEET + PER_SHOP);
    expect(left.filter((id) => id.endsWith(':shop-b'))).toEqual([]);
  }, 90_000);

  it('applies the stock sweep interval oversell control stored (the scheduler is its one owner)', async () => {
    const sweepEvery = async () =>
      Number(
        (await registry.queue('odoo').getJobSchedulers()).find((s) => s.key === 'stock.sweep:shop-a')?.every,
      );
    expect(await sweepEvery()).toBe(15 * 60_000);
    await redis.set(shopStateKey(prefix, 'shop-a', STOCK_SYNC_MODE), 'near_real_time');
    await waitUntil(async () => (await sweepEvery()) === 3 * 60_000, 30_000, 'the fast stock sweep interval');
    await redis.set(shopStateKey(prefix, 'shop-a', STOCK_SYNC_MODE), 'normal');
    await waitUntil(
      async () => (await sweepEvery()) === 15 * 60_000,
      30_000,
      'the normal stock sweep interval',
    );
  }, 60_000);

  it('/healthz answers 503 naming a missing schedule, and the scheduler puts it back', async () => {
    await stopApps(apps.splice(0));
    // Checks an hour apart: only /healthz itself can notice the loss here.
    const lone = await startScheduler('sched-lone', ['shop-a'], { SCHEDULE_CHECK_SECONDS: '3600' });
    expect((await lone.health()).status).toBe(200);
    expect(await registry.queue('temu-orders').removeJobScheduler('orders.poll:shop-a')).toBe(true);
    const missing = await lone.health();
    expect(missing.status).toBe(503);
    expect(missing.body.schedules.missing).toEqual(['orders.poll:shop-a']);
    await waitUntil(async () => (await lone.health()).status === 200, 30_000, '/healthz to recover');
    expect(await scheduleIds()).toContain('orders.poll:shop-a');
  }, 60_000);
});
