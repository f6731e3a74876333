import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '@temu-odoo/config';
import { OdooConnection } from '@temu-odoo/odoo-client';
import {
  DEFAULT_QUOTAS,
  TemuQuotaLimiter,
  WorkerRunner,
  createRedisConnection,
  currentJobSignal,
  noopProcessors,
} from '@temu-odoo/queues';
import { TemuClient, orderListCall } from '@temu-odoo/temu-connector';
import type { Redis } from 'ioredis';
import {
  FLEET_CREDENTIALS,
  startFleet,
  uniquePrefix,
  waitUntil,
  type Fleet,
} from '../../../tools/lib/fleet.js';

/**
 * Issue 20, shutdown and abort: a job released at shutdown stops calling Temu and Odoo and stops
 * waiting for quota. The clients are wired as the worker wires them (`signal: currentJobSignal`).
 * Three jobs are mid-flight when the runner closes with a 300 ms grace: one waits for a Temu answer
 * slowed to 30 s, one for an Odoo answer slowed to 30 s, one for a quota slot a minute away. Each
 * must settle, abandoned, well before its wait would end (deadline 20 s); before the fix the signal
 * stopped at the processor boundary and each went on waiting (timed out here).
 */
const log = createLogger({ service: 'test', level: 'silent' });
let fleet: Fleet;
let workerConn: Redis;

beforeAll(async () => {
  fleet = await startFleet({ prefix: uniquePrefix('job-abort'), temu: { orderCount: 0 } });
  workerConn = createRedisConnection(fleet.workerEnv.REDIS_URL!, 'worker');
}, 60_000);

afterAll(async () => {
  await workerConn?.quit();
  await fleet?.stop();
}, 60_000);

describe('a job released at shutdown', () => {
  it('stops its Temu call, its Odoo call and its quota wait', async () => {
    await fleet.temuControl('POST', 'faults', { latencyMs: 30_000, types: ['bg.order.list.v2.get'] });
    await fleet.odooControl('POST', 'faults', { latencyMs: 30_000 });
    const temu = new TemuClient({
      baseUrl: fleet.temu.url,
      appKey: FLEET_CREDENTIALS.appKey,
      appSecret: FLEET_CREDENTIALS.appSecret,
      accessToken: FLEET_CREDENTIALS.accessToken,
      retry: { retryThrottled: false },
      signal: currentJobSignal,
    });
    const odoo = new OdooConnection({
      url: fleet.odoo.url,
      db: FLEET_CREDENTIALS.odooDb,
      username: FLEET_CREDENTIALS.odooUser,
      password: FLEET_CREDENTIALS.odooPassword,
      signal: currentJobSignal,
    });
    // The session first, without latency in the way of the connect.
    await fleet.odooControl('POST', 'faults', { latencyMs: 0 });
    await odoo.connect();
    await fleet.odooControl('POST', 'faults', { latencyMs: 30_000 });
    // One orders call per minute: the first takes the slot, the second must wait about a minute.
    const limiter = new TemuQuotaLimiter(workerConn, fleet.prefix, 'abort-test', {
      ...DEFAULT_QUOTAS,
      perMinute: { ...DEFAULT_QUOTAS.perMinute, orders: 1 },
    });
    const outcomes = new Map<string, string>();
    const settle = (name: string, work: Promise<unknown>) =>
      work.then(
        () => void outcomes.set(name, 'finished'),
        (err: Error) => void outcomes.set(name, err.message),
      );
    const started = new Set<string>();
    const runner = new WorkerRunner({
      connection: workerConn,
      prefix: fleet.prefix,
      queues: ['temu-orders', 'odoo'],
      log,
      concurrency: { 'temu-orders': 2, odoo: 1 },
      shutdownGraceMs: 300,
      processors: noopProcessors({
        'orders.poll': async () => {
          started.add('temu');
          await settle('temu', temu.call(orderListCall, { pageNumber: 1, pageSize: 10 }));
        },
        'orders.reconcile': async () => {
          await limiter.acquire('orders', currentJobSignal());
          started.add('quota');
          await settle('quota', limiter.acquire('orders', currentJobSignal()));
        },
        'orders.flush': async () => {
          started.add('odoo');
          await settle(
            'odoo',
            odoo.call({ model: 'res.partner', method: 'search_count', params: { domain: [] } }),
          );
        },
      }),
    });
    runner.start();
    await fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId });
    await fleet.registry.enqueue('orders.reconcile', { shopId: fleet.shopId });
    await fleet.registry.enqueue('orders.flush', { shopId: fleet.shopId });
    await waitUntil(async () => started.size === 3, 20_000, 'the three jobs to be mid-flight');

    await runner.close();
    await waitUntil(async () => outcomes.size === 3, 20_000, 'the three waits to be abandoned');
    expect(outcomes.get('temu')).toMatch(/^Temu bg\.order\.list\.v2\.get abandoned: the work was aborted/);
    expect(outcomes.get('odoo')).toMatch(/Odoo call abandoned: the work was aborted \(shutdown\)/);
    expect(outcomes.get('quota')).toMatch(/^quota wait aborted/);
    // Released, not failed: every job is back in wait with no attempt spent.
    for (const queue of ['temu-orders', 'odoo'] as const) {
      expect(await fleet.registry.queue(queue).getActiveCount()).toBe(0);
      expect(await fleet.registry.queue(queue).getFailedCount()).toBe(0);
    }
    await fleet.temuControl('DELETE', 'faults').catch(() => undefined);
  }, 90_000);
});
