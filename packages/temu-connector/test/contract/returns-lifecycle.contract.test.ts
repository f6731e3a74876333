import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TemuMarketplace } from '../../src/temu-marketplace.js';
import { collect, startHarness } from './sandbox-harness.js';
import type { Harness, SandboxOrder } from './sandbox-harness.js';

let h: Harness;
let market: TemuMarketplace;

beforeAll(async () => {
  h = await startHarness({ orderCount: 0 });
  market = new TemuMarketplace({ shopId: 'shop-r', client: h.client() });
});
afterAll(async () => {
  await h.close();
});

interface CaseState {
  afterSales: { parentAfterSalesSn: string; status: number };
}
interface Stats {
  admittedByGroup: Record<string, number>;
}

async function deliveredOrder(quantity = 3): Promise<SandboxOrder> {
  const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', {
    count: 1,
    status: 5,
    quantity,
  });
  return orders[0]!;
}

describe('returns lifecycle through TemuMarketplace (ReturnsMarketplacePort)', () => {
  it('return and refund: requested → shipped back → received → refund issued → refunded, lines mapped', async () => {
    const fromMs = Date.now() - 1000;
    const order = await deliveredOrder(3);
    const { afterSales } = await h.control<CaseState>('POST', 'aftersales', {
      parentOrderSn: order.parentOrderSn,
      kind: 'return',
      quantity: 2,
      reason: 'damaged',
    });
    const caseRef = afterSales.parentAfterSalesSn;
    const listed = await collect(market.listReturnCases({ fromMs, toMs: Date.now() + 1000 }));
    const mine = listed.find((c) => c.caseRef === caseRef)!;
    expect(mine).toMatchObject({
      shopId: 'shop-r',
      orderRef: order.parentOrderSn,
      kind: 'return_and_refund',
      status: 'requested',
    });
    // one child ordered 3, the case asks 2 back, with the seller code as ERP SKU
    expect(mine.lines).toEqual([
      expect.objectContaining({
        orderLineRef: order.children[0]!.orderSn,
        sku: order.children[0]!.sellerSku,
        quantity: 2,
        reason: 'damaged',
      }),
    ]);

    // the seller cannot refund before the goods are back (130010005, a business error)
    await expect(market.issueRefund(caseRef, order.parentOrderSn)).rejects.toMatchObject({
      kind: 'business',
      remoteCode: '130010005',
    });
    await h.control('POST', `aftersales/${caseRef}/advance`, { step: 'ship_back' });
    expect((await market.getReturnCase(caseRef, order.parentOrderSn))?.status).toBe('return_shipped');
    await h.control('POST', `aftersales/${caseRef}/advance`, { step: 'receive' });
    expect((await market.getReturnCase(caseRef, order.parentOrderSn))?.status).toBe('return_received');

    const before = await h.control<Stats>('GET', 'stats');
    await market.issueRefund(caseRef, order.parentOrderSn);
    const after = await h.control<Stats>('GET', 'stats');
    // one refund.issue call, spent from the finance group's quota
    expect(after.admittedByGroup.finance! - before.admittedByGroup.finance!).toBe(1);
    expect(after.admittedByGroup.orders).toBe(before.admittedByGroup.orders);
    expect((await market.getReturnCase(caseRef, order.parentOrderSn))?.status).toBe('refunded');
  });

  it('refund only: refund issued on the request; a second issue is refused (status 5)', async () => {
    const order = await deliveredOrder(1);
    const { afterSales } = await h.control<CaseState>('POST', 'aftersales', {
      parentOrderSn: order.parentOrderSn,
      kind: 'refund',
    });
    const c = await market.getReturnCase(afterSales.parentAfterSalesSn, order.parentOrderSn);
    expect(c).toMatchObject({ kind: 'refund_only', status: 'requested' });
    await market.issueRefund(afterSales.parentAfterSalesSn, order.parentOrderSn);
    await expect(
      market.issueRefund(afterSales.parentAfterSalesSn, order.parentOrderSn),
    ).rejects.toMatchObject({
      remoteCode: '130010005',
    });
  });

  it('seller label: status 8 needs an upload (prepare + upload), once; then the buyer can ship', async () => {
    const order = await deliveredOrder(1);
    const { afterSales } = await h.control<CaseState>('POST', 'aftersales', {
      parentOrderSn: order.parentOrderSn,
      kind: 'return',
    });
    const sn = afterSales.parentAfterSalesSn;
    const label = {
      carrierId: '123',
      trackingNumber: 'RET-1',
      labelUrl: 'https://labels.example.com/RET-1.pdf',
    };
    // not waiting for a label yet (status 10): 130010005
    await expect(market.uploadReturnLabel(sn, order.parentOrderSn, label)).rejects.toMatchObject({
      remoteCode: '130010005',
    });
    await h.control('POST', `aftersales/${sn}/advance`, { step: 'use_merchant_label' });
    await expect(h.control('POST', `aftersales/${sn}/advance`, { step: 'ship_back' })).rejects.toThrow(/409/);
    await expect(
      market.uploadReturnLabel(sn, order.parentOrderSn, { ...label, labelUrl: 'ftp://labels.example.com/x' }),
    ).rejects.toMatchObject({ remoteCode: '130010006' });
    await market.uploadReturnLabel(sn, order.parentOrderSn, label);
    await expect(market.uploadReturnLabel(sn, order.parentOrderSn, label)).rejects.toMatchObject({
      remoteCode: '130010005',
    });
    await h.control('POST', `aftersales/${sn}/advance`, { step: 'ship_back' });
    expect((await market.getReturnCase(sn, order.parentOrderSn))?.status).toBe('return_shipped');
  });

  it("seller label: returnaddress.get gives the buyer's address only while the label is due", async () => {
    const order = await deliveredOrder(1);
    const { afterSales } = await h.control<CaseState>('POST', 'aftersales', {
      parentOrderSn: order.parentOrderSn,
      kind: 'return',
    });
    const sn = afterSales.parentAfterSalesSn;
    // status 10 (return requested): no label needed yet
    await expect(market.getReturnLabelAddress(sn, order.parentOrderSn)).rejects.toMatchObject({
      remoteCode: '180021004',
    });
    await h.control('POST', `aftersales/${sn}/advance`, { step: 'use_merchant_label' });
    const before = await h.control<Stats>('GET', 'stats');
    const address = await market.getReturnLabelAddress(sn, order.parentOrderSn);
    const after = await h.control<Stats>('GET', 'stats');
    expect(after.admittedByGroup.finance! - before.admittedByGroup.finance!).toBe(1);
    // the order's receiver, mapped as the order's shipping address is
    const shipping = await market.getShippingAddress(order.parentOrderSn);
    expect(address).toEqual(shipping.address);
    expect(address.street).not.toBe('');
    await market.uploadReturnLabel(sn, order.parentOrderSn, {
      carrierId: '1',
      trackingNumber: 'RET-A',
      labelUrl: 'https://labels.example.com/RET-A.png',
    });
    await expect(market.getReturnLabelAddress(sn, order.parentOrderSn)).rejects.toMatchObject({
      remoteCode: '180021003',
    });
  });

  it('seller label: the buyer picks it (status 8 → label_needed); withdrawn cases are terminal', async () => {
    const order = await deliveredOrder(1);
    const { afterSales } = await h.control<CaseState>('POST', 'aftersales', {
      parentOrderSn: order.parentOrderSn,
      kind: 'return',
    });
    await h.control('POST', `aftersales/${afterSales.parentAfterSalesSn}/advance`, {
      step: 'use_merchant_label',
    });
    expect((await market.getReturnCase(afterSales.parentAfterSalesSn, order.parentOrderSn))?.status).toBe(
      'label_needed',
    );
    await h.control('POST', `aftersales/${afterSales.parentAfterSalesSn}/advance`, { step: 'withdraw' });
    expect((await market.getReturnCase(afterSales.parentAfterSalesSn, order.parentOrderSn))?.status).toBe(
      'withdrawn',
    );
    await expect(
      h.control('POST', `aftersales/${afterSales.parentAfterSalesSn}/advance`, { step: 'ship_back' }),
    ).rejects.toThrow(/409/);
  });

  it('pre-shipment cancellation: listed, agreed, then reported refunded', async () => {
    const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', { count: 1, status: 2 });
    const order = orders[0]!;
    const { afterSales } = await h.control<CaseState>('POST', 'aftersales', {
      parentOrderSn: order.parentOrderSn,
      kind: 'cancel',
    });
    const listed = await collect(market.listCancellations({ fromMs: 0, toMs: Date.now() + 1000 }));
    expect(listed.find((c) => c.caseRef === afterSales.parentAfterSalesSn)).toMatchObject({
      kind: 'cancel_before_shipment',
      status: 'requested',
      orderRef: order.parentOrderSn,
    });
    await market.agreeCancellation(afterSales.parentAfterSalesSn, order.parentOrderSn);
    const agreed = await market.getReturnCase(afterSales.parentAfterSalesSn, order.parentOrderSn);
    expect(agreed).toMatchObject({ kind: 'cancel_before_shipment', status: 'refunded' });
  });
});
