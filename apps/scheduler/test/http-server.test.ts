import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createLogger, type ShopConfig } from '@temu-odoo/config';
import { QueueRegistry, deleteKeysByPrefix } from '@temu-odoo/queues';
import { buildTemuWebhook, NOT_AUTHENTIC_MESSAGE } from '@temu-odoo/temu-connector';
import { createSchedulerApp, listen, type SchedulerHttpOptions } from '../src/http-server.js';
import { FailureLimiter } from '../src/failure-limiter.js';
import { createTemuWebhookHandler } from '../src/temu-webhooks.js';

/**
 * The scheduler's HTTP face as a prober sees it (issue 18): who may trigger, what a broken body
 * gets back, and what a webhook forger learns. Real Express on a free port, real Redis queues.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test-sched-http-${process.pid}-${Date.now().toString(36)}`;
const TOKEN = 'a-token-of-at-least-16-chars';
const SHOP: ShopConfig = {
  shopId: 'shop-http',
  region: 'US',
  sellingModel: 'local',
  gatewayUrl: 'http://127.0.0.1:9',
  appKey: 'app-http',
  appSecret: 'secret-of-sixteen-bytes-or-more',
  accessToken: 'token-http',
};

let redis: Redis;
let registry: QueueRegistry;
const servers: http.Server[] = [];
const logLines: string[] = [];
const log = createLogger({
  service: 'scheduler-test',
  level: 'debug',
  destination: new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
});

async function serve(options: Partial<SchedulerHttpOptions> = {}): Promise<string> {
  const app = createSchedulerApp({ registry, log, shopIds: [SHOP.shopId], ...options });
  const server = await listen(app, 0, '127.0.0.1');
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  registry = new QueueRegistry({ connection: redis, prefix: PREFIX });
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await registry.close();
  await deleteKeysByPrefix(redis, PREFIX);
  await redis.quit();
});

const heartbeat = JSON.stringify({ from: 'http-test', sentAtMs: 1 });

describe('POST /trigger', () => {
  it('is refused, even from loopback, when neither a token nor SCHEDULER_LOOPBACK_TRIGGERS is set', async () => {
    const url = await serve();
    const res = await fetch(`${url}/trigger/system.heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: heartbeat,
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toContain('SCHEDULER_LOOPBACK_TRIGGERS=true');
  });

  it('is accepted from loopback without a token only with the explicit opt-in', async () => {
    const url = await serve({ loopbackTriggers: true });
    const res = await fetch(`${url}/trigger/system.heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: heartbeat,
    });
    expect(res.status).toBe(202);
  });

  it('with a token configured, refuses a wrong token before looking at the body (401, not a JSON error)', async () => {
    const url = await serve({ apiToken: TOKEN, loopbackTriggers: true });
    const res = await fetch(`${url}/trigger/system.heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong-token-wrong-token' },
      body: '{"not json',
    });
    expect(res.status).toBe(401);
  });

  it('answers malformed JSON with a one-line JSON 400: no HTML, no stack trace, no body echoed', async () => {
    const url = await serve({ apiToken: TOKEN });
    const before = logLines.length;
    const res = await fetch(`${url}/trigger/system.heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: '{"secretish": tru',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'the request body is not valid JSON' });
    const logged = logLines.slice(before).join('');
    expect(logged.trim().split('\n')).toHaveLength(1);
    expect(logged).not.toMatch(/\n\s+at /);
    expect(logged).not.toContain('secretish');
  });

  it('refuses a shopId that is not configured, naming the field', async () => {
    const url = await serve({ apiToken: TOKEN });
    const res = await fetch(`${url}/trigger/orders.sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        shopId: 'someone-elses-shop',
        orderRef: 'PO-1',
        updatedAtMs: 1,
        reason: 'manual',
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; field: string };
    expect(body.field).toBe('shopId');
    expect(body.error).toContain('"someone-elses-shop" is not a configured shop (configured: shop-http)');
    const queued = await registry.queue('temu-orders').getJobs(['waiting', 'delayed', 'prioritized']);
    expect(queued).toHaveLength(0);
  });
});

describe('POST /webhooks/temu', () => {
  const NOW = Date.now();
  const delivery = (appSecret = SHOP.appSecret) =>
    buildTemuWebhook({
      appKey: SHOP.appKey,
      appSecret,
      eventCode: 'bg_order_status_change_event',
      payload: { parentOrderSn: 'PO-WH-1', orderStatus: 2, mallId: SHOP.shopId },
      timestampMs: NOW,
    });
  const post = (url: string, d: { headers: Record<string, string>; body: string }) =>
    fetch(`${url}/webhooks/temu`, { method: 'POST', headers: d.headers, body: d.body });

  it('answers "does not decrypt" and "bad signature" with the same status and body', async () => {
    const url = await serve({
      webhooks: createTemuWebhookHandler({ registry, shops: [SHOP], log, redis, prefix: PREFIX }),
    });
    // Encrypted with another secret: does not decrypt (PKCS#7 padding fails) with ours.
    const undecryptable = await post(url, delivery('another-secret-0123456789'));
    const good = delivery();
    const badSignature = await post(url, {
      ...good,
      headers: { ...good.headers, 'x-tm-signature': 'ab'.repeat(32) },
    });
    expect(undecryptable.status).toBe(400);
    expect(badSignature.status).toBe(400);
    const a = (await undecryptable.json()) as { error: string };
    const b = (await badSignature.json()) as { error: string };
    expect(a).toEqual(b);
    expect(a.error).toBe(NOT_AUTHENTIC_MESSAGE);
  });

  it('after 3 rejections from one address refuses it with 429 until the window has passed', async () => {
    let clock = 1_000_000;
    // A small limiter so the test needs few requests: 3 failures per address per 60 s (the
    // production values are WEBHOOK_FAILURE_LIMITS; the mechanism is the same).
    const limiter = new FailureLimiter({ perAddress: 3, total: 100, windowMs: 60_000, now: () => clock });
    const url = await serve({
      webhooks: createTemuWebhookHandler({ registry, shops: [SHOP], log, redis, prefix: PREFIX }),
      webhookFailures: limiter,
    });
    const forged = delivery('another-secret-0123456789');
    for (let i = 0; i < 3; i++) expect((await post(url, forged)).status).toBe(400);
    const refused = await post(url, forged);
    expect(refused.status).toBe(429);
    // The three failures happened at the same instant: all expire 60 s later.
    expect(refused.headers.get('retry-after')).toBe('60');
    // While braked, even a genuine delivery waits (Temu retries; polling is the backstop).
    expect((await post(url, delivery())).status).toBe(429);
    clock += 60_001;
    const accepted = await post(url, delivery());
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ success: true, enqueued: 1 });
  });
});
