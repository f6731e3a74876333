import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Worker } from 'bullmq';
import { createRedisConnection, queuePrefix } from '@temu-odoo/queues';
import { REPO_ROOT } from '../../../tools/lib/processes.js';
import { AUTH, REDIS_URL, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

/**
 * Issue 20, replay means one thing: `/ops`, `pnpm ops replay` and Bull Board's retry (single job and
 * "retry all") give a parked job the same fresh attempt budget. Each job here is parked after using
 * its 2 attempts (attemptsMade 2, attemptsStarted 2); after a replay through any path both must be
 * 0 and the job waiting. Before the fix `pnpm ops replay` and Bull Board kept attemptsMade at 2, so
 * the replayed job was parked again at its first failure.
 */
let fx: DashboardFixture;
const ids: Record<'ops' | 'cli' | 'board' | 'boardAll', string> = {
  ops: '',
  cli: '',
  board: '',
  boardAll: '',
};

async function parkAll(count: number): Promise<void> {
  const connection = createRedisConnection(REDIS_URL, 'worker');
  let failures = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const worker = new Worker(
    'system',
    async () => {
      throw new Error('Odoo is down');
    },
    { connection, prefix: queuePrefix(fx.prefix, 'system'), concurrency: 1 },
  );
  worker.on('failed', () => {
    failures += 1;
    if (failures === count * 2) resolveDone();
  });
  try {
    await done;
  } finally {
    await worker.close();
    await connection.quit();
  }
}

function runOps(args: string[]): Promise<number | null> {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', path.join(REPO_ROOT, 'tools', 'ops.ts'), ...args],
    { cwd: REPO_ROOT, env: { ...process.env, REDIS_URL, QUEUE_PREFIX: fx.prefix }, stdio: 'ignore' },
  );
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

beforeAll(async () => {
  fx = await startFixture('replay-paths');
  for (const key of Object.keys(ids) as Array<keyof typeof ids>) {
    const job = await fx.registry.enqueue(
      'system.heartbeat',
      { from: key, sentAtMs: Date.now() },
      { attempts: 2, backoff: { type: 'fixed', delay: 0 } },
    );
    ids[key] = job.id!;
  }
  await parkAll(4);
}, 60_000);

afterAll(async () => {
  await fx.stop();
});

async function budget(id: string) {
  const job = (await fx.registry.queue('system').getJob(id))!;
  return {
    state: await job.getState(),
    attemptsMade: job.attemptsMade,
    attemptsStarted: job.attemptsStarted,
  };
}

describe('replay through each path', () => {
  it('every job is parked after its two attempts', async () => {
    for (const id of Object.values(ids)) {
      expect(await budget(id)).toEqual({ state: 'failed', attemptsMade: 2, attemptsStarted: 2 });
    }
  });

  it('/ops replay', async () => {
    const res = await fetch(`${fx.dashboard.url}/ops/replay/system/${ids.ops}`, {
      method: 'POST',
      headers: AUTH,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(await budget(ids.ops)).toEqual({ state: 'waiting', attemptsMade: 0, attemptsStarted: 0 });
  });

  it('pnpm ops replay --queue --job', async () => {
    expect(await runOps(['replay', '--queue', 'system', '--job', ids.cli])).toBe(0);
    expect(await budget(ids.cli)).toEqual({ state: 'waiting', attemptsMade: 0, attemptsStarted: 0 });
  }, 60_000);

  it("Bull Board's retry of one job", async () => {
    const res = await fetch(`${fx.dashboard.url}/queues/api/queues/system/${ids.board}/retry`, {
      method: 'PUT',
      headers: { ...AUTH, origin: fx.dashboard.url },
    });
    expect(res.status).toBe(204);
    expect(await budget(ids.board)).toEqual({ state: 'waiting', attemptsMade: 0, attemptsStarted: 0 });
  });

  it("Bull Board's retry all (the last parked job left)", async () => {
    const res = await fetch(`${fx.dashboard.url}/queues/api/queues/system/retry/failed`, {
      method: 'PUT',
      headers: { ...AUTH, origin: fx.dashboard.url },
    });
    expect(res.status).toBe(200);
    expect(await budget(ids.boardAll)).toEqual({ state: 'waiting', attemptsMade: 0, attemptsStarted: 0 });
  });
});
