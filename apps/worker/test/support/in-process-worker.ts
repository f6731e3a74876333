/**
 * One worker's dependencies built in the test process, against real Redis (a unique prefix) and a
 * real Odoo sandbox on a free port: the coordination tests call processors and `writeOrders`
 * directly, several "workers" at once, so they can stall one on a slow Odoo and abandon another
 * between its steps — interleavings a fleet of processes reaches only by luck.
 */
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { createLogger, loadShops, parseEnv, type Logger } from '@temu-odoo/config';
import { OdooConnection, OdooErp } from '@temu-odoo/odoo-client';
import { startOdooSandbox, type RunningOdooSandbox } from '@temu-odoo/odoo-sandbox';
import {
  type JobContext,
  QueueRegistry,
  TemuQuotaLimiter,
  createRedisConnection,
  deleteKeysByPrefix,
} from '@temu-odoo/queues';
import { money, type Order } from '@temu-odoo/core';
import { buildWorkerDeps } from '../../src/build-worker-deps.js';
import { workerEnvSchema } from '../../src/worker-env.js';
import { workerSettings } from '../../src/worker-settings.js';
import type { WorkerDeps } from '../../src/worker-deps.js';
import { uniquePrefix } from '../../../../tools/lib/fleet.js';

export const SHOP_ID = 'shop-coord';

export interface InProcessWorld {
  odoo: RunningOdooSandbox;
  redis: Redis;
  prefix: string;
  /** A fresh worker's dependencies (its own Redis connection, like a separate process). */
  worker(): WorkerDeps;
  odooOrdersFor(orderRef: string): Promise<Array<{ id: number; state: string }>>;
  setOdooLatency(ms: number): Promise<void>;
  close(): Promise<void>;
}

const PRODUCTS = [{ defaultCode: 'MUG-RED', name: 'Red mug', listPrice: 12.99, qtyOnHand: 500 }];

export async function startInProcessWorld(label: string): Promise<InProcessWorld> {
  const odoo = await startOdooSandbox({ port: 0, products: PRODUCTS });
  const prefix = uniquePrefix(label);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = createRedisConnection(redisUrl, 'producer');
  const env = parseEnv(workerEnvSchema, {
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    TEMU_SHOP_ID: SHOP_ID,
    // Never called by the flush: the orders are given, not read from Temu.
    TEMU_GATEWAY_URL: 'http://127.0.0.1:9',
    ODOO_URL: odoo.url,
    LOG_LEVEL: 'silent',
  });
  const connections: Redis[] = [redis];
  const registries: QueueRegistry[] = [];
  const log = silentLog;
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${odoo.url}/_sandbox/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`odoo sandbox ${method} ${path}: ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  return {
    odoo,
    redis,
    prefix,
    worker() {
      const connection = createRedisConnection(redisUrl, 'worker');
      connections.push(connection);
      const registry = new QueueRegistry({ connection, prefix });
      registries.push(registry);
      const odooConnection = new OdooConnection({
        url: env.ODOO_URL,
        db: env.ODOO_DB,
        username: env.ODOO_USERNAME,
        password: env.ODOO_PASSWORD,
        protocol: env.ODOO_PROTOCOL,
      });
      return buildWorkerDeps({
        shops: loadShops(env),
        erp: new OdooErp(odooConnection),
        redis: connection,
        prefix,
        registry,
        settings: workerSettings(env),
        log,
        limiterFor: (appKey) =>
          new TemuQuotaLimiter(connection, prefix, appKey, {
            perMinute: { orders: 100, inventory: 100, products: 100, shipping: 100, finance: 100 },
            perSecond: 10,
          }),
      });
    },
    async odooOrdersFor(orderRef) {
      const { records } = (await control('GET', 'state/sale.order')) as {
        records: Array<{ id: number; state: string; client_order_ref: string | false }>;
      };
      return records.filter((r) => r.client_order_ref === orderRef).map(({ id, state }) => ({ id, state }));
    },
    async setOdooLatency(ms) {
      await control('POST', 'faults', { latencyMs: ms });
    },
    async close() {
      await Promise.all(registries.map((r) => r.close()));
      await deleteKeysByPrefix(redis, prefix);
      await Promise.all(connections.map((c) => c.quit()));
      await odoo.close();
    },
  };
}

/** A Temu order of one red mug for the shop above, at the given version. */
export function mugOrder(orderRef: string, status: Order['status'], updatedAtMs: number): Order {
  const withBuyer = status !== 'pending';
  return {
    shopId: SHOP_ID,
    region: '211',
    orderRef,
    status,
    createdAtMs: updatedAtMs - 60_000,
    updatedAtMs,
    shipByMs: null,
    currency: 'USD',
    lines: [
      {
        lineId: `${orderRef}-1`,
        goodsId: '601099512345678',
        skuId: '46000000000001',
        sellerSku: 'MUG-RED',
        title: 'Red mug',
        quantity: 1,
        originalQuantity: 1,
        cancelledQuantity: 0,
        status: status === 'pending' ? 'pending' : 'unshipped',
        unitPrice: money(1299, 'USD'),
        taxAmount: money(0, 'USD'),
        taxRate: 0,
      },
    ],
    buyer: withBuyer ? { name: 'Jane Doe', email: 'jane@example.test', phone: '555-0101' } : null,
    shippingAddress: withBuyer
      ? {
          name: 'Jane Doe',
          street: '1 Main St',
          street2: null,
          city: 'Springfield',
          state: 'IL',
          zip: '62701',
          country: 'US',
          phone: '555-0101',
          email: 'jane@example.test',
        }
      : null,
    shippingFee: null,
    pricing: 'marketplace_amounts',
  };
}

/** Waits for a condition with a generous deadline (the machine is shared and slow). */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const silentLog: Logger = createLogger({ service: 'test', level: 'silent' });

/** What the runner hands a processor, for calling one directly. */
export function jobContext(): JobContext {
  return { job: {} as Job, log: silentLog, signal: new AbortController().signal } as unknown as JobContext;
}
