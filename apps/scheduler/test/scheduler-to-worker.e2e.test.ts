import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, stopApps, waitForHttp, type AppProcess } from '../../../tools/lib/processes.js';
import { freePort } from '../../../tools/lib/redis-bootstrap.js';
import { startFleet, uniquePrefix, waitUntil, type Fleet } from '../../../tools/lib/fleet.js';

/**
 * The foundation's promise (issue 2): a job enqueued through the catalog on the scheduler side is
 * processed by the worker app; an invalid payload is refused at enqueue naming the field; recurring
 * work registers idempotently across scheduler restarts and replicas.
 */
let fleet: Fleet;
let schedulerPort: number;
const schedulers: AppProcess[] = [];

function startScheduler(): AppProcess {
  const app = startApp(
    'scheduler',
    'scheduler',
    {
      ...fleet.workerEnv,
      SCHEDULER_PORT: String(schedulerPort),
      SCHEDULER_HOST: '127.0.0.1',
      SCHEDULER_LOOPBACK_TRIGGERS: 'true',
    },
    { quiet: true },
  );
  schedulers.push(app);
  return app;
}

beforeAll(async () => {
  fleet = await startFleet({
    prefix: uniquePrefix('scheduler'),
    temu: { orderCount: 0 },
    workerEnv: { WORKER_QUEUES: 'system' },
  });
  schedulerPort = await freePort();
  startScheduler();
  await waitForHttp(`http://127.0.0.1:${schedulerPort}/healthz`);
}, 60_000);

afterAll(async () => {
  await stopApps(schedulers);
  await fleet?.stop();
}, 60_000);

const trigger = (job: string, body: unknown) =>
  fetch(`http://127.0.0.1:${schedulerPort}/trigger/${job}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('scheduler → Redis → worker', () => {
  it('a manual trigger on the scheduler is processed by the worker app', async () => {
    fleet.startWorker();
    const sentAtMs = Date.now();
    const res = await trigger('system.heartbeat', { from: 'e2e-test', sentAtMs });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const beat = await waitUntil(
      async () => {
        const raw = await fleet.redis.get(`${fleet.prefix}:state:heartbeat:last`);
        const parsed = raw ? (JSON.parse(raw) as { from: string; sentAtMs: number; worker: string }) : null;
        return parsed?.from === 'e2e-test' ? parsed : null;
      },
      20_000,
      'the worker to record the heartbeat',
    );
    expect(beat.sentAtMs).toBe(sentAtMs);
    const job = await fleet.registry.queue('system').getJob(jobId);
    expect(await job?.getState()).toBe('completed');
  }, 40_000);

  it('refuses an invalid payload at enqueue, naming the field', async () => {
    const res = await trigger('orders.sync', {
      shopId: 'shop-e2e',
      orderRef: 'PO-1',
      updatedAtMs: -5,
      reason: 'manual',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; field: string };
    expect(body.field).toBe('updatedAtMs');
    expect(body.error).toContain('Invalid payload for job "orders.sync": updatedAtMs');
    const queued = await fleet.registry.queue('temu-orders').getJobs(['waiting', 'delayed', 'prioritized']);
    expect(queued.filter((j) => j.name === 'orders.sync')).toHaveLength(0);
    expect((await trigger('no.such.job', {})).status).toBe(404);
  });

  it('registers recurring work once, however many schedulers start', async () => {
    const count = async () => {
      let n = 0;
      for (const q of fleet.registry.all()) n += (await q.getJobSchedulers()).length;
      return n;
    };
    const before = await waitUntil(async () => (await count()) || null, 10_000, 'schedules');
    // A second replica on another port registers the same ids: once it answers /healthz it has
    // registered (its start-up check runs before it listens) and checked again since.
    const secondPort = await freePort();
    const second = startApp(
      'scheduler-2',
      'scheduler',
      {
        ...fleet.workerEnv,
        SCHEDULER_PORT: String(secondPort),
        SCHEDULER_HOST: '127.0.0.1',
        SCHEDULE_CHECK_SECONDS: '1',
      },
      { quiet: true },
    );
    schedulers.push(second);
    const secondHealth = `http://127.0.0.1:${secondPort}/healthz`;
    await waitForHttp(secondHealth);
    await waitUntil(
      async () => {
        const res = await fetch(secondHealth);
        const body = (await res.json()) as { schedules: { checks: number } };
        return res.status === 200 && body.schedules.checks >= 2;
      },
      30_000,
      'the second scheduler to register and check its schedules',
    );
    expect(await count()).toBe(before);
    const ids = (await fleet.registry.queue('temu-orders').getJobSchedulers()).map((s) => s.key).sort();
    expect(ids).toEqual(['orders.poll:shop-e2e', 'orders.reconcile:shop-e2e']);
  }, 30_000);
});
