import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { createLogger, shopSchema, type ShopConfig } from '@temu-odoo/config';
import { QueueRegistry, createRedisConnection, deleteKeysByPrefix } from '@temu-odoo/queues';
import { buildTemuWebhook } from '@temu-odoo/temu-connector';
import { createSchedulerApp, listen } from '../src/http-server.js';
import { createTemuWebhookHandler } from '../src/temu-webhooks.js';
import { uniquePrefix } from '../../../tools/lib/fleet.js';

/**
 * Issue 20: several shops on one app key. Temu webhooks are routed by the shop identity they carry
 * (mall id), never silently to the first shop; an event whose shop cannot be determined is refused
 * and counted. Before the fix an unknown mall id went to the first shop of the app key.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const APP = { appKey: 'shared-app-key-0001', appSecret: 'shared-app-secret-0123456789' };
const shop = (shopId: string, mallId?: number): ShopConfig =>
  shopSchema.parse({
    shopId,
    region: 'US',
    gatewayUrl: 'http://127.0.0.1:9',
    ...APP,
    accessToken: `token-${shopId}`,
    ...(mallId !== undefined ? { mallId } : {}),
  });

let redis: Redis;
let registry: QueueRegistry;
let server: http.Server;
let url: string;
const prefix = uniquePrefix('webhook-routing');

beforeAll(async () => {
  redis = createRedisConnection(REDIS_URL, 'producer');
  registry = new QueueRegistry({ connection: redis, prefix });
  const log = createLogger({ service: 'test', level: 'silent' });
  const shops = [shop('shop-north', 634418212233), shop('shop-south', 634418212244)];
  const app = createSchedulerApp({
    registry,
    log,
    shopIds: shops.map((s) => s.shopId),
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

async function send(payload: Record<string, unknown>): Promise<Response> {
  const { headers, body } = buildTemuWebhook({ ...APP, eventCode: 'bg_order_status_change', payload });
  return fetch(url, { method: 'POST', headers, body });
}

async function syncJobs() {
  return (await registry.queue('temu-orders').getJobs(['waiting', 'delayed', 'prioritized'])).filter(
    (j) => j.name === 'orders.sync',
  );
}

const unroutable = async () =>
  Number((await redis.hget(`${prefix}:state:{metrics}`, 'webhooks_unroutable_total')) ?? 0);

describe('webhooks of two shops on one app key', () => {
  it('go to the shop their mall id names, the second shop included', async () => {
    const res = await send({ mallId: 634418212244, parentOrderSn: 'PO-SOUTH-1', updateTime: 1_700_000_000 });
    expect(res.status).toBe(200);
    const north = await send({
      mallId: 634418212233,
      parentOrderSn: 'PO-NORTH-1',
      updateTime: 1_700_000_000,
    });
    expect(north.status).toBe(200);
    const jobs = await syncJobs();
    const shopOf = (ref: string) =>
      (jobs.find((j) => j.data.orderRef === ref)?.data as { shopId: string }).shopId;
    expect(shopOf('PO-SOUTH-1')).toBe('shop-south');
    expect(shopOf('PO-NORTH-1')).toBe('shop-north');
  });

  it('refuse and count an event whose shop cannot be determined', async () => {
    const before = (await syncJobs()).length;
    const unknown = await send({ mallId: 999, parentOrderSn: 'PO-NOBODY', updateTime: 1_700_000_000 });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain('mall id 999');
    const none = await send({ parentOrderSn: 'PO-NOBODY-2', updateTime: 1_700_000_000 });
    expect(none.status).toBe(400);
    expect((await syncJobs()).length).toBe(before);
    // Two refused events, counted for the dashboard's /metrics (temu_odoo_webhooks_unroutable_total).
    expect(await unroutable()).toBe(2);
  });
});
