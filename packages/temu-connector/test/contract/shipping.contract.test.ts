import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { logisticsCompaniesCall } from '../../src/calls/logistics-companies.call.js';
import { logisticsWarehousesCall } from '../../src/calls/logistics-warehouses.call.js';
import { shipmentConfirmCall } from '../../src/calls/shipment-confirm.call.js';
import { shipmentGetCall } from '../../src/calls/shipment-get.call.js';
import { TemuError } from '../../src/errors.js';
import { TemuMarketplace } from '../../src/temu-marketplace.js';
import { startHarness } from './sandbox-harness.js';
import type { Harness, SandboxOrder } from './sandbox-harness.js';

let h: Harness;
const tracking = () => `TRK${randomBytes(8).toString('hex').toUpperCase()}`;

beforeAll(async () => {
  h = await startHarness({ orderCount: 0 });
});
afterAll(async () => {
  await h.close();
});

async function unshippedOrder(): Promise<SandboxOrder> {
  const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', { count: 1, status: 2 });
  return orders[0]!;
}

describe('shipping over HTTP (bg.logistics.*)', () => {
  it('lists carriers for a region and the seller warehouses', async () => {
    const carriers = await h.client().call(logisticsCompaniesCall, { regionId: 211 });
    expect(carriers.length).toBeGreaterThan(0);
    expect(carriers.map((c) => c.logisticsServiceProviderId)).toContain('699272611');
    const { warehouseList } = await h.client().call(logisticsWarehousesCall, {});
    expect(warehouseList.length).toBeGreaterThan(0);
    expect(warehouseList[0]!.warehouseId).toEqual(expect.any(String));
  });

  it('confirms a shipment (sendType 0) and reads it back with shipment.v2.get', async () => {
    const order = await unshippedOrder();
    const client = h.client();
    const trackingNumber = tracking();
    await client.call(shipmentConfirmCall, {
      sendType: 0,
      sendRequestList: [
        {
          carrierId: '699272611',
          trackingNumber,
          orderSendInfoList: order.children.map((c) => ({
            parentOrderSn: order.parentOrderSn,
            orderSn: c.orderSn,
            quantity: c.quantity,
            goodsId: c.goodsId,
            skuId: c.skuId,
          })),
        },
      ],
    });
    const shipped = await client.call(shipmentGetCall, { parentOrderSn: order.parentOrderSn });
    expect(shipped.shipmentInfoDTO.map((s) => s.trackingNumber)).toContain(trackingNumber);
  });

  it('confirmShipment through the port maps "already shipped" (120012004) to already_shipped', async () => {
    const order = await unshippedOrder();
    const market = new TemuMarketplace({ shopId: 's', client: h.client() });
    const pkg = {
      carrierId: '699272611',
      trackingNumber: tracking(),
      items: order.children.map((c) => ({
        orderRef: order.parentOrderSn,
        lineId: c.orderSn,
        quantity: c.quantity,
        goodsId: c.goodsId,
        skuId: c.skuId,
      })),
    };
    expect(await market.confirmShipment([pkg])).toBe('shipped');
    expect(await market.confirmShipment([{ ...pkg, trackingNumber: tracking() }])).toBe('already_shipped');
    expect((await market.getOrder(order.parentOrderSn)).status).toBe('shipped');
  });

  it('keeps other fulfilment business errors (reused tracking number) with their code', async () => {
    const [a, b] = [await unshippedOrder(), await unshippedOrder()];
    const market = new TemuMarketplace({ shopId: 's', client: h.client() });
    const trackingNumber = tracking();
    const pkg = (o: SandboxOrder) => ({
      carrierId: '699272611',
      trackingNumber,
      items: o.children.map((c) => ({ orderRef: o.parentOrderSn, lineId: c.orderSn, quantity: c.quantity })),
    });
    await market.confirmShipment([pkg(a)]);
    const err = await market.confirmShipment([pkg(b)]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TemuError);
    expect((err as TemuError).kind).toBe('business');
    expect(['120014003', '120014004']).toContain((err as TemuError).remoteCode);
  });
});
