import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { createLogger, shopSchema } from '@temu-odoo/config';
import { QueueRegistry, createRedisConnection, deleteKeysByPrefix } from '@temu-odoo/queues';
import { buildTemuWebhook } from '@temu-odoo/temu-connector';
import { createSchedulerApp, listen } from '../src/http-server.js';
import { createTemuWebhookHandler } from '../src/temu-webhooks.js';
import { uniquePrefix } from '../../../tools/lib/fleet.js';

/** Issue 13: an after-sales webhook syncs its case at once (returns.sync), as well as its order. */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const APP = { appKey: 'returns-app-key-0001', appSecret: 'returns-app-secret-0123456789' };

let redis: Redis;
let registry: QueueRegistry;
let server: http.Server;
let url: string;
const prefix = uniquePrefix('webhook-returns');

beforeAll(async () => {
  redis = createRedisConnection(REDIS_URL, 'producer');
  registry = new QueueRegistry({ connection: redis, prefix });
  const log = createLogger({ service: 'test', level: 'silent' });
  const shops = [
    shopSchema.parse({
      shopId: 'shop-r',
      region: 'US',
      gatewayUrl: 'http://127.0.0.1:9',
      ...APP,
      accessToken: 'token-shop-r',
      mallId: 634418212299,
    }),
  ];
  const app = createSchedulerApp({
    registry,
    log,
    shopIds: ['shop-r'],
    webhooks: createTemuWebhookHandler({ registry, shops, log, redis, prefix }),
  });
  server = await listen(app, 0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/temu`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await registry.close();
  await deleteKeysByPrefix(redis, prefix);
  await redis.quit();
});

async function send(eventCode: string, payload: Record<string, unknown>): Promise<Response> {
  const { headers, body } = buildTemuWebhook({ ...APP, eventCode, payload });
  return fetch(url, { method: 'POST', headers, body });
}

const caseJobs = async () =>
  (await registry.queue('temu-finance').getJobs(['waiting', 'delayed', 'prioritized'])).filter(
    (j) => j.name === 'returns.sync',
  );

describe('after-sales webhooks', () => {
  it('enqueue returns.sync for the case (and orders.sync for its order), once per update', async () => {
    const payload = {
      mallId: 634418212299,
      parentAfterSalesSn: 'PAS-1',
      parentOrderSn: 'PO-1',
      parentAfterSalesStatus: 10,
      afterSalesType: 2,
      updateAt: 1_764_500_000_000,
    };
    expect((await send('bg_aftersales_status_change', payload)).status).toBe(200);
    expect((await send('bg_aftersales_status_change', payload)).status).toBe(200); // Temu retry
    expect(
      (await send('bg_cancel_order_status_change', { ...payload, parentAfterSalesSn: 'PAS-2' })).status,
    ).toBe(200);
    const jobs = await caseJobs();
    expect(
      jobs.map((j) => j.data).sort((a, b) => String(a.caseRef).localeCompare(String(b.caseRef))),
    ).toEqual([
      { shopId: 'shop-r', caseRef: 'PAS-1', orderRef: 'PO-1', updatedAtMs: 1_764_500_000_000 },
      { shopId: 'shop-r', caseRef: 'PAS-2', orderRef: 'PO-1', updatedAtMs: 1_764_500_000_000 },
    ]);
    const orderSyncs = (await registry.queue('temu-orders').getJobs(['waiting'])).filter(
      (j) => j.name === 'orders.sync',
    );
    expect(orderSyncs.length).toBeGreaterThan(0);
  });

  it('an order event without a case enqueues no case sync', async () => {
    const before = (await caseJobs()).length;
    await send('bg_order_status_change', {
      mallId: 634418212299,
      parentOrderSn: 'PO-2',
      updateTime: 1_700_000_000,
    });
    expect((await caseJobs()).length).toBe(before);
  });
});
