import { BadInputError } from '@temu-odoo/core';
import { describe, expect, it } from '@jest/globals';
import { orderAmountCall } from '../../src/calls/order-amount.call.js';
import { orderDetailCall } from '../../src/calls/order-detail.call.js';
import { orderShippingInfoCall } from '../../src/calls/order-shipping-info.call.js';
import { skuListCall } from '../../src/calls/sku-list.call.js';
import { mapTemuAmounts } from '../../src/mappers/temu-amounts.mapper.js';
import { parseWireJson } from '../../src/client/wire-json.js';
import { mapTemuShippingInfo } from '../../src/mappers/temu-address.mapper.js';
import { mapTemuOrder, mapTemuOrderChange } from '../../src/mappers/temu-order.mapper.js';
import { mapTemuSku } from '../../src/mappers/temu-sku.mapper.js';
import { orderStatusOf } from '../../src/mappers/temu-status.mapper.js';

// Shaped like the captured bg.order.list.v2.get response (docs/temu-api.md §8.3, FIX), parsed by the same schemas.
const detail = orderDetailCall.response.parse({
  parentOrderMap: {
    parentOrderSn: 'PO-211-00822146499192890',
    parentOrderStatus: 41,
    parentOrderTime: 1_711_000_000,
    updateTime: 1_711_003_600,
    expectShipLatestTime: 1_711_172_800,
    regionId: 211,
    siteId: 100,
    parentOrderLabel: [{ name: 'soon_to_be_overdue', value: 0 }],
    unknownFutureField: 'tolerated',
  },
  orderList: [
    {
      orderSn: '211-1',
      orderStatus: 4,
      goodsId: 601099548666279,
      skuId: 17592352673534,
      originalGoodsName: 'Mug',
      quantity: 2,
      originalOrderQuantity: 2,
      canceledQuantityBeforeShipment: 0,
      productList: [{ productSkuId: 1, extCode: 'MUG-RED' }],
    },
    {
      orderSn: '211-2',
      orderStatus: 2,
      goodsId: '9007199254740993',
      skuId: '9007199254740995',
      goodsName: 'Plate',
      quantity: 1,
      originalOrderQuantity: 3,
      canceledQuantityBeforeShipment: 2,
      productList: [{ extCode: '' }],
    },
    {
      orderSn: '211-3',
      orderStatus: 3,
      goodsId: 1,
      skuId: 2,
      goodsName: 'Bowl',
      quantity: 0,
      originalOrderQuantity: 1,
      canceledQuantityBeforeShipment: 1,
    },
  ],
});

const amounts = mapTemuAmounts(
  orderAmountCall.response.parse({
    parentOrderMap: {
      parentOrderSn: 'PO-211-00822146499192890',
      shippingAmountTotal: { amount: 499, currency: 'USD' },
      customerPaid: { amount: 5297, currency: 'USD' },
    },
    orderList: [
      {
        orderSn: '211-1',
        unitRetailPriceVatExcl: { amount: 1999, currency: 'USD' },
        productTaxAmount: { amount: 320, currency: 'USD' },
        productTaxRate: 800_000,
      },
      { orderSn: '211-2', unitRetailPriceVatExcl: { amount: 500, currency: 'USD' }, productTaxRate: 0 },
      { orderSn: '211-3', unitRetailPrice: { amount: 700, currency: 'USD' } },
    ],
  }),
);

const shipping = mapTemuShippingInfo(
  orderShippingInfoCall.response.parse({
    receiptName: 'Jane Doe',
    mail: 'relay-123@temu-relay.com',
    mobile: '555-123-4567 ext 1234',
    regionName1: 'United States',
    regionName2: 'CA',
    regionName3: 'San Francisco',
    addressLine1: '1 Market St',
    addressLine2: 'Suite 5',
    addressLine3: '',
    postCode: '94105',
  }),
);

