import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decryptEventData, signWebhook, startTemuSandbox, type RunningTemuSandbox } from '../src/index.js';
import { control, CREDS, type Json, NO_LIMITS, TestClient, waitFor } from './helpers.js';

describe('control API /_sandbox/', () => {
  let sandbox: RunningTemuSandbox;
  let client: TestClient;

  beforeAll(async () => {
    sandbox = await startTemuSandbox({ port: 0, ...CREDS, orderCount: 10, seed: 7, rateLimits: NO_LIMITS });
    client = new TestClient(sandbox.url, CREDS);
  });
  afterAll(() => sandbox.close());

  it('reseeds deterministically: the same seed gives the same orders', async () => {
    const sns = async () =>
      (await control(sandbox.url, 'GET', 'state/orders')).body.orders.map((o: Json) => o.parentOrderSn);
    await control(sandbox.url, 'POST', 'seed', { seed: 3, orderCount: 12 });
    const first = await sns();
    await control(sandbox.url, 'POST', 'seed', { seed: 3, orderCount: 12 });
    expect(await sns()).toEqual(first);
    expect(first).toHaveLength(12);
    await control(sandbox.url, 'POST', 'seed', { seed: 4, orderCount: 12 });
    expect(await sns()).not.toEqual(first);
    expect((await control(sandbox.url, 'POST', 'seed', { orderCount: -1 })).status).toBe(400);
  });

  it('creates orders with a status, SKU and quantity, taking Temu stock', async () => {
    const before = (await control(sandbox.url, 'GET', 'state/skus')).body.skus.find(
      (s: Json) => s.sellerSku === 'DEMO-0002-RED',
    ).stock;
    const created = await control(sandbox.url, 'POST', 'orders', {
      count: 2,
      status: 2,
      sku: 'DEMO-0002-RED',
      quantity: 3,
    });
    expect(created.body.orders).toHaveLength(2);
    expect(created.body.orders[0]).toMatchObject({
      status: 2,
      children: [{ sellerSku: 'DEMO-0002-RED', quantity: 3 }],
    });
    const after = (await control(sandbox.url, 'GET', 'state/skus')).body.skus.find(
      (s: Json) => s.sellerSku === 'DEMO-0002-RED',
    ).stock;
    expect(after).toBe(Math.max(0, before - 6));
    expect((await control(sandbox.url, 'POST', 'orders', { sku: 'NOPE' })).body.error).toMatch(
      /^sku: no SKU "NOPE"/,
    );
  });

  it('creates malformed orders that break the documented shape', async () => {
    const missing = (await control(sandbox.url, 'POST', 'orders', { status: 2, malformed: true })).body
      .orders[0];
    const detail = await client.ok('bg.order.detail.v2.get', { parentOrderSn: missing.parentOrderSn });
    expect(detail.orderList[0].orderSn).toBeUndefined();
    const bad = (await control(sandbox.url, 'POST', 'orders', { status: 2, malformed: 'bad_quantity' })).body
      .orders[0];
    expect(
      (await client.ok('bg.order.detail.v2.get', { parentOrderSn: bad.parentOrderSn })).orderList[0].quantity,
    ).toBe('two');
  });

  it('moves orders: delivered, cancelled, partially cancelled, address changed; rejects impossible moves with 409', async () => {
    const shipped = (await control(sandbox.url, 'POST', 'orders', { status: 4 })).body.orders[0];
    const delivered = await control(sandbox.url, 'POST', `orders/${shipped.parentOrderSn}/transition`, {
      to: 'delivered',
    });
    expect(delivered.body.order.status).toBe(5);
    expect(
      (await control(sandbox.url, 'POST', `orders/${shipped.parentOrderSn}/transition`, { to: 'cancelled' }))
        .status,
    ).toBe(409);

    const two = (
      await control(sandbox.url, 'POST', 'orders', {
        status: 2,
        lines: [
          { sku: 'DEMO-0003-RED', quantity: 2 },
          { sku: 'DEMO-0004-RED', quantity: 1 },
        ],
      })
    ).body.orders[0];
    const partial = await control(sandbox.url, 'POST', `orders/${two.parentOrderSn}/transition`, {
      to: 'partially_cancelled',
      orderSns: [two.children[0].orderSn],
      quantity: 1,
    });
    expect(partial.body.order.children[0]).toMatchObject({ quantity: 1, canceledQuantity: 1, status: 2 });
    const listed = await client.ok('bg.order.detail.v2.get', { parentOrderSn: two.parentOrderSn });
    expect(listed.orderList[0]).toMatchObject({
      quantity: 1,
      originalOrderQuantity: 2,
      canceledQuantityBeforeShipment: 1,
    });
    const oneLine = await control(sandbox.url, 'POST', `orders/${two.parentOrderSn}/transition`, {
      to: 'cancelled',
      orderSns: [two.children[1].orderSn],
    });
    expect(oneLine.body.order.status).toBe(2);
    expect(oneLine.body.order.children[1].status).toBe(3);
    const moved = await control(sandbox.url, 'POST', `orders/${two.parentOrderSn}/transition`, {
      to: 'address_changed',
    });
    expect(moved.body.order.address).not.toEqual(two.address);
    const all = await control(sandbox.url, 'POST', `orders/${two.parentOrderSn}/transition`, {
      to: 'cancelled',
    });
    expect(all.body.order.status).toBe(3);
    expect(
      (await control(sandbox.url, 'POST', 'orders/PO-211-0/transition', { to: 'delivered' })).status,
    ).toBe(404);
  });

  it('opens after-sales cases that the after-sales APIs list; cancel.agree cancels the order', async () => {
    const o = (await control(sandbox.url, 'POST', 'orders', { status: 2, sku: 'DEMO-0005-RED', quantity: 2 }))
      .body.orders[0];
    const opened = (
      await control(sandbox.url, 'POST', 'aftersales', { parentOrderSn: o.parentOrderSn, kind: 'cancel' })
    ).body.afterSales;
    const cancels = await client.ok('bg.aftersales.cancel.list.get', {
      parentOrderSnList: [o.parentOrderSn],
    });
    expect(cancels.data[0]).toMatchObject({
      parentAfterSalesSn: opened.parentAfterSalesSn,
      parentAfterSalesStatus: 1,
    });
    const agreed = await client.call('bg.aftersales.cancel.agree', {
      parentAfterSalesSn: opened.parentAfterSalesSn,
      parentOrderSn: o.parentOrderSn,
    });
    expect(agreed.body.success).toBe(true);
    expect((await control(sandbox.url, 'GET', `state/orders/${o.parentOrderSn}`)).body.order.status).toBe(3);
    expect(
      (await client.call('bg.aftersales.cancel.agree', { parentAfterSalesSn: opened.parentAfterSalesSn }))
        .body.errorCode,
    ).toBe(130010005);

    const d = (await control(sandbox.url, 'POST', 'orders', { status: 5 })).body.orders[0];
    const ret = (
      await control(sandbox.url, 'POST', 'aftersales', { parentOrderSn: d.parentOrderSn, kind: 'return' })
    ).body.afterSales;
    expect((await client.call('bg.aftersales.parentaftersales.list.get', {})).body.errorCode).toBe(130010001);
    const parents = await client.ok('bg.aftersales.parentaftersales.list.get', {
      createAtStart: Date.now() - 60_000,
      createAtEnd: Date.now() + 1000,
      parentOrderSnList: [d.parentOrderSn],
    });
    expect(parents.data[0]).toMatchObject({
      parentAfterSalesSn: ret.parentAfterSalesSn,
      afterSalesType: 2,
      parentAfterSalesStatus: 10,
      afterSalesStatusGroup: 2,
    });
    const lines = await client.ok('bg.aftersales.aftersales.list.get', {
      parentAfterSalesSnList: [ret.parentAfterSalesSn],
    });
    expect(lines.data[0].productList[0].extCode).toMatch(/^DEMO-/);
  });

  it('injects faults and counts them; DELETE clears them', async () => {
    await control(sandbox.url, 'POST', 'stats/reset');
    await control(sandbox.url, 'POST', 'faults', { throttleRate: 1 });
    expect((await client.call('bg.order.list.v2.get')).body.errorCode).toBe(4000004);
    await control(sandbox.url, 'POST', 'faults', { systemErrorRate: 1 });
    expect((await client.call('bg.order.list.v2.get')).body.errorCode).toBe(4000000);
    await control(sandbox.url, 'POST', 'faults', { http5xxRate: 1, types: ['bg.order.list.v2.get'] });
    expect((await client.call('bg.order.list.v2.get')).status).toBe(503);
    expect((await client.call('bg.local.goods.list.query', { goodsSearchType: 1 })).body.success).toBe(true);
    await control(sandbox.url, 'POST', 'faults', { dropConnectionRate: 1 });
    await expect(client.call('bg.order.list.v2.get')).rejects.toThrow();
    await control(sandbox.url, 'POST', 'faults', { latencyMs: 20, durationMs: 60_000 });
    expect((await client.call('bg.order.list.v2.get')).body.success).toBe(true);
    await control(sandbox.url, 'DELETE', 'faults');
    expect((await client.call('bg.order.list.v2.get')).body.success).toBe(true);
    const stats = (await control(sandbox.url, 'GET', 'stats')).body;
    expect(stats.injectedFaults).toMatchObject({
      throttle: 1,
      systemError: 1,
      http5xx: 1,
      dropConnection: 1,
      latency: 1,
    });
    expect(stats.throttled.byReason.injected).toBe(1);
    expect((await control(sandbox.url, 'POST', 'faults', { throttleRate: 2 })).body.error).toMatch(
      /^throttleRate:/,
    );
  });

  it('streams orders for demos and stops on perMinute 0', async () => {
    const count = async () => (await control(sandbox.url, 'GET', 'state/orders')).body.total;
    const before = await count();
    await control(sandbox.url, 'POST', 'orders/stream', { perMinute: 1200 });
    try {
      await waitFor(async () => (await count()) >= before + 2);
    } finally {
      expect((await control(sandbox.url, 'POST', 'orders/stream', { perMinute: 0 })).body.perMinute).toBe(0);
    }
  });

  it('exchanges an authorisation code for a token once (bg.open.accesstoken.create / info.get)', async () => {
    const { code } = (await control(sandbox.url, 'POST', 'auth/codes')).body;
    const anon = new TestClient(sandbox.url, { ...CREDS, accessToken: code });
    const created = await anon.ok('bg.open.accesstoken.create', { code });
    expect(created.mallType).toBe(100);
    expect(created.apiScopeList).toContain('bg.order.list.v2.get');
    expect((await anon.call('bg.open.accesstoken.create', { code })).body.errorCode).toBe(110020002);
    const seller = new TestClient(sandbox.url, { ...CREDS, accessToken: created.accessToken });
    const info = await seller.ok('bg.open.accesstoken.info.get');
    expect(info.expiredTime).toBe(created.expiredTime);
  });

  it('answers unknown control paths with 404 and names the README', async () => {
    const res = await control(sandbox.url, 'GET', 'nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/README/);
  });
});

describe('webhooks (docs/temu-api.md §14)', () => {
  let sandbox: RunningTemuSandbox;
  let receiver: Server;
  const received: { headers: IncomingMessage['headers']; body: Json }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(text) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":{}}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    sandbox = await startTemuSandbox({ port: 0, ...CREDS, orderCount: 0 });
    await control(sandbox.url, 'POST', 'webhooks', {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/temu`,
    });
  });
  afterAll(async () => {
    await sandbox.close();
    await new Promise((r) => receiver.close(r));
  });

  it('pushes encrypted, signed order-status events that decrypt and verify with the app secret', async () => {
    const o = (await control(sandbox.url, 'POST', 'orders', { status: 4 })).body.orders[0];
    await control(sandbox.url, 'POST', `orders/${o.parentOrderSn}/transition`, { to: 'delivered' });
    const event = await waitFor(async () =>
      received.find((e) => e.headers['x-tm-event-code'] === 'bg_order_status_change_event'),
    );
    const json = decryptEventData(event.body.eventData, CREDS.appSecret);
    expect(JSON.parse(json)).toMatchObject({
      parentOrderSn: o.parentOrderSn,
      orderSn: o.children[0].orderSn,
      orderStatus: 5,
    });
    const h = event.headers;
    expect(h['x-tm-app-key']).toBe(CREDS.appKey);
    expect(String(h['x-tm-timestamp'])).toMatch(/^\d{13}$/);
    const expected = signWebhook(
      {
        'x-tm-app-key': String(h['x-tm-app-key']),
        'x-tm-event-code': String(h['x-tm-event-code']),
        'x-tm-timestamp': String(h['x-tm-timestamp']),
        'x-tm-ext-param': String(h['x-tm-ext-param']),
      },
      json,
      CREDS.appSecret,
    );
    expect(h['x-tm-signature']).toBe(expected);
    await waitFor(async () => (await control(sandbox.url, 'GET', 'stats')).body.webhooks.delivered >= 1);
  });
});
