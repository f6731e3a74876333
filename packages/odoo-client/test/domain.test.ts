import { describe, expect, it } from '@jest/globals';
import { money, type ErpOrderDraft } from '@temu-odoo/core';
import {
  anyOf,
  chunk,
  dialectFor,
  fromOdooDatetime,
  m2oId,
  saleOrderVals,
  toOdooDatetime,
  validateDraft,
} from '../src/index.js';

describe('domain builders', () => {
  it('anyOf writes prefix ORs and matches nothing when empty', () => {
    expect(
      anyOf([
        ['a', '=', 1],
        ['b', '=', 2],
        ['c', '=', 3],
      ]),
    ).toEqual(['|', '|', ['a', '=', 1], ['b', '=', 2], ['c', '=', 3]]);
    expect(anyOf([['a', '=', 1]])).toEqual([['a', '=', 1]]);
    expect(anyOf([])).toEqual([['id', '=', 0]]);
  });

  it('chunk splits for `in` domains and refuses a bad size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(() => chunk([1], 0)).toThrow(/positive integer/);
  });

  it("datetimes use Odoo's naive UTC format both ways (ISO T/Z is refused on writes)", () => {
    const ms = Date.UTC(2026, 10, 26, 20, 38, 2);
    expect(toOdooDatetime(ms)).toBe('2026-11-26 20:38:02');
    expect(fromOdooDatetime('2026-11-26 20:38:02')).toBe(ms);
    expect(fromOdooDatetime(false)).toBeNull();
  });

  it('many2one values read as [id, name] or false', () => {
    expect(m2oId([7, 'Jane Doe'])).toBe(7);
    expect(m2oId(false)).toBeNull();
  });
});

