import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyTemuWebhook, WebhookVerificationError } from '../../src/webhooks/webhook-verifier.js';
import type { TemuWebhookEvent } from '../../src/webhooks/webhook-verifier.js';
import { CREDS, startHarness } from './sandbox-harness.js';
import type { Harness, SandboxOrder } from './sandbox-harness.js';

let h: Harness;
let receiverUrl: string;
const events: TemuWebhookEvent[] = [];
const rejected: string[] = [];
const waiters: Array<() => void> = [];

/** A real HTTP receiver that verifies deliveries exactly as the scheduler will. */
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      events.push(
        verifyTemuWebhook({
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          appKey: CREDS.appKey,
          appSecret: CREDS.appSecret,
        }),
      );
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":{}}');
    } catch (err) {
      rejected.push(err instanceof WebhookVerificationError ? err.reason : String(err));
      res.writeHead(401).end();
    }
    waiters.splice(0).forEach((w) => w());
  });
});

function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching webhook arrived in time')), timeoutMs);
    const check = () => {
      if (predicate()) {
        clearTimeout(timer);
        resolve();
      } else waiters.push(check);
    };
    check();
  });
}

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/temu/webhooks`;
  h = await startHarness({ orderCount: 0 });
  await h.control('POST', 'webhooks', { url: receiverUrl });
});
afterAll(async () => {
  await h.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('webhook round trip (docs/temu-api.md §14)', () => {
  it('receives, decrypts and verifies an order status event pushed by the sandbox', async () => {
    const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', { count: 1, status: 2 });
    const sn = orders[0]!.parentOrderSn;
    await h.control('POST', `orders/${sn}/transition`, { to: 'cancelled' });
    await until(() => events.some((e) => e.payload.parentOrderSn === sn && e.payload.orderStatus === 3));
    const event = events.find((e) => e.payload.parentOrderSn === sn && e.payload.orderStatus === 3)!;
    expect(event.eventCode).toBe('bg_order_status_change_event');
    expect(event.appKey).toBe(CREDS.appKey);
    expect(event.payload.orderSn).toBe(orders[0]!.children[0]!.orderSn);
    expect(rejected).toEqual([]);
  });
});
