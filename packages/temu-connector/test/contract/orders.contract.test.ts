import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { iterateOrders, orderListCall } from '../../src/calls/order-list.call.js';
import { orderDetailCall } from '../../src/calls/order-detail.call.js';
import { orderShippingInfoCall } from '../../src/calls/order-shipping-info.call.js';
import { orderAmountCall } from '../../src/calls/order-amount.call.js';
import { TemuMarketplace } from '../../src/temu-marketplace.js';
import { collect, startHarness, failureOf } from './sandbox-harness.js';
import type { Harness, SandboxOrder } from './sandbox-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ orderCount: 25, amountCalculationMs: 0 });
});
afterAll(async () => {
  await h.close();
});

describe('orders over HTTP (bg.order.*)', () => {
  it('pages through bg.order.list.v2.get and sees every seeded parent order once', async () => {
    const { total } = await h.control<{ total: number }>('GET', 'state/orders');
    const all = await collect(iterateOrders(h.client(), { pageSize: 7 }));
    expect(all).toHaveLength(total);
    expect(new Set(all.map((o) => o.parentOrderMap.parentOrderSn)).size).toBe(total);
  });

  it('applies status and update-time filters (seconds)', async () => {
    const client = h.client();
    const unshipped = await client.call(orderListCall, { parentOrderStatus: 2, pageSize: 100 });
    expect(unshipped.pageItems.every((o) => o.parentOrderMap.parentOrderStatus === 2)).toBe(true);
    const longAgo = await client.call(orderListCall, { updateAtStart: 1_000_000, updateAtEnd: 2_000_000 });
    expect(longAgo.totalItemNum).toBe(0);
    const nowS = Math.floor(Date.now() / 1000);
    const recent = await client.call(orderListCall, {
      updateAtStart: nowS - 90 * 86_400,
      updateAtEnd: nowS + 86_400,
      sortby: 'updateTime',
    });
    const times = recent.pageItems.map((o) => o.parentOrderMap.updateTime ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('reads detail, shipping info and amounts, and maps them through the port', async () => {
    const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', { count: 1, status: 2 });
    const sn = orders[0]!.parentOrderSn;
    const client = h.client();
    const detail = await client.call(orderDetailCall, { parentOrderSn: sn });
    expect(detail.orderList.map((c) => c.orderSn)).toEqual(orders[0]!.children.map((c) => c.orderSn));
    const address = await client.call(orderShippingInfoCall, { parentOrderSn: sn });
    expect(address.receiptName.length).toBeGreaterThan(0);
    const amounts = await client.call(orderAmountCall, { parentOrderSn: sn });
    expect(amounts.orderList).toHaveLength(orders[0]!.children.length);

    const market = new TemuMarketplace({ shopId: 'shop-1', client });
    const order = await market.getOrder(sn);
    expect(order).toMatchObject({ orderRef: sn, status: 'unshipped', shopId: 'shop-1' });
    expect(order.lines.map((l) => l.skuId)).toEqual(orders[0]!.children.map((c) => c.skuId));
    const { buyer, address: mapped } = await market.getShippingAddress(sn);
    expect(buyer.name).toBe(address.receiptName);
    expect(mapped.zip).toBe(address.postCode ?? '');
    const priced = await market.getOrderAmounts(sn);
    expect(priced.lines.map((l) => l.lineId)).toEqual(orders[0]!.children.map((c) => c.orderSn));
    expect(priced.lines.every((l) => Number.isInteger(l.unitPrice.amountMinor))).toBe(true);
  });

  it('lists order changes in a window through the port, paging', async () => {
    const fromMs = Date.now() - 1000;
    const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', { count: 3, status: 2 });
    const market = new TemuMarketplace({ shopId: 'shop-1', client: h.client(), pageSize: 2 });
    // The sandbox stamps a fresh unshipped order's update time at confirmation = creation + 600 s
    // (see the report), so the window reaches an hour ahead.
    const changes = await collect(market.listOrderChanges({ fromMs, toMs: Date.now() + 3_600_000 }));
    const refs = changes.map((c) => c.orderRef);
    for (const o of orders) expect(refs).toContain(o.parentOrderSn);
    expect(
      changes.every((c) => c.shopId === 'shop-1' && c.updatedAtMs >= Math.floor(fromMs / 1000) * 1000),
    ).toBe(true);
  });

  it('reflects partial cancellation per line (canceledQuantityBeforeShipment)', async () => {
    const { skus } = await h.control<{ skus: Array<{ sellerSku: string }> }>('GET', 'state/skus');
    const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', {
      status: 2,
      lines: [{ sku: skus[0]!.sellerSku, quantity: 3 }],
    });
    const sn = orders[0]!.parentOrderSn;
    await h.control('POST', `orders/${sn}/transition`, { to: 'partially_cancelled', quantity: 1 });
    const order = await new TemuMarketplace({ shopId: 's', client: h.client() }).getOrder(sn);
    expect(order.lines[0]).toMatchObject({ originalQuantity: 3, cancelledQuantity: 1, quantity: 2 });
  });

  it('answers not_ready (140020008) while amounts are being calculated', async () => {
    const slow = await startHarness({ amountCalculationMs: 60_000, orderCount: 0 });
    try {
      const { orders } = await slow.control<{ orders: SandboxOrder[] }>('POST', 'orders', {
        count: 1,
        status: 2,
      });
      const err = await failureOf(
        new TemuMarketplace({ shopId: 's', client: slow.client() }).getOrderAmounts(orders[0]!.parentOrderSn),
      );
      expect(err.kind).toBe('not_ready');
      expect(err.remoteCode).toBe('140020008');
    } finally {
      await slow.close();
    }
  });

  it('answers credentials/ERR_TEMU_SCOPE when the shop may not read amounts (3000032)', async () => {
    const noScope = await startHarness({ amountScopeGranted: false, orderCount: 1 });
    try {
      const { orders } = await noScope.control<{ orders: SandboxOrder[] }>('GET', 'state/orders');
      const err = await failureOf(
        new TemuMarketplace({ shopId: 's', client: noScope.client() }).getOrderAmounts(
          orders[0]!.parentOrderSn,
        ),
      );
      expect(err.kind).toBe('credentials');
      expect(err.code).toBe('ERR_TEMU_SCOPE');
      expect(err.message).toMatch(/ask the seller to authorise it in Seller Center/);
    } finally {
      await noScope.close();
    }
  });

  it('raises a business error with Temu code for an unknown order', async () => {
    const err = await failureOf(
      h.client().call(orderDetailCall, { parentOrderSn: 'PO-211-00000000000000000' }),
    );
    expect(err.kind).toBe('business');
    expect(err.remoteCode).toBe('140020002');
  });

  it('raises bad_input naming the path and the type for a malformed order', async () => {
    const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', {
      count: 1,
      status: 2,
      malformed: 'missing_order_sn',
    });
    const err = await failureOf(
      h.client().call(orderDetailCall, { parentOrderSn: orders[0]!.parentOrderSn }),
    );
    expect(err.kind).toBe('bad_input');
    expect(err.message).toContain('bg.order.detail.v2.get');
    expect(err.message).toMatch(/result\.orderList\[0\]\.orderSn/);
  });
});
