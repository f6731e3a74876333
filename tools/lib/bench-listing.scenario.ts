/**
 * Scenario 7 (issue 15): one `listing.check` over a shop's whole catalogue of products with images
 * (1000×1000 JPEG main images; every 10th a 700×700 one, so the report has failures to write back
 * as Odoo to-dos). Measures the check's wall time and the Odoo calls it made (batched reads).
 */
import { productPhoto } from './listing-images.js';
import { LISTING_SHOP, startListingWorld } from './listing-world.js';

export interface ListingBenchResult {
  params: { products: number; imageSide: number };
  createSeconds: number;
  checkSeconds: number;
  productsPerSecond: number;
  checked: number;
  passed: number;
  failed: number;
  odooCalls: number;
  odooCallsPerProduct: number;
  odooCallsByMethod: Record<string, number>;
}

export async function runListingBench(o: { products: number }): Promise<ListingBenchResult> {
  const world = await startListingWorld({
    label: 'bench-listing',
    categories: ['Mugs'],
    mapping: {
      categories: { Mugs: { temuCategoryId: 1211, packageCm: { length: 12, width: 12, height: 10 } } },
    },
  });
  try {
    const seller = world.seller;
    const created = Date.now();
    const good = (await productPhoto(1000, 1000)).toString('base64');
    const small = (await productPhoto(700, 700)).toString('base64');
    const [colour] = await seller.create('product.attribute', [{ name: 'Color', create_variant: 'always' }]);
    const [material] = await seller.create('product.attribute', [
      { name: 'Material', create_variant: 'no_variant' },
    ]);
    const [red] = await seller.create('product.attribute.value', [{ name: 'Red', attribute_id: colour }]);
    const [ceramic] = await seller.create('product.attribute.value', [
      { name: 'Ceramic', attribute_id: material },
    ]);
    const categ = world.categoryIds.get('Mugs');
    const templateIds: number[] = [];
    for (let from = 0; from < o.products; from += 100) {
      const part = Array.from({ length: Math.min(100, o.products - from) }, (_, k) => from + k);
      templateIds.push(
        ...(await seller.create(
          'product.template',
          part.map((i) => ({
            name: `Ceramic coffee mug number ${i + 1}`,
            type: 'consu',
            is_storable: true,
            list_price: 9.99,
            weight: 0.4,
            categ_id: categ,
            image_1920: i % 10 === 9 ? small : good,
            attribute_line_ids: [
              [0, 0, { attribute_id: colour, value_ids: [[6, 0, [red]]] }],
              [0, 0, { attribute_id: material, value_ids: [[6, 0, [ceramic]]] }],
            ],
          })),
        )),
      );
    }
    const variants = await seller.searchReadAll<{ id: number; product_tmpl_id: [number, string] }>(
      'product.product',
      [['product_tmpl_id', 'in', templateIds]],
      ['product_tmpl_id'],
    );
    for (const v of variants)
      await seller.write('product.product', [v.id], { default_code: `MUG-${v.product_tmpl_id[0]}` });
    const createSeconds = (Date.now() - created) / 1000;

    const before = world.odooConnection.counter.snapshot();
    const started = Date.now();
    const summary = await world.run('listing.check', { shopId: LISTING_SHOP, publish: false }, 60 * 60_000);
    const checkSeconds = (Date.now() - started) / 1000;
    const after = world.odooConnection.counter.snapshot();
    const byMethod: Record<string, number> = {};
    for (const [k, v] of Object.entries(after)) {
      const d = v - (before[k] ?? 0);
      if (d > 0 && !k.startsWith('common.')) byMethod[k] = d;
    }
    const odooCalls = Object.values(byMethod).reduce((a, b) => a + b, 0);
    return {
      params: { products: o.products, imageSide: 1000 },
      createSeconds: Math.round(createSeconds * 10) / 10,
      checkSeconds: Math.round(checkSeconds * 10) / 10,
      productsPerSecond: Math.round((summary.checked / checkSeconds) * 10) / 10,
      checked: summary.checked,
      passed: summary.passed,
      failed: summary.failed,
      odooCalls,
      odooCallsPerProduct: Math.round((odooCalls / Math.max(1, summary.checked)) * 1000) / 1000,
      odooCallsByMethod: byMethod,
    };
  } finally {
    await world.close();
  }
}
