import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { IntegrationError, BadInputError } from '@temu-odoo/core';
import { createLogger } from '@temu-odoo/config';
import {
  QueueRegistry,
  WorkerRunner,
  createRedisConnection,
  noopProcessors,
  type ProcessorMap,
} from '../src/index.js';
import { REDIS_URL, deleteKeys, sleep, uniquePrefix, waitFor } from './redis-test-env.js';

const log = createLogger({ service: 'test', level: 'silent' });

describe('WorkerRunner on real Redis', () => {
  const prefix = uniquePrefix('runner');
  let producer: Redis;
  let workerConn: Redis;
  let registry: QueueRegistry;
  const runners: WorkerRunner[] = [];

  const startRunner = (overrides: Partial<ProcessorMap>, extra: { shutdownGraceMs?: number } = {}) => {
    const runner = new WorkerRunner({
      connection: workerConn,
      prefix,
      queues: ['system', 'temu-orders', 'temu-inventory'],
      processors: noopProcessors(overrides),
      log,
      ...extra,
    });
    runner.start();
    runners.push(runner);
    return runner;
  };

  beforeAll(() => {
    producer = createRedisConnection(REDIS_URL, 'producer');
    workerConn = createRedisConnection(REDIS_URL, 'worker');
    registry = new QueueRegistry({ connection: producer, prefix });
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.close()));
    await Promise.all(registry.all().map((q) => q.obliterate({ force: true })));
  });

  afterAll(async () => {
    await registry.close();
    await deleteKeys(producer, prefix);
    await producer.quit();
    await workerConn.quit();
  });

  it('refuses to start when a catalog job has no processor', () => {
    const processors = noopProcessors() as Partial<ProcessorMap>;
    delete processors['stock.push'];
    expect(
      () =>
        new WorkerRunner({
          connection: workerConn,
          prefix,
          queues: ['system'],
          processors: processors as ProcessorMap,
          log,
        }),
    ).toThrow('No processor for catalog job(s): stock.push');
  });

  it('parses the payload and runs the processor', async () => {
    const seen: unknown[] = [];
    startRunner({ 'system.heartbeat': async (payload) => void seen.push(payload) });
    const job = await registry.enqueue('system.heartbeat', { from: 'test', sentAtMs: 42 });
    await waitFor(async () => (await job.isCompleted()) || null, 10_000, 'job completion');
    expect(seen).toEqual([{ from: 'test', sentAtMs: 42 }]);
  });

  it('parks bad input at once with a readable reason, without retries', async () => {
    startRunner({
      'orders.sync': async () => {
        throw new BadInputError('unknown SKU ABC for shop s1', 'ERR_UNKNOWN_SKU');
      },
    });
    const job = await registry.enqueue('orders.sync', {
      shopId: 's1',
      orderRef: 'PO-1',
      updatedAtMs: 1,
      reason: 'manual',
    });
    await waitFor(async () => (await job.isFailed()) || null, 10_000, 'parked job');
    const stored = await registry.queue('temu-orders').getJob(job.id!);
    expect(stored?.failedReason).toBe('ERR_UNKNOWN_SKU: unknown SKU ABC for shop s1');
    expect(stored?.attemptsMade).toBe(1);
  });

  it('pauses the queue on a throttle answer without spending an attempt', async () => {
    let calls = 0;
    const throttles: Array<[string, number]> = [];
    const runner = new WorkerRunner({
      connection: workerConn,
      prefix,
      queues: ['temu-inventory'],
      log,
      onThrottle: async (group, ms) => void throttles.push([group, ms]),
      processors: noopProcessors({
        'stock.push': async () => {
          calls += 1;
          if (calls === 1)
            throw new IntegrationError('throttled', {
              kind: 'throttled',
              code: 'ERR_TEMU_RATE_LIMITED',
              retryAfterMs: 300,
            });
          return 'ok';
        },
      }),
    });
    runner.start();
    runners.push(runner);
    const job = await registry.enqueue('stock.push', {
      shopId: 's',
      goodsId: 'g',
      targets: [{ skuId: 'k', quantity: 1 }],
      seq: 1,
    });
    await waitFor(async () => (await job.isCompleted()) || null, 10_000, 'completion after throttle');
    const stored = await registry.queue('temu-inventory').getJob(job.id!);
    expect(calls).toBe(2);
    expect(throttles).toEqual([['inventory', 300]]);
    expect(stored?.attemptsMade).toBe(1);
  });

  it('delays a not-ready job without spending an attempt', async () => {
    let calls = 0;
    startRunner({
      'orders.sync': async () => {
        calls += 1;
        if (calls === 1)
          throw new IntegrationError('amounts computing', {
            kind: 'not_ready',
            code: 'ERR_TEMU_NOT_READY',
            retryAfterMs: 200,
          });
        return 'ok';
      },
    });
    const job = await registry.enqueue('orders.sync', {
      shopId: 's1',
      orderRef: 'PO-2',
      updatedAtMs: 1,
      reason: 'manual',
    });
    await waitFor(async () => (await job.isCompleted()) || null, 10_000, 'completion after delay');
    const stored = await registry.queue('temu-orders').getJob(job.id!);
    expect(calls).toBe(2);
    expect(stored?.attemptsMade).toBe(1);
  });

  it('releases a long job at shutdown so another worker finishes it exactly once', async () => {
    const completions: string[] = [];
    const started: string[] = [];
    const longJob =
      (who: string) =>
      async (_p: unknown, { signal }: { signal: AbortSignal }) => {
        started.push(who);
        // Simulates long work that honours the abort signal.
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, who === 'A' ? 60_000 : 100);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new Error('aborted'));
          });
        });
        completions.push(who);
      };
    const a = startRunner({ 'system.heartbeat': longJob('A') }, { shutdownGraceMs: 300 });
    const job = await registry.enqueue('system.heartbeat', { from: 'test', sentAtMs: 1 });
    await waitFor(async () => started.includes('A') || null, 10_000, 'A to start the job');
    await a.close();
    runners.splice(runners.indexOf(a), 1);
    expect(await job.getState()).toBe('waiting');
    startRunner({ 'system.heartbeat': longJob('B') });
    await waitFor(async () => (await job.isCompleted()) || null, 10_000, 'B to finish the job');
    await sleep(200);
    expect(completions).toEqual(['B']);
    expect(started).toEqual(['A', 'B']);
  });
});
