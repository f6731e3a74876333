import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { money } from '@temu-odoo/core';
import { OdooErp } from '../src/index.js';
import { realOdooFromEnv, sandboxAvailable, startTarget, type OdooTarget } from './support/odoo-target.js';

/**
 * The pricing half of the ERP contract (ErpPricingPort): costs, stock age and the shop's price list,
 * on the sandbox as 16.0–19.0 (and 19.0 over JSON-2), or unchanged on the real Odoo from the env.
 */
const REAL = realOdooFromEnv() !== null;
type Protocol = 'auto' | 'json2';
const TARGETS: Array<[string | null, Protocol]> = REAL
  ? [[null, 'auto']]
  : [
      ['16.0', 'auto'],
      ['17.0', 'auto'],
      ['18.0', 'auto'],
      ['19.0', 'auto'],
      ['19.0', 'json2'],
    ];
const describeTarget = REAL || sandboxAvailable() ? describe.each(TARGETS) : describe.skip.each(TARGETS);

describeTarget('OdooErp pricing contract (sandbox %s, protocol %s)', (version, protocol) => {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();
  const sku = (n: string) => `PR-${run}-${n}`;
  let target: OdooTarget;
  let erp: OdooErp;
  const ids: Record<string, number> = {};
  const startedMs = Date.now();

  beforeAll(async () => {
    target = await startTarget(
      version,
      [
        { defaultCode: sku('A'), name: `Pricing Lamp ${run}`, listPrice: 11.99, qtyOnHand: 10 },
        { defaultCode: sku('B'), name: `Pricing Stand ${run}`, listPrice: 5, qtyOnHand: 3 },
      ],
      protocol,
    );
    // A chunk of 1 makes every batched method page, so the chunking is exercised too.
    erp = new OdooErp(target.options, { pricingChunkSize: 1 });
    const found = await erp.resolveProducts([sku('A'), sku('B')]);
    ids.A = found.get(sku('A'))!;
    ids.B = found.get(sku('B'))!;
    // As in fixtures pricelists.json: standard_price is written directly on product.product.
    await erp.connection.write('product.product', [ids.A], { standard_price: 4.2 });
    await erp.connection.write('product.product', [ids.B], { standard_price: 0 });
  });
  afterAll(async () => {
    await target?.close();
  });

  it('reads costs in the company currency; a zero cost is no cost; unknown SKUs are absent', async () => {
    const costs = await erp.readProductCosts([sku('A'), sku('B'), sku('NOPE')]);
    // 4.20 USD = 420 cents
    expect(costs.get(sku('A'))).toMatchObject({ productId: ids.A, cost: money(420, 'USD') });
    expect(typeof costs.get(sku('A'))!.category).toBe('string');
    expect(costs.get(sku('B'))!.cost).toBeNull();
    expect(costs.has(sku('NOPE'))).toBe(false);
  });

  it('reads when the oldest stock on hand was received (quant in_date)', async () => {
    const dates = await erp.readOldestStockDates([ids.A!, ids.B!]);
    expect([...dates.keys()].sort()).toEqual([ids.A, ids.B].sort());
    // in_date is whole seconds, set when the stock was counted in beforeAll.
    expect(dates.get(ids.A!)!).toBeGreaterThanOrEqual(Math.floor(startedMs / 1000) * 1000 - 60_000);
    expect(dates.get(ids.A!)!).toBeLessThanOrEqual(Date.now());
  });

  it('writes the shop price list in batches and rewrites only changed prices', async () => {
    const name = `Temu PR-${run}`;
    expect((await erp.readPriceList(name)).size).toBe(0);
    const first = await erp.writePriceList(name, 'USD', [
      { productId: ids.A!, price: money(950, 'USD') },
      { productId: ids.B!, price: money(1500, 'USD') },
    ]);
    expect(first).toEqual({ written: 2, unchanged: 0 });
    const second = await erp.writePriceList(name, 'USD', [
      { productId: ids.A!, price: money(925, 'USD') },
      { productId: ids.B!, price: money(1500, 'USD') },
    ]);
    expect(second).toEqual({ written: 1, unchanged: 1 });
    const read = await erp.readPriceList(name);
    expect(read.get(ids.A!)).toEqual(money(925, 'USD'));
    expect(read.get(ids.B!)).toEqual(money(1500, 'USD'));
    // One fixed-price variant item per product remains, as Odoo shows it.
    const items = await erp.connection.searchRead<{
      product_id: [number, string];
      fixed_price: number;
      applied_on: string;
    }>(
      'product.pricelist.item',
      [['pricelist_id.name', '=', name]],
      ['product_id', 'fixed_price', 'applied_on'],
    );
    expect(items.map((i) => [i.product_id[0], i.fixed_price, i.applied_on]).sort()).toEqual(
      [
        [ids.A, 9.25, '0_product_variant'],
        [ids.B, 15, '0_product_variant'],
      ].sort(),
    );
  });
});
