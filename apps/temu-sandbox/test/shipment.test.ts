import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTemuSandbox, type RunningTemuSandbox } from '../src/index.js';
import { control, CREDS, type Json, NO_LIMITS, TestClient } from './helpers.js';

describe('shipment v2 confirm rules (docs/temu-api.md §9.1)', () => {
  let sandbox: RunningTemuSandbox;
  let client: TestClient;
  let seq = 0;
  const tracking = () => `SBX${Date.now()}${String(seq++).padStart(4, '0')}`;

  beforeAll(async () => {
    sandbox = await startTemuSandbox({ port: 0, ...CREDS, orderCount: 0, rateLimits: NO_LIMITS });
    client = new TestClient(sandbox.url, CREDS);
  });
  afterAll(() => sandbox.close());

  const newOrder = async (body: Record<string, unknown>) =>
    (await control(sandbox.url, 'POST', 'orders', { status: 2, ...body })).body.orders[0];
  const lines = (o: Json, quantity?: number) =>
    o.children.map((c: Json) => ({
      parentOrderSn: o.parentOrderSn,
      orderSn: c.orderSn,
      quantity: quantity ?? c.quantity,
      goodsId: BigInt(c.goodsId),
      skuId: BigInt(c.skuId),
    }));
  const confirm = (sendType: number, sendRequestList: unknown[]) =>
    client.call('bg.logistics.shipment.v2.confirm', { sendType, sendRequestList });
  const pkg = (orderSendInfoList: unknown[], extra: Record<string, unknown> = {}) => ({
    carrierId: 699272611,
    trackingNumber: tracking(),
    selfShippingWarehouseId: 'WH-06351001',
    orderSendInfoList,
    ...extra,
  });

  it('ships a whole parent order (sendType 0), marks it shipped and reports it in shipment v2 get', async () => {
    const o = await newOrder({
      lines: [
        { sku: 'DEMO-0001-RED', quantity: 2 },
        { sku: 'DEMO-0002-BLUE', quantity: 1 },
      ],
    });
    const p = pkg(lines(o));
    const answer = await confirm(0, [p]);
    expect(answer.body).toMatchObject({ success: true, result: { warningMessage: [] } });
    const state = (await control(sandbox.url, 'GET', `state/orders/${o.parentOrderSn}`)).body.order;
    expect(state.status).toBe(4);
    const got = await client.ok('bg.logistics.shipment.v2.get', { parentOrderSn: o.parentOrderSn });
    expect(got.shipmentInfoDTO).toHaveLength(2);
    expect(got.shipmentInfoDTO[0].trackingNumber).toBe(p.trackingNumber);
    // A retry of the same confirm: already shipped (checked before the tracking number).
    expect((await confirm(0, [p])).body.errorCode).toBe(120012004);
  });

  it('ships some lines only (sendType 1) → parent 41, then the rest → 4', async () => {
    const o = await newOrder({
      lines: [
        { sku: 'DEMO-0003-RED', quantity: 3 },
        { sku: 'DEMO-0004-RED', quantity: 1 },
      ],
    });
    const [a, b] = lines(o);
    // One line split over two packages.
    const split = await confirm(1, [pkg([{ ...a, quantity: 2 }]), pkg([{ ...a, quantity: 1 }])]);
    expect(split.body.success).toBe(true);
    expect((await control(sandbox.url, 'GET', `state/orders/${o.parentOrderSn}`)).body.order.status).toBe(41);
    const detail = await client.ok('bg.order.detail.v2.get', { parentOrderSn: o.parentOrderSn });
    expect(detail.parentOrderMap.parentOrderStatus).toBe(41);
    expect((await confirm(1, [pkg([b])])).body.success).toBe(true);
    expect((await control(sandbox.url, 'GET', `state/orders/${o.parentOrderSn}`)).body.order.status).toBe(4);
  });

  it('checks quantities: more than open 120012016, less than full 120012016, sendType 0 must ship every line', async () => {
    const o = await newOrder({
      lines: [
        { sku: 'DEMO-0005-RED', quantity: 2 },
        { sku: 'DEMO-0006-RED', quantity: 1 },
      ],
    });
    const [a] = lines(o);
    expect((await confirm(1, [pkg([{ ...a, quantity: 3 }])])).body.errorCode).toBe(120012016);
    expect((await confirm(1, [pkg([{ ...a, quantity: 1 }])])).body.errorCode).toBe(120012016);
    expect((await confirm(0, [pkg([a])])).body.errorCode).toBe(120012016);
    expect((await confirm(1, [pkg([{ ...a, quantity: 0 }])])).body.errorCode).toBe(3000000);
  });

  it('checks tracking numbers: blank 120014001, duplicate in call 120014003, reused 120014004, wrong format 120014022', async () => {
    const o = await newOrder({ sku: 'DEMO-0007-RED', quantity: 2 });
    const [a] = lines(o);
    expect((await confirm(0, [pkg([a], { trackingNumber: ' ' })])).body.errorCode).toBe(120014001);
    const same = tracking();
    expect(
      (
        await confirm(1, [
          pkg([{ ...a, quantity: 1 }], { trackingNumber: same }),
          pkg([{ ...a, quantity: 1 }], { trackingNumber: same }),
        ])
      ).body.errorCode,
    ).toBe(120014003);
    const used = (await control(sandbox.url, 'GET', 'state/shipments')).body.shipments[0].trackingNumber;
    expect((await confirm(0, [pkg([a], { trackingNumber: used })])).body.errorCode).toBe(120014004);
    expect(
      (await confirm(0, [pkg([a], { carrierId: 210000002, trackingNumber: '123' })])).body.errorCode,
    ).toBe(120014022);
    expect((await confirm(0, [pkg([a], { carrierId: 1 })])).body.errorCode).toBe(120014022);
  });

  it('checks order state: pending 120012007, unknown order 120012007, foreign line 120012016', async () => {
    const pending = (await control(sandbox.url, 'POST', 'orders', { status: 1 })).body.orders[0];
    expect((await confirm(0, [pkg(lines(pending))])).body.errorCode).toBe(120012007);
    const o = await newOrder({});
    expect(
      (await confirm(0, [pkg([{ ...lines(o)[0], parentOrderSn: 'PO-211-00000000000000001' }])])).body
        .errorCode,
    ).toBe(120012007);
    expect(
      (await confirm(0, [pkg([{ ...lines(o)[0], orderSn: lines(pending)[0].orderSn }])])).body.errorCode,
    ).toBe(120012016);
  });

  it('blocks a pending buyer cancellation (120012030) unless the seller declines it with DENY_CANCELLATION', async () => {
    const o = await newOrder({ sku: 'DEMO-0008-RED' });
    await control(sandbox.url, 'POST', 'aftersales', { parentOrderSn: o.parentOrderSn, kind: 'cancel' });
    expect((await confirm(0, [pkg(lines(o))])).body.errorCode).toBe(120012030);
    expect(
      (await confirm(0, [pkg(lines(o), { confirmAcceptance: ['DENY_CANCELLATION'] })])).body.success,
    ).toBe(true);
  });

  it('combines parent orders of one buyer in one package (sendType 2); different addresses → 120012015', async () => {
    const a = await newOrder({ sku: 'DEMO-0009-RED', buyerKey: 'buyer-1' });
    const b = await newOrder({ sku: 'DEMO-0010-RED', buyerKey: 'buyer-1' });
    const c = await newOrder({ sku: 'DEMO-0011-RED', buyerKey: 'buyer-2' });
    expect((await confirm(2, [pkg([...lines(a), ...lines(c)])])).body.errorCode).toBe(120012015);
    expect((await confirm(2, [pkg([...lines(a), ...lines(b)])])).body.success).toBe(true);
    expect((await confirm(2, [pkg(lines(c))])).body.errorCode).toBe(3000000);
  });

  it('lists carriers per region as an array and warehouses', async () => {
    const carriers = await client.ok('bg.logistics.companies.get', { regionId: 211 });
    expect(Array.isArray(carriers)).toBe(true);
    expect(carriers.map((c: Json) => c.logisticsServiceProviderId)).toContain(699272611);
    const warehouses = await client.ok('bg.logistics.warehouse.list.get');
    expect(warehouses.warehouseList[0].warehouseId).toMatch(/^WH-/);
  });
});