describe('mapTemuOrder', () => {
  const order = mapTemuOrder({ shopId: 'shop-1', order: detail, shipping, amounts });

  it('maps the parent order: status 41, seconds to ms, region, currency from amounts', () => {
    expect(order).toMatchObject({
      shopId: 'shop-1',
      orderRef: 'PO-211-00822146499192890',
      region: '211',
      status: 'partially_shipped',
      createdAtMs: 1_711_000_000_000,
      updatedAtMs: 1_711_003_600_000,
      shipByMs: 1_711_172_800_000,
      currency: 'USD',
      pricing: 'marketplace_amounts',
      shippingFee: { amountMinor: 499, currency: 'USD' },
    });
  });

  it('maps child orders to lines with ids as strings (beyond 2^53 exact)', () => {
    expect(order.lines.map((l) => [l.lineId, l.goodsId, l.skuId])).toEqual([
      ['211-1', '601099548666279', '17592352673534'],
      ['211-2', '9007199254740993', '9007199254740995'],
      ['211-3', '1', '2'],
    ]);
  });

  it('keeps per-line cancellations: partial (canceledQuantityBeforeShipment) and whole (status 3)', () => {
    const [mug, plate, bowl] = order.lines;
    expect(mug).toMatchObject({
      quantity: 2,
      originalQuantity: 2,
      cancelledQuantity: 0,
      status: 'shipped',
      sellerSku: 'MUG-RED',
      title: 'Mug',
    });
    expect(plate).toMatchObject({
      quantity: 1,
      originalQuantity: 3,
      cancelledQuantity: 2,
      status: 'unshipped',
      sellerSku: null,
    });
    expect(bowl).toMatchObject({
      quantity: 0,
      originalQuantity: 1,
      cancelledQuantity: 1,
      status: 'cancelled',
    });
  });

  it('prices lines in integer minor units with the tax rate as a fraction', () => {
    expect(order.lines[0]).toMatchObject({
      unitPrice: { amountMinor: 1999, currency: 'USD' },
      taxAmount: { amountMinor: 320, currency: 'USD' },
      taxRate: 0.08,
    });
    expect(order.lines[2]!.unitPrice).toEqual({ amountMinor: 700, currency: 'USD' });
  });

  it('adds buyer and address from the shipping info', () => {
    expect(order.buyer).toEqual({
      name: 'Jane Doe',
      email: 'relay-123@temu-relay.com',
      phone: '555-123-4567 ext 1234',
    });
    expect(order.shippingAddress).toEqual({
      name: 'Jane Doe',
      street: '1 Market St',
      street2: 'Suite 5',
      city: 'San Francisco',
      state: 'CA',
      zip: '94105',
      country: 'US',
      phone: '555-123-4567 ext 1234',
      email: 'relay-123@temu-relay.com',
    });
  });

  it('without amounts: no prices, currency of the region, no pricing source', () => {
    const bare = mapTemuOrder({ shopId: 'shop-1', order: detail });
    expect(bare).toMatchObject({
      currency: 'USD',
      pricing: null,
      shippingFee: null,
      buyer: null,
      shippingAddress: null,
    });
    expect(bare.lines.every((l) => l.unitPrice === null && l.taxRate === null)).toBe(true);
  });

  it.each([
    [1, 'pending'],
    [2, 'unshipped'],
    [3, 'cancelled'],
    [4, 'shipped'],
    [5, 'delivered'],
    [41, 'partially_shipped'],
    [51, 'partially_delivered'],
  ])('parent status %i → %s', (code, status) => {
    expect(orderStatusOf(code)).toBe(status);
  });

  it('refuses an unknown status with a bad_input error naming it', () => {
    expect(() => orderStatusOf(9)).toThrow(/unknown Temu parentOrderStatus 9/);
  });

  it('maps a list entry to an OrderChange', () => {
    expect(mapTemuOrderChange('shop-1', detail.parentOrderMap)).toEqual({
      shopId: 'shop-1',
      orderRef: 'PO-211-00822146499192890',
      status: 'partially_shipped',
      updatedAtMs: 1_711_003_600_000,
    });
  });
});

