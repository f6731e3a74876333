import { describe, expect, it } from '@jest/globals';
import { BadInputError } from '../../src/errors.js';
import { money } from '../../src/money.js';
import {
  customerInput,
  customerKey,
  resolveErpSku,
  skuMapping,
  toErpOrderDraft,
} from '../../src/orders/order-mapping.js';
import { aLine, anOrder, aTwoLineOrder } from '../fakes/order-builder.js';

const customer = { key: 'shop-us:jane.doe+x1@relay.temu.example', partnerId: 41, deliveryPartnerId: 42 };
const products = new Map([
  ['MUG-RED', 7],
  ['PLATE-BLUE', 8],
  ['ERP-MUG-001', 9],
]);

function thrown(fn: () => unknown): BadInputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BadInputError) return err;
    throw err;
  }
  throw new Error('expected a BadInputError');
}

describe('customerKey', () => {
  it('keys by shop and the lower-cased relay e-mail', () => {
    expect(customerKey(anOrder())).toBe('shop-us:jane.doe+x1@relay.temu.example');
  });

  it('falls back to the buyer name, then to one anonymous customer per shop', () => {
    expect(customerKey(anOrder({ buyer: { name: ' Jane  Doe ', email: null, phone: null } }))).toBe(
      'shop-us:Jane Doe',
    );
    expect(customerKey(anOrder({ shopId: 'shop-de', buyer: null, shippingAddress: null }))).toBe(
      'shop-de:anonymous',
    );
  });

  it('uses the address e-mail when the buyer block is missing', () => {
    const order = anOrder({ buyer: null });
    expect(customerKey(order)).toBe('shop-us:jane.doe+x1@relay.temu.example');
    expect(customerInput(order).buyer).toEqual({
      name: 'Jane Doe',
      email: 'Jane.Doe+x1@Relay.Temu.example',
      phone: '555-555-0101-1234',
    });
  });

  it('gives the same key to the same buyer in two shops only within each shop', () => {
    expect(customerKey(anOrder({ shopId: 'a' }))).not.toBe(customerKey(anOrder({ shopId: 'b' })));
  });
});

describe('resolveErpSku', () => {
  const mapping = skuMapping({
    bySkuId: { '46000000000009': 'ERP-MUG-001' },
    bySellerSku: { 'mug-old': 'MUG-RED' },
  });

  it('prefers the skuId mapping, then the seller SKU mapping, then the seller SKU itself', () => {
    expect(resolveErpSku({ skuId: '46000000000009', sellerSku: 'whatever' }, mapping)).toBe('ERP-MUG-001');
    expect(resolveErpSku({ skuId: '1', sellerSku: 'mug-old' }, mapping)).toBe('MUG-RED');
    expect(resolveErpSku({ skuId: '1', sellerSku: ' PLATE-BLUE ' }, mapping)).toBe('PLATE-BLUE');
  });

  it('returns null for an empty seller code without a mapping', () => {
    expect(resolveErpSku({ skuId: '1', sellerSku: '' })).toBeNull();
    expect(resolveErpSku({ skuId: '1', sellerSku: null })).toBeNull();
    expect(resolveErpSku({ skuId: '46000000000009', sellerSku: null }, mapping)).toBe('ERP-MUG-001');
  });
});

// The builder's address is in Illinois; no rule maps 8 %, so the default policy asks for a dedicated tax.
const illinois8 = {
  name: 'Marketplace shop-us US-IL 8%',
  ratePercent: 8,
  country: 'US',
  collectedByMarketplace: false,
};

