import { describe, expect, it } from '@jest/globals';
import { allocateShipment } from '../../src/shipping/allocate-shipment.js';
import { skuMapping } from '../../src/orders/order-mapping.js';
import { aLine, anOrder, aTwoLineOrder } from '../fakes/order-builder.js';

describe('allocateShipment', () => {
  it('maps each delivered ERP SKU to the marketplace line that sells it', () => {
    const order = aTwoLineOrder({ orderRef: 'PO-1' });
    const items = allocateShipment({
      order,
      deliveryId: 7,
      shipped: [
        { sku: 'PLATE-BLUE', quantity: 3 },
        { sku: 'MUG-RED', quantity: 1 },
      ],
    });
    expect(items).toEqual([
      { orderRef: 'PO-1', lineId: '211-2', quantity: 3, goodsId: '601099512345678', skuId: '46000000000002' },
      { orderRef: 'PO-1', lineId: '211-1', quantity: 1, goodsId: '601099512345678', skuId: '46000000000001' },
    ]);
  });

  it('fills two lines of one SKU first to last and skips cancelled or empty lines', () => {
    const order = anOrder({
      lines: [
        aLine({ lineId: 'L-cancelled', quantity: 4, status: 'cancelled' }),
        aLine({ lineId: 'L-empty', quantity: 0 }),
        aLine({ lineId: 'L-a', quantity: 2 }),
        aLine({ lineId: 'L-b', quantity: 5 }),
      ],
    });
    // 6 mugs: 2 from L-a (all it has), then 4 of L-b's 5.
    const items = allocateShipment({ order, deliveryId: 8, shipped: [{ sku: 'MUG-RED', quantity: 6 }] });
    expect(items.map((i) => [i.lineId, i.quantity])).toEqual([
      ['L-a', 2],
      ['L-b', 4],
    ]);
  });

  it('resolves lines through the SKU mapping', () => {
    const order = anOrder({ lines: [aLine({ lineId: 'L-1', skuId: 'S-9', sellerSku: '' })] });
    const items = allocateShipment({
      order,
      deliveryId: 9,
      shipped: [{ sku: 'ERP-MUG', quantity: 1 }],
      skuMapping: skuMapping({ bySkuId: { 'S-9': 'ERP-MUG' } }),
    });
    expect(items).toEqual([expect.objectContaining({ lineId: 'L-1', quantity: 1 })]);
  });

  it('refuses a delivery shipping more than the order has open, naming delivery, SKU and shop', () => {
    // The order has 2 mugs open; the delivery ships 3.
    expect(() =>
      allocateShipment({
        order: anOrder({ orderRef: 'PO-X' }),
        deliveryId: 10,
        shipped: [{ sku: 'MUG-RED', quantity: 3 }],
      }),
    ).toThrow(
      'delivery 10 of PO-X ships 3 × MUG-RED, more than the marketplace order has open (shop shop-us)',
    );
  });
});