describe('mapTemuAmounts', () => {
  it('keeps currency, shipping fee and total', () => {
    expect(amounts.currency).toBe('USD');
    expect(amounts.total).toEqual({ amountMinor: 5297, currency: 'USD' });
    expect(amounts.lines[1]).toEqual({
      lineId: '211-2',
      unitPrice: { amountMinor: 500, currency: 'USD' },
      taxAmount: null,
      taxRate: 0,
    });
  });

  it('keeps what Temu announces for the seller (settlement per order), or null when it gives none', () => {
    expect(amounts.revenue).toBeNull();
    const withRevenue = mapTemuAmounts(
      orderAmountCall.response.parse({
        parentOrderMap: {
          customerPaid: { amount: 3178, currency: 'USD' },
          estimatedRevenue: { amount: 2497, currency: 'USD' },
          estimatedRevenueDeduction: { amount: 0, currency: 'USD' },
          taxTotal: { amount: 181, currency: 'USD' },
        },
        orderList: [{ orderSn: 'x', unitRetailPriceVatExcl: { amount: 1249, currency: 'USD' } }],
      }),
    );
    expect(withRevenue.revenue).toEqual({
      sellerRevenue: { amountMinor: 2497, currency: 'USD' },
      deduction: { amountMinor: 0, currency: 'USD' },
      taxTotal: { amountMinor: 181, currency: 'USD' },
    });
  });

  it('refuses amounts that mix currencies', () => {
    const mixed = orderAmountCall.response.parse({
      parentOrderMap: { customerPaid: { amount: 1, currency: 'USD' } },
      orderList: [{ orderSn: 'x', unitRetailPriceVatExcl: { amount: 1, currency: 'EUR' } }],
    });
    expect(() => mapTemuAmounts(mixed)).toThrow(/mix USD and EUR/);
  });

  it('an amount beyond 2^53 is bad input (parked at once), not an error retried six times', () => {
    // 2^53 + 1 = 9007199254740993: the wire parser keeps it as its exact decimal string, which can
    // never become a safe integer of minor units. Before issue 20 this threw a RangeError, which the
    // job layer treats as transient (6 attempts).
    const wire = parseWireJson(
      '{"parentOrderMap":{"customerPaid":{"amount":9007199254740993,"currency":"USD"}},"orderList":[{"orderSn":"x","unitRetailPriceVatExcl":{"amount":1,"currency":"USD"}}]}',
    );
    let thrown: unknown;
    try {
      mapTemuAmounts(orderAmountCall.response.parse(wire));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(BadInputError);
    expect(thrown).toMatchObject({ kind: 'bad_input', code: 'ERR_TEMU_AMOUNT' });
    expect((thrown as Error).message).toContain('9007199254740993 USD');
  });
});

describe('mapTemuSku', () => {
  it('converts the decimal list price to minor units and keeps the seller code', () => {
    const page = skuListCall.response.parse({
      skuList: [
        {
          skuId: '12345678901234567890',
          goodsId: 601099548666279,
          skuSn: 'MUG-RED',
          retailPrice: { amount: '19.99', currency: 'USD' },
          stock: 7,
        },
        { skuId: 2, goodsId: 1, skuSn: '', price: '5', currency: 'JPY' },
      ],
      total: 2,
    });
    expect(page.skuList.map((s) => mapTemuSku('shop-1', s))).toEqual([
      {
        shopId: 'shop-1',
        goodsId: '601099548666279',
        skuId: '12345678901234567890',
        sellerSku: 'MUG-RED',
        listPriceMinor: 1999,
        currency: 'USD',
        stock: 7,
        // Temu's SKU list has no category (docs/temu-api.md §10.1): it comes from the goods list.
        categoryId: null,
      },
      {
        shopId: 'shop-1',
        goodsId: '1',
        skuId: '2',
        sellerSku: null,
        listPriceMinor: 5,
        currency: 'JPY',
        stock: null,
        categoryId: null,
      },
    ]);
    // With the goods' category from the goods list, the SKU carries it (commission by category).
    expect(mapTemuSku('shop-1', page.skuList[0]!, '1211').categoryId).toBe('1211');
  });
});