describe('toErpOrderDraft', () => {
  it('maps lines at the marketplace unit price and currency with a visible note', () => {
    const draft = toErpOrderDraft(aTwoLineOrder(), customer, products);
    expect(draft).toEqual({
      orderRef: 'PO-211-00822146499192890',
      shopId: 'shop-us',
      region: '211',
      partnerId: 41,
      deliveryPartnerId: 42,
      currency: 'USD',
      lines: [
        {
          productId: 7,
          sku: 'MUG-RED',
          lineId: '211-1',
          quantity: 2,
          unitPrice: money(1299, 'USD'),
          taxRate: 0.08,
          tax: { kind: 'dedicated', tax: illinois8 },
          title: 'Red mug 350 ml',
        },
        {
          productId: 8,
          sku: 'PLATE-BLUE',
          lineId: '211-2',
          quantity: 3,
          unitPrice: money(850, 'USD'),
          taxRate: 0.08,
          tax: { kind: 'dedicated', tax: illinois8 },
          title: 'Blue plate',
        },
      ],
      charges: [],
      expectedTotal: null,
      note: 'Marketplace order PO-211-00822146499192890 | shop shop-us | region 211 | pricing: Marketplace order amounts',
      pricedByEstimate: false,
    });
  });

  it('adds shipping and discounts as lines and carries what the buyer paid', () => {
    // 2 × 12.99 + 3 × 8.50 = 51.48; tax 8 % per line: 2.08 + 2.04 = 4.12; + shipping 4.99
    // − seller discount 1.00 − Temu discount 0.50 = 59.09 paid.
    const order = aTwoLineOrder({
      shippingFee: money(499, 'USD'),
      sellerDiscount: money(100, 'USD'),
      marketplaceDiscount: money(50, 'USD'),
      customerPaid: money(5909, 'USD'),
    });
    const draft = toErpOrderDraft(order, customer, products);
    expect(draft.charges).toEqual([
      { kind: 'shipping', amount: money(499, 'USD'), tax: { kind: 'none' } },
      { kind: 'seller_discount', amount: money(-100, 'USD'), tax: { kind: 'none' } },
      { kind: 'marketplace_discount', amount: money(-50, 'USD'), tax: { kind: 'none' } },
    ]);
    expect(draft.expectedTotal).toEqual(money(5909, 'USD'));
  });

  it('parks an order whose rate no rule maps when creating taxes is off', () => {
    const policy = { rules: [], createMissing: false, marketplaceCollected: [] };
    const err = thrown(() => toErpOrderDraft(aTwoLineOrder(), customer, products, undefined, policy));
    expect(err.message).toMatch(/^no ERP sale tax for 8% \(US-IL\) in shop shop-us/);
  });

  it('marks estimated prices', () => {
    const draft = toErpOrderDraft(anOrder({ pricing: 'estimated_list_price' }), customer, products);
    expect(draft.pricedByEstimate).toBe(true);
    expect(draft.note).toContain('pricing: ESTIMATE from the Marketplace listed SKU price');
    // The caller's marketplace name goes into the note (and tax names) instead of the neutral word.
    const named = toErpOrderDraft(anOrder(), customer, products, undefined, undefined, 'Temu');
    expect(named.note).toMatch(/^Temu order PO-211-00822146499192890 \| .* pricing: Temu order amounts$/);
  });

  it('leaves out lines cancelled before shipment', () => {
    const order = aTwoLineOrder({}, [
      { quantity: 0, originalQuantity: 2, cancelledQuantity: 2, status: 'cancelled' },
      {},
    ]);
    expect(toErpOrderDraft(order, customer, products).lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['PLATE-BLUE', 3],
    ]);
  });

  it('applies the SKU mapping table before the seller SKU', () => {
    const order = anOrder({ lines: [aLine({ skuId: '46000000000009', sellerSku: '' })] });
    const draft = toErpOrderDraft(
      order,
      customer,
      products,
      skuMapping({ bySkuId: { '46000000000009': 'ERP-MUG-001' } }),
    );
    expect(draft.lines[0]).toMatchObject({ sku: 'ERP-MUG-001', productId: 9 });
  });

  it('rejects an unknown SKU with the exact operator message', () => {
    const order = anOrder({ lines: [aLine({ sellerSku: 'NOPE-1' })] });
    const err = thrown(() => toErpOrderDraft(order, customer, products));
    expect(err.code).toBe('ERR_UNKNOWN_SKU');
    expect(err.kind).toBe('bad_input');
    expect(err.message).toBe('unknown SKU NOPE-1 for shop shop-us');
  });

  it('lists every unknown SKU of the order, including lines without a seller code', () => {
    const order = anOrder({
      lines: [
        aLine({ lineId: 'a', sellerSku: 'NOPE-1' }),
        aLine({ lineId: 'b', sellerSku: 'MUG-RED' }),
        aLine({ lineId: 'c', sellerSku: '', skuId: '46000000000777' }),
        aLine({ lineId: 'd', sellerSku: 'NOPE-2' }),
      ],
    });
    const err = thrown(() => toErpOrderDraft(order, customer, products));
    expect(err.message).toBe(
      'unknown SKU NOPE-1 for shop shop-us; unknown SKU (empty seller code, marketplace skuId 46000000000777) for shop shop-us; unknown SKU NOPE-2 for shop shop-us',
    );
    expect(err.details).toEqual({
      shopId: 'shop-us',
      orderRef: 'PO-211-00822146499192890',
      unknownSkus: ['NOPE-1', 'NOPE-2'],
      emptySellerSkuIds: ['46000000000777'],
    });
  });

  it('rejects a line priced in another currency than the order', () => {
    const order = anOrder({ lines: [aLine({ unitPrice: money(999, 'EUR') })] });
    const err = thrown(() => toErpOrderDraft(order, customer, products));
    expect(err.code).toBe('ERR_CURRENCY_MISMATCH');
    expect(err.message).toBe(
      'line 211-00000000000000001 of order PO-211-00822146499192890 is priced in EUR but the order is in USD',
    );
  });
});
