import type { Redis } from 'ioredis';
import { money, type Order } from '@temu-odoo/core';
import { createRedisConnection, deleteKeysByPrefix } from '@temu-odoo/queues';

export const SHOP_ID = 'shop-coord';

/** A connection to the shared test Redis and a key prefix no other test (or helper) uses. */
export function testRedis(label: string): { redis: Redis; prefix: string; close: () => Promise<void> } {
  const redis = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'producer');
  const prefix = `test-coord-${label}-${process.pid}-${Date.now().toString(36)}`;
  return {
    redis,
    prefix,
    close: async () => {
      await deleteKeysByPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/** Waits for a condition (never a fixed sleep): the machine is shared and slow. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until more than `ms` of wall time has passed (a lease or TTL running out), by polling. */
export async function pastMs(ms: number): Promise<void> {
  const from = Date.now();
  await until(() => Date.now() > from + ms, `${ms} ms to pass`);
}

/** A one-line order of the shop above at the given version (only what the buffer reads matters). */
export function order(orderRef: string, status: Order['status'], updatedAtMs: number): Order {
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
        goodsId: 'G1',
        skuId: 'S1',
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
    buyer: null,
    shippingAddress: null,
    shippingFee: null,
    pricing: 'marketplace_amounts',
  };
}
