import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Worker, type Job } from 'bullmq';
import { createRedisConnection, queuePrefix } from '@temu-odoo/queues';
import { AUTH, REDIS_URL, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

/** Runs a real BullMQ worker on `system` whose processor throws, until `count` jobs have failed. */
async function failJobs(fx: DashboardFixture, count: number): Promise<void> {
  const connection = createRedisConnection(REDIS_URL, 'worker');
  let failed = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const worker = new Worker(
    'system',
    async (job: Job) => {
      throw new Error(`Odoo said no to ${String(job.data.from)} <script>`);
    },
    { connection, prefix: queuePrefix(fx.prefix, 'system'), concurrency: 1 },
  );
  worker.on('failed', () => {
    failed += 1;
    if (failed === count) resolveDone();
  });
  try {
    await done;
  } finally {
    await worker.close();
    await connection.quit();
  }
}

describe('/ops: parked jobs and replay', () => {
  let fx: DashboardFixture;
  let failedId: string;
  let otherIds: string[];

  beforeAll(async () => {
    fx = await startFixture('ops');
    const job = await fx.registry.enqueue('system.heartbeat', { from: 'shop-7', sentAtMs: Date.now() });
    const others = await Promise.all(
      [1, 2].map(() => fx.registry.enqueue('system.heartbeat', { from: 'other', sentAtMs: Date.now() })),
    );
    // heartbeat has attempts: 1, so one failure parks the job in `failed`.
    await failJobs(fx, 3);
    failedId = job.id!;
    otherIds = others.map((j) => j.id!);
  });
  afterAll(async () => {
    await fx.stop();
  });

  it('lists the parked job with its name, id, reason (escaped) and attempts', async () => {
    const res = await fetch(`${fx.dashboard.url}/ops`, { headers: AUTH });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('system.heartbeat');
    expect(html).toContain(`/ops/replay/system/${failedId}`);
    expect(html).toContain('Odoo said no to shop-7 &lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Replay all parked (3)');
  });

  it('replays one failed job back to waiting with a fresh attempt budget', async () => {
    const res = await fetch(`${fx.dashboard.url}/ops/replay/system/${failedId}`, {
      method: 'POST',
      headers: AUTH,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/ops?replayed=${encodeURIComponent(`system/${failedId}`)}`);
    const job = await fx.registry.queue('system').getJob(failedId);
    expect(await job!.getState()).toBe('waiting');
    expect(job!.attemptsMade).toBe(0);
    expect(job!.failedReason ?? '').toBe('');
  });

  it('answers 409 when the job is not parked, 404 for unknown jobs and queues', async () => {
    const post = (path: string) =>
      fetch(`${fx.dashboard.url}${path}`, { method: 'POST', headers: AUTH, redirect: 'manual' });
    const again = await post(`/ops/replay/system/${failedId}`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('is waiting; only failed (parked) jobs can be replayed');
    const missing = await post('/ops/replay/system/no-such-job');
    expect(missing.status).toBe(404);
    const unknown = await post('/ops/replay/nope/1');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Unknown queue "nope"; catalog queues are: temu-orders');
  });

  it('refuses a cross-site replay and one without credentials', async () => {
    const cross = await fetch(`${fx.dashboard.url}/ops/replay/system`, {
      method: 'POST',
      headers: { ...AUTH, origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(cross.status).toBe(403);
    const anonymous = await fetch(`${fx.dashboard.url}/ops/replay/system`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(anonymous.status).toBe(401);
    expect(await fx.registry.queue('system').getFailedCount()).toBe(2);
  });

  it('replays all parked jobs of a queue', async () => {
    const res = await fetch(`${fx.dashboard.url}/ops/replay/system`, {
      method: 'POST',
      headers: AUTH,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/ops?replayedAll=system&count=2');
    const queue = fx.registry.queue('system');
    expect(await queue.getFailedCount()).toBe(0);
    for (const id of otherIds) expect(await (await queue.getJob(id))!.getState()).toBe('waiting');

    const page = await (
      await fetch(`${fx.dashboard.url}/ops?replayedAll=system&count=2`, { headers: AUTH })
    ).text();
    expect(page).toContain('Replayed 2 parked job(s) of queue system.');
    expect(page).toContain('No parked jobs.');
  });
});
