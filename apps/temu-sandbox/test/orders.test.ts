import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTemuSandbox, type RunningTemuSandbox } from '../src/index.js';
import { control, CREDS, type Json, NO_LIMITS, TestClient, waitFor } from './helpers.js';

describe('orders (docs/temu-api.md §8)', () => {
  let sandbox: RunningTemuSandbox;
  let client: TestClient;

  beforeAll(async () => {
    sandbox = await startTemuSandbox({
      port: 0,
      ...CREDS,
      orderCount: 20,
      pendingToUnshippedMs: 300,
      rateLimits: NO_LIMITS,
      amountCalculationMs: 300,
    });
    client = new TestClient(sandbox.url, CREDS);
  });
  afterAll(() => sandbox.close());

  it('seeds parent orders in every status, with labels, ship-by times and seller SKU codes', async () => {
    const result = await client.ok('bg.order.list.v2.get', { pageNumber: 1, pageSize: 100 });
    expect(result.totalItemNum).toBe(20);
    const statuses = new Set(result.pageItems.map((i: Json) => i.parentOrderMap.parentOrderStatus));
    for (const s of [1, 2, 3, 4, 5, 41, 51]) expect(statuses.has(s)).toBe(true);
    const item = result.pageItems[0];
    expect(item.parentOrderMap.parentOrderSn).toMatch(/^PO-211-\d{17}$/);
    expect(item.orderList[0].orderSn).toMatch(/^211-\d{17}$/);
    expect(item.parentOrderMap.parentOrderLabel).toHaveLength(6);
    expect(typeof item.parentOrderMap.expectShipLatestTime).toBe('number');
    expect(item.orderList[0].productList[0].extCode).toMatch(/^DEMO-\d{4}-[A-Z]+$/);
    const labelled = result.pageItems.filter((i: Json) =>
      i.parentOrderMap.parentOrderLabel.some(
        (l: Json) => l.name === 'pending_buyer_cancellation' && l.value === 1,
      ),
    );
    expect(labelled.length).toBeGreaterThan(0);
  });

  it('pages with pageNumber/pageSize ≤ 100 and filters by status', async () => {
    const page1 = await client.ok('bg.order.list.v2.get', { pageNumber: 1, pageSize: 7 });
    const page3 = await client.ok('bg.order.list.v2.get', { pageNumber: 3, pageSize: 7 });
    expect(page1.pageItems).toHaveLength(7);
    expect(page3.pageItems).toHaveLength(6);
    expect((await client.call('bg.order.list.v2.get', { pageSize: 101 })).body.errorCode).toBe(3000000);
    const shipped = await client.ok('bg.order.list.v2.get', { parentOrderStatus: 4, pageSize: 100 });
    expect(shipped.pageItems.every((i: Json) => i.parentOrderMap.parentOrderStatus === 4)).toBe(true);
  });

  it('requires paired second-level windows (140020013 / 140020014 / 140020012)', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await client.call('bg.order.list.v2.get', { updateAtStart: now - 3600 })).body.errorCode).toBe(
      140020013,
    );
    expect(
      (await client.call('bg.order.list.v2.get', { updateAtStart: Date.now() - 1, updateAtEnd: Date.now() }))
        .body.errorCode,
    ).toBe(140020014);
    expect(
      (await client.call('bg.order.list.v2.get', { parentConfirmTimeStart: now, parentConfirmTimeEnd: now }))
        .body.errorCode,
    ).toBe(140020012);
    const recent = await client.ok('bg.order.list.v2.get', {
      updateAtStart: now - 7 * 86400,
      updateAtEnd: now + 60,
      pageSize: 100,
      sortby: 'updateTime',
    });
    const times = recent.pageItems.map((i: Json) => i.parentOrderMap.updateTime);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('answers detail v2 and 140020002 for an unknown order', async () => {
    const [o] = (await control(sandbox.url, 'GET', 'state/orders?status=4')).body.orders;
    const detail = await client.ok('bg.order.detail.v2.get', { parentOrderSn: o.parentOrderSn });
    expect(detail.parentOrderMap.parentOrderSn).toBe(o.parentOrderSn);
    expect(detail.orderList[0].packageSnInfo[0].packageSn).toMatch(/^PK-/);
    expect(
      (await client.call('bg.order.detail.v2.get', { parentOrderSn: 'PO-211-00000000000000000' })).body
        .errorCode,
    ).toBe(140020002);
  });

  it('serves masked addresses, at most 6 successful reads per order per day per app key', async () => {
    const [o] = (await control(sandbox.url, 'GET', 'state/orders?status=4')).body.orders;
    const first = await client.ok('bg.order.shippinginfo.v2.get', { parentOrderSn: o.parentOrderSn });
    expect(first.mail).toMatch(/@relay\.temu-sandbox\.example$/);
    expect(first.mobile).toMatch(/^\d{10}-\d{4}$/);
    for (let i = 0; i < 5; i++)
      await client.ok('bg.order.shippinginfo.v2.get', { parentOrderSn: o.parentOrderSn });
    const seventh = await client.call('bg.order.shippinginfo.v2.get', { parentOrderSn: o.parentOrderSn });
    expect(seventh.body.errorCode).toBe(180020010);
  });

  it('answers amounts in minor units; a fresh order answers 140020008 until computed', async () => {
    const created = (
      await control(sandbox.url, 'POST', 'orders', { status: 2, sku: 'DEMO-0001-RED', quantity: 2 })
    ).body.orders[0];
    const early = await client.call('bg.order.amount.query', { parentOrderSn: created.parentOrderSn });
    expect(early.body.errorCode).toBe(140020008);
    const amount = await waitFor(async () => {
      const a = await client.call('bg.order.amount.query', { parentOrderSn: created.parentOrderSn });
      return a.body.success ? a.body.result : null;
    });
    const line = amount.orderList[0];
    expect(line.quantity).toBe(2);
    expect(line.unitBasePrice).toEqual({ amount: created.children[0].unitBaseMinor, currency: 'USD' });
    expect(amount.parentOrderMap.basePriceTotal.amount).toBe(2 * created.children[0].unitBaseMinor);
    expect(Number.isInteger(amount.parentOrderMap.customerPaid.amount)).toBe(true);
  });

  it('moves pending orders to unshipped after the configured delay', async () => {
    const created = (await control(sandbox.url, 'POST', 'orders', { status: 1 })).body.orders[0];
    const detail = await waitFor(async () => {
      const d = await client.ok('bg.order.detail.v2.get', { parentOrderSn: created.parentOrderSn });
      return d.parentOrderMap.parentOrderStatus === 2 ? d : null;
    });
    expect(detail.orderList.every((l: Json) => l.orderStatus === 2)).toBe(true);
    expect(detail.parentOrderMap.parentConfirmTime).not.toBeNull();
  });

  it('sends ids above 2^53 as exact JSON numbers and accepts them back exactly', async () => {
    const bigSku = (await control(sandbox.url, 'GET', 'state/skus')).body.skus.find(
      (s: Json) => BigInt(s.skuId) > 2n ** 53n,
    );
    expect(bigSku).toBeDefined();
    const created = (await control(sandbox.url, 'POST', 'orders', { status: 2, sku: bigSku.sellerSku })).body
      .orders[0];
    const answer = await client.call('bg.order.detail.v2.get', { parentOrderSn: created.parentOrderSn });
    expect(answer.text).toContain(`"skuId":${bigSku.skuId}`);
    expect(answer.body.result.orderList[0].skuId).toBe(BigInt(bigSku.skuId));
    expect(answer.body.result.orderList[0].goodsId).toBe(BigInt(bigSku.goodsId));
    // Filter by that exact id: a lossy client (…992 vs …993) would find nothing.
    const filtered = await client.ok('bg.order.list.v2.get', { skuId: BigInt(bigSku.skuId), pageSize: 100 });
    expect(
      filtered.pageItems.some((i: Json) => i.parentOrderMap.parentOrderSn === created.parentOrderSn),
    ).toBe(true);
    const off = await client.ok('bg.order.list.v2.get', { skuId: BigInt(bigSku.skuId) - 1n, pageSize: 100 });
    expect(off.pageItems.some((i: Json) => i.parentOrderMap.parentOrderSn === created.parentOrderSn)).toBe(
      false,
    );
  });
});
