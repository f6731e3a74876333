import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { IntegrationError, BadInputError } from '@temu-odoo/core';
import { createLogger } from '@temu-odoo/config';
import {
  QueueRegistry,
  TemuQuotaLimiter,
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

  const startRunner = (
    overrides: Partial<ProcessorMap>,
    extra: { shutdownGraceMs?: number; maxDeferrals?: number } = {},
  ) => {
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

  it('delays a throttled job without spending an attempt', async () => {
    let calls = 0;
    startRunner({
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
    });
    const job = await registry.enqueue('stock.push', {
      shopId: 's',
      goodsId: 'g',
      targets: [{ skuId: 'k', quantity: 1 }],
      seq: 1,
    });
    await waitFor(async () => (await job.isCompleted()) || null, 10_000, 'completion after throttle');
    const stored = await registry.queue('temu-inventory').getJob(job.id!);
    expect(calls).toBe(2);
    expect(stored?.attemptsMade).toBe(1);
  });

  it('a throttle on one app key and group blocks only that: other shops and groups on the queue keep flowing', async () => {
    // shipping.confirm reads the order (orders group) and uploads (shipping group). Shop A's order
    // read is throttled for 10 minutes; shop B (another app key) reading orders and shop A's upload
    // (shipping group) must still complete. Before issue 20 the runner paused the whole queue
    // (worker.rateLimit) and blocked the queue's group for every app key: neither completed.
    const limiters = {
      A: new TemuQuotaLimiter(producer, prefix, 'app-key-A'),
      B: new TemuQuotaLimiter(producer, prefix, 'app-key-B'),
    };
    const calls: string[] = [];
    const runner = new WorkerRunner({
      connection: workerConn,
      prefix,
      queues: ['temu-shipping'],
      log,
      processors: noopProcessors({
        'shipping.confirm': async ({ shopId, orderRef }) => {
          const limiter = limiters[shopId as 'A' | 'B'];
          const needs = orderRef.endsWith('upload-only') ? 'shipping' : 'orders';
          calls.push(`${shopId}:${orderRef}`);
          if (orderRef === 'PO-A-throttled') {
            // What the Temu client does on a throttle answer: block the call's group for its app key.
            await limiter.block('orders', 600_000);
            throw new IntegrationError('throttled', {
              kind: 'throttled',
              code: 'ERR_TEMU_RATE_LIMITED',
              retryAfterMs: 600_000,
            });
          }
          await limiter.acquire(needs);
          return needs;
        },
      }),
    });
    runner.start();
    runners.push(runner);
    const confirm = (shopId: string, orderRef: string, deliveryId: number) =>
      registry.enqueue('shipping.confirm', {
        shopId,
        orderRef,
        deliveryId,
        trackingNumber: `T${deliveryId}`,
        carrierName: null,
        lines: [{ sku: 'k', quantity: 1 }],
      });
    const throttled = await confirm('A', 'PO-A-throttled', 1);
    await waitFor(
      async () => (await throttled.getState()) === 'delayed' || null,
      10_000,
      'the throttled job delayed',
    );
    const otherShop = await confirm('B', 'PO-B', 2);
    const otherGroup = await confirm('A', 'PO-A-upload-only', 3);
    await waitFor(async () => (await otherShop.isCompleted()) || null, 20_000, "shop B's job (app key B)");
    await waitFor(
      async () => (await otherGroup.isCompleted()) || null,
      20_000,
      "shop A's upload (shipping group)",
    );
    expect(await throttled.getState()).toBe('delayed');
    expect((await registry.queue('temu-shipping').getJob(throttled.id!))?.attemptsMade).toBe(0);
    expect(await limiters.A.blockedForMs('orders')).toBeGreaterThan(0);
    expect(await limiters.A.blockedForMs('shipping')).toBe(0);
    expect(await limiters.B.blockedForMs('orders')).toBe(0);
  }, 60_000);

  it('parks a job put off too often (throttled or not ready) with the reason', async () => {
    let calls = 0;
    startRunner(
      {
        'orders.sync': async () => {
          calls += 1;
          throw new IntegrationError('amounts still computing', {
            kind: 'not_ready',
            code: 'ERR_TEMU_NOT_READY',
            retryAfterMs: 10,
          });
        },
      },
      { maxDeferrals: 3 },
    );
    const job = await registry.enqueue('orders.sync', {
      shopId: 's1',
      orderRef: 'PO-forever',
      updatedAtMs: 1,
      reason: 'manual',
    });
    await waitFor(async () => (await job.isFailed()) || null, 20_000, 'the job parked');
    const stored = await registry.queue('temu-orders').getJob(job.id!);
    // 3 deferrals allowed, the 4th run hits the cap: 4 calls, one attempt (the parking one).
    expect(calls).toBe(4);
    expect(stored?.failedReason).toBe(
      'ERR_DEFERRED_TOO_OFTEN: put off 3 times without spending an attempt (not ready each time, cap WORKER_MAX_DEFERRALS=3); last: amounts still computing',
    );
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
