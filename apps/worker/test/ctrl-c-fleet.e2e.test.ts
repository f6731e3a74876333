import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { QueueRegistry, createRedisConnection, deleteKeysByPrefix, QUEUE_NAMES } from '@temu-odoo/queues';
import { REPO_ROOT, waitForHttp } from '../../../tools/lib/processes.js';
import { freePort } from '../../../tools/lib/redis-bootstrap.js';
import { uniquePrefix, waitUntil } from '../../../tools/lib/fleet.js';

/**
 * Issue 20: Ctrl-C under `pnpm start` (tools/start-fleet.ts) shuts the fleet down gracefully. The
 * terminal sends SIGINT to the whole foreground process group; here the launcher is started as the
 * leader of its own group and the group gets SIGINT, as from a terminal. Odoo is slowed to 30 s an
 * answer so a job is active (mid-import) when it arrives. Afterwards no job may be left active: the
 * worker released it within its grace period. Before the fix each app got SIGINT from the terminal
 * and SIGTERM from the launcher, exited at once on the second signal, and the job stayed active.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = uniquePrefix('ctrl-c');
const redis = createRedisConnection(REDIS_URL, 'producer');
const registry = new QueueRegistry({ connection: redis, prefix });

afterAll(async () => {
  await registry.close();
  await deleteKeysByPrefix(redis, prefix);
  await redis.quit();
}, 30_000);

async function activeJobs(): Promise<number> {
  let n = 0;
  for (const name of QUEUE_NAMES) n += await registry.queue(name).getActiveCount();
  return n;
}

describe('Ctrl-C under pnpm start', () => {
  it('leaves no job active', async () => {
    const [temuPort, odooPort, dashboardPort, schedulerPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const launcher = spawn(
      process.execPath,
      ['--conditions=development', '--import', 'tsx', path.join(REPO_ROOT, 'tools', 'start-fleet.ts')],
      {
        cwd: REPO_ROOT,
        detached: true,
        stdio: ['ignore', 'ignore', 'ignore'],
        env: {
          ...process.env,
          REDIS_URL,
          QUEUE_PREFIX: prefix,
          LOG_LEVEL: 'warn',
          TEMU_SANDBOX_PORT: String(temuPort),
          ODOO_SANDBOX_PORT: String(odooPort),
          DASHBOARD_PORT: String(dashboardPort),
          SCHEDULER_PORT: String(schedulerPort),
          WORKER_SHUTDOWN_GRACE_SECONDS: '2',
        },
      },
    );
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    try {
      await waitForHttp(`http://127.0.0.1:${dashboardPort}/healthz`, 120_000);
      // Slow Odoo only once the worker is logged in and writing (its first demo order is in Odoo):
      // on a busy machine the worker connects after the dashboard answers, and a login behind a 30 s
      // latency would keep it from taking any job at all.
      await waitUntil(
        async () => {
          const res = await fetch(`http://127.0.0.1:${odooPort}/_sandbox/state/sale.order`);
          return ((await res.json()) as { count: number }).count > 0 || null;
        },
        120_000,
        'the first demo order in Odoo',
      );
      await fetch(`http://127.0.0.1:${odooPort}/_sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs: 30_000 }),
      });
      // The demo's first import may already be over, and the next scheduled Odoo work may be minutes
      // away: a shipping scan (an Odoo read) now is certain to be stuck behind the 30 s latency.
      await registry.enqueue('shipping.scan', { shopId: 'demo-shop' });
      await waitUntil(async () => (await activeJobs()) > 0 || null, 90_000, 'a job active mid-import');
      process.kill(-launcher.pid!, 'SIGINT');
      expect(await exited).toBe(0);
      expect(await activeJobs()).toBe(0);
    } finally {
      if (launcher.exitCode === null) process.kill(-launcher.pid!, 'SIGKILL');
    }
  }, 240_000);
});
