import { describe, expect, it } from '@jest/globals';
import { money } from '@temu-odoo/core';
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
  const draft = {
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
        taxRate: 0.15,
        title: 'Widget',
      },
      { productId: 3, sku: 'SKU-2', lineId: 'L2', quantity: 1, unitPrice: null, taxRate: 0, title: 'Gadget' },
      {
        productId: 4,
        sku: 'SKU-3',
        lineId: 'L3',
        quantity: 1,
        unitPrice: money(500, 'USD'),
        taxRate: 0.07,
        title: 'Gizmo',
      },
    ],
  };
  const taxes = new Map([['15.0000', { id: 1, name: '15%', ratePercent: 15, priceIncluded: false }]]);

  it.each([
    [17, 'tax_id'],
    [19, 'tax_ids'],
  ])('Odoo %i puts taxes on %s, keeps explicit prices, forces no tax for rate 0', (major, field) => {
    const vals = saleOrderVals(draft, { dialect: dialectFor({ major, minor: 0, serie: '' }), taxes });
    expect(vals).toMatchObject({ partner_id: 7, partner_shipping_id: 8, client_order_ref: 'MKT-1' });
    const lines = (vals.order_line as Array<[number, number, Record<string, unknown>]>).map((l) => l[2]);
    expect(lines[0]).toEqual({
      product_id: 2,
      product_uom_qty: 2,
      name: '[SKU-1] Widget',
      price_unit: 18.5,
      [field]: [[6, 0, [1]]],
    });
    expect(lines[1]).toEqual({
      product_id: 3,
      product_uom_qty: 1,
      name: '[SKU-2] Gadget',
      [field]: [[6, 0, []]],
    });
    expect(lines[2]![field]).toBeUndefined();
    expect(vals.note).toMatch(/no Odoo sale tax of 7.00% for SKU-3/);
  });

  it('rejects drafts that Odoo would refuse, naming what to fix', () => {
    expect(() => validateDraft({ ...draft, lines: [] })).toThrow(/MKT-1: no lines/);
    expect(() => validateDraft({ ...draft, partnerId: 0 })).toThrow(/partnerId/);
    expect(() =>
      validateDraft({ ...draft, lines: [{ ...draft.lines[0]!, unitPrice: money(1, 'EUR') }] }),
    ).toThrow(/priced in EUR/);
  });
});
