import { describe, expect, it } from '@jest/globals';
import { money, planConsignmentSaleOrder, type PurchaseOrder } from '../../src/index.js';

const order = (lines: PurchaseOrder['lines']): PurchaseOrder => ({
  ref: 'WB2511300000001',
  status: 'to_ship',
  statusCode: 1,
  placedAtMs: 1_700_000_000_000,
  warehouse: { id: '8800001', name: 'W1' },
  shipmentRef: null,
  lines,
});
const line = (sellerSku: string | null, quantity: number, price: number | null, currency = 'USD') => ({
  lineRef: `sku-${sellerSku}`,
  sellerSku,
  quantity,
  receivedQuantity: 0,
  unitPrice: price === null ? null : money(price, currency),
});
const products = new Map([
  ['A-1', 11],
  ['B-2', 12],
]);

describe('purchase order → consignment sale order', () => {
  it('prices every line at the supply price and totals in minor units', () => {
    const plan = planConsignmentSaleOrder(
      order([line('A-1', 4, 310), line('B-2', 2, 425)]),
      products,
      'full',
    );
    expect(plan.lines).toEqual([
      { productId: 11, sku: 'A-1', quantity: 4, unitPrice: money(310, 'USD') },
      { productId: 12, sku: 'B-2', quantity: 2, unitPrice: money(425, 'USD') },
    ]);
    // 4 × 310 + 2 × 425 = 1240 + 850 = 2090 cents.
    expect(plan).toMatchObject({ purchaseRef: 'WB2511300000001', currency: 'USD', totalMinor: 2090 });
  });

  it('drops zero-quantity lines and refuses an order with none left', () => {
    expect(
      planConsignmentSaleOrder(order([line('A-1', 0, 310), line('B-2', 1, 425)]), products, 'f').lines,
    ).toHaveLength(1);
    expect(() => planConsignmentSaleOrder(order([line('A-1', 0, 310)]), products, 'f')).toThrow(
      'purchase order WB2511300000001 (shop f) has no line with a quantity',
    );
  });

  it.each([
    [
      [line('Z-9', 1, 100)],
      'ERR_PO_UNKNOWN_SKU',
      'no ERP product with internal reference Z-9 (SKU sku-Z-9); create it or map it, then replay',
    ],
    [[line(null, 1, 100)], 'ERR_PO_UNKNOWN_SKU', 'SKU sku-null has no seller code'],
    [[line('A-1', 1, null)], 'ERR_PO_NO_PRICE', 'no supply price for SKU A-1'],
    [[line('A-1', 1, 100), line('B-2', 1, 100, 'EUR')], 'ERR_PO_CURRENCY', 'mixes currencies USD, EUR'],
  ])('refuses the whole order, naming what to fix (%#)', (lines, code, message) => {
    expect(() => planConsignmentSaleOrder(order(lines), products, 'full')).toThrow(message);
    try {
      planConsignmentSaleOrder(order(lines), products, 'full');
    } catch (err) {
      expect(err).toMatchObject({ kind: 'bad_input', code });
    }
    expect.hasAssertions();
  });
});
