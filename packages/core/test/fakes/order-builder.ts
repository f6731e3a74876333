import { money } from '../../src/money.js';
import type { Order, OrderLine } from '../../src/order.js';

/** Test data builders for marketplace orders: realistic defaults, overridden per test. */
export function aLine(overrides: Partial<OrderLine> = {}): OrderLine {
  const quantity = overrides.quantity ?? 2;
  return {
    lineId: '211-00000000000000001',
    goodsId: '601099512345678',
    skuId: '46000000000001',
    sellerSku: 'MUG-RED',
    title: 'Red mug 350 ml',
    quantity,
    originalQuantity: quantity,
    cancelledQuantity: 0,
    status: 'unshipped',
    unitPrice: money(1299, 'USD'),
    taxAmount: money(208, 'USD'),
    taxRate: 0.08,
    ...overrides,
  };
}

export function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    shopId: 'shop-us',
    region: '211',
    orderRef: 'PO-211-00822146499192890',
    status: 'unshipped',
    createdAtMs: 1_750_000_000_000,
    updatedAtMs: 1_750_000_600_000,
    shipByMs: null,
    currency: 'USD',
    lines: [aLine()],
    buyer: { name: 'Jane Doe', email: 'Jane.Doe+x1@Relay.Temu.example', phone: '555-555-0101-1234' },
    shippingAddress: {
      name: 'Jane Doe',
      street: '1 Main St',
      street2: null,
      city: 'Springfield',
      state: 'IL',
      zip: '62701',
      country: 'US',
      phone: '555-555-0101-1234',
      email: 'Jane.Doe+x1@Relay.Temu.example',
    },
    shippingFee: null,
    pricing: 'marketplace_amounts',
    ...overrides,
  };
}

/** A two-line order (mug ×2, plate ×3) used by the partial-shipment and partial-cancellation cases. */
export function aTwoLineOrder(
  overrides: Partial<Order> = {},
  lineOverrides: [Partial<OrderLine>, Partial<OrderLine>] = [{}, {}],
): Order {
  return anOrder({
    lines: [
      aLine({
        lineId: '211-1',
        skuId: '46000000000001',
        sellerSku: 'MUG-RED',
        quantity: 2,
        ...lineOverrides[0],
      }),
      aLine({
        lineId: '211-2',
        skuId: '46000000000002',
        sellerSku: 'PLATE-BLUE',
        title: 'Blue plate',
        quantity: 3,
        unitPrice: money(850, 'USD'),
        ...lineOverrides[1],
      }),
    ],
    ...overrides,
  });
}