describe('sale order values', () => {
  const CA = {
    name: 'Temu shop-1 US-CA 7.25%',
    ratePercent: 7.25,
    country: 'US',
    collectedByMarketplace: false,
  };
  const dedicated = { kind: 'dedicated', tax: CA } as const;
  // 2 × 18.50 = 37.00 at 7.25 % → 2.6825 → 2.68; 1 × 5.00 at 7.25 % → 0.3625 → 0.36; 1 × 0.99 untaxed.
  // Shipping 4.99 untaxed, seller discount −1.00. Per line: 37.00 + 0.99 + 5.00 + 4.99 − 1.00 = 46.98
  // untaxed, + 3.04 tax = 50.02. Globally: 42.00 × 7.25 % = 3.045 → 3.05, total 50.03.
  const draft: ErpOrderDraft = {
    orderRef: 'MKT-1',
    shopId: 'shop-1',
    region: 'US',
    partnerId: 7,
    deliveryPartnerId: 8,
    currency: 'USD',
    note: 'shop shop-1, region US',
    pricedByEstimate: false,
    lines: [
      {
        productId: 2,
        sku: 'SKU-1',
        lineId: 'L1',
        quantity: 2,
        unitPrice: money(1850, 'USD'),
        taxRate: 0.0725,
        tax: dedicated,
        title: 'Widget',
      },
      {
        productId: 3,
        sku: 'SKU-2',
        lineId: 'L2',
        quantity: 1,
        unitPrice: money(99, 'USD'),
        taxRate: 0,
        tax: { kind: 'none' },
        title: 'Gadget',
      },
      {
        productId: 4,
        sku: 'SKU-3',
        lineId: 'L3',
        quantity: 1,
        unitPrice: money(500, 'USD'),
        taxRate: 0.0725,
        tax: dedicated,
        title: 'Gizmo',
      },
    ],
    charges: [
      { kind: 'shipping', amount: money(499, 'USD'), tax: { kind: 'none' } },
      { kind: 'seller_discount', amount: money(-100, 'USD'), tax: { kind: 'none' } },
    ],
    expectedTotal: money(5002, 'USD'),
  };
  const chargeProducts = new Map([
    ['shipping', 90],
    ['seller_discount', 91],
    ['marketplace_discount', 92],
    ['rounding', 93],
  ] as const);
  const taxIds = new Map<string, number | Error>([[`dedicated:${CA.name}`, 11]]);
  const lines = (vals: Record<string, unknown>) =>
    (vals.order_line as Array<[number, number, Record<string, unknown>]>).map((l) => l[2]);
  const ctx = (major: number, rounding: 'round_per_line' | 'round_globally' = 'round_per_line') => ({
    dialect: dialectFor({ major, minor: 0, serie: '' }),
    taxIds,
    chargeProducts: new Map(chargeProducts),
    rounding,
  });

  it.each([
    [17, 'tax_id'],
    [19, 'tax_ids'],
  ])(
    "Odoo %i puts each line's resolved tax on %s, keeps explicit prices, forces no tax for rate 0",
    (major, field) => {
      const vals = saleOrderVals(draft, ctx(major));
      expect(vals).toMatchObject({ partner_id: 7, partner_shipping_id: 8, client_order_ref: 'MKT-1' });
      const l = lines(vals);
      expect(l[0]).toEqual({
        product_id: 2,
        product_uom_qty: 2,
        name: '[SKU-1] Widget',
        price_unit: 18.5,
        [field]: [[6, 0, [11]]],
      });
      expect(l[1]).toEqual({
        product_id: 3,
        product_uom_qty: 1,
        name: '[SKU-2] Gadget',
        price_unit: 0.99,
        [field]: [[6, 0, []]],
      });
      expect(l[3]).toEqual({
        product_id: 90,
        product_uom_qty: 1,
        name: 'Temu shipping fee',
        price_unit: 4.99,
        [field]: [[6, 0, []]],
      });
      expect(l[4]).toMatchObject({ product_id: 91, price_unit: -1, [field]: [[6, 0, []]] });
      // Per-line rounding reproduces 50.02: no closing line.
      expect(l).toHaveLength(5);
    },
  );

  it('closes a globally rounding company to the buyer total with a rounding line that says so', () => {
    const vals = saleOrderVals(draft, ctx(18, 'round_globally'));
    const closing = lines(vals)[5]!;
    // 50.02 paid − 50.03 computed = −0.01.
    expect(closing).toMatchObject({
      product_id: 93,
      product_uom_qty: 1,
      price_unit: -0.01,
      tax_id: [[6, 0, []]],
    });
    expect(String(vals.note)).toMatch(
      /Rounding: Odoo's tax rounding \(round_globally\) differs from Temu's by -0.01 USD/,
    );
  });

  it('leaves Odoo defaults only for a line without a known rate, and then adds no closing line', () => {
    const estimate: ErpOrderDraft = {
      ...draft,
      lines: [{ ...draft.lines[0]!, taxRate: null, tax: { kind: 'erp_default' } }],
      charges: [],
    };
    const l = lines(saleOrderVals(estimate, ctx(18)));
    expect(l).toHaveLength(1);
    expect(l[0]!.tax_id).toBeUndefined();
  });

  it('parks the order with the tax error when its tax could not be resolved', () => {
    const failing = new Map<string, number | Error>([[`dedicated:${CA.name}`, new Error('no country "US"')]]);
    expect(() => saleOrderVals(draft, { ...ctx(18), taxIds: failing })).toThrow(/no country "US"/);
  });

  it('rejects drafts that Odoo would refuse, naming what to fix', () => {
    expect(() => validateDraft({ ...draft, lines: [] })).toThrow(/MKT-1: no lines/);
    expect(() => validateDraft({ ...draft, partnerId: 0 })).toThrow(/partnerId/);
    expect(() =>
      validateDraft({ ...draft, lines: [{ ...draft.lines[0]!, unitPrice: money(1, 'EUR') }] }),
    ).toThrow(/priced in EUR/);
    expect(() => validateDraft({ ...draft, expectedTotal: money(1, 'EUR') })).toThrow(
      /in EUR, the order in USD/,
    );
  });
});
