import { describe, expect, it } from '@jest/globals';
import { money } from '../../src/money.js';
import {
  enrichWithAmounts,
  enrichWithListPrices,
  needsListingRefresh,
} from '../../src/orders/order-pricing.js';
import type { MarketplaceSku } from '../../src/stock.js';
import { aTwoLineOrder } from '../fakes/order-builder.js';

const unpriced = aTwoLineOrder({ pricing: null, orderRef: 'PO-P', currency: 'USD' }, [
  { unitPrice: null, taxAmount: null, taxRate: null },
  { unitPrice: null, taxAmount: null, taxRate: null },
]);

const sku = (skuId: string, listPriceMinor: number | null, currency: string | null = 'EUR'): MarketplaceSku =>
  ({ skuId, goodsId: 'G', listPriceMinor, currency }) as MarketplaceSku;

describe('pricing enrichment', () => {
  it('takes the marketplace amounts per line, with shipping, discounts and what the buyer paid', () => {
    const priced = enrichWithAmounts(unpriced, {
      currency: 'EUR',
      lines: [
        { lineId: '211-1', unitPrice: money(1000, 'EUR'), taxAmount: money(380, 'EUR'), taxRate: 0.19 },
      ],
      shippingFee: money(499, 'EUR'),
      shippingTaxRate: 0.19,
      total: money(2879, 'EUR'),
    } as Parameters<typeof enrichWithAmounts>[1]);
    expect(priced.pricing).toBe('marketplace_amounts');
    expect(priced.currency).toBe('EUR');
    expect(priced.shippingFee).toEqual(money(499, 'EUR'));
    expect(priced.customerPaid).toEqual(money(2879, 'EUR'));
    expect(priced.sellerDiscount).toBeNull();
    expect(priced.lines[0]).toMatchObject({ unitPrice: money(1000, 'EUR'), taxRate: 0.19 });
    // A line the amounts do not name keeps what it had.
    expect(priced.lines[1]?.unitPrice).toBeNull();
  });

  it('estimates from listed prices and marks the order so', () => {
    const listed = new Map([
      ['46000000000001', sku('46000000000001', 1299)],
      ['46000000000002', sku('46000000000002', 850)],
    ]);
    expect(needsListingRefresh(unpriced, listed)).toBe(false);
    const priced = enrichWithListPrices(unpriced, listed);
    expect(priced.pricing).toBe('estimated_list_price');
    expect(priced.currency).toBe('EUR');
    expect(priced.lines.map((l) => l.unitPrice)).toEqual([money(1299, 'EUR'), money(850, 'EUR')]);
    expect(priced.lines.map((l) => l.taxRate)).toEqual([null, null]);
  });

  it('asks for a listing refresh for an unknown SKU and parks an order with an unpriced one', () => {
    const listed = new Map([['46000000000001', sku('46000000000001', 1299)]]);
    expect(needsListingRefresh(unpriced, listed)).toBe(true);
    const withUnpriced = new Map([...listed, ['46000000000002', sku('46000000000002', null)]]);
    expect(() => enrichWithListPrices(unpriced, withUnpriced)).toThrow(
      'no listed marketplace price for SKU 46000000000002 (order PO-P, shop shop-us)',
    );
  });
});
