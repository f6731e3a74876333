import type { Env, ModelDef, Rec, Vals } from '../model-types.js';
import { displayNameById } from '../orm/values.js';
import { datetime, float, m2o, selection } from './fields.js';

/** `$ 9.50` as Odoo formats the item's `price` (a no-break space after the symbol, fixtures pricelists.json). */
const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

function priceText(env: Env, rec: Rec): string {
  const pricelist = env.store.get('product.pricelist', Number(rec.pricelist_id));
  const code = String(env.store.get('res.currency', Number(pricelist?.currency_id))?.name ?? 'USD');
  if (rec.compute_price !== 'fixed') return '';
  return `${SYMBOLS[code] ?? code}\u00a0${Number(rec.fixed_price ?? 0).toFixed(2)}`;
}

function itemName(env: Env, rec: Rec): string {
  if (rec.applied_on === '0_product_variant' && rec.product_id)
    return `Variant: ${String(displayNameById(env, 'product.product', Number(rec.product_id)) || '')}`;
  if (rec.applied_on === '1_product' && rec.product_tmpl_id)
    return String(displayNameById(env, 'product.template', Number(rec.product_tmpl_id)) || '');
  return 'All Products';
}

/**
 * `product.pricelist.item` (docs/odoo-api.md, "Pricelists and costs"): a fixed price per variant is
 * `applied_on = '0_product_variant'` + `product_id`. 18 fills `product_tmpl_id` from the variant and
 * has `display_applied_on` (which reads '1_product' even for a variant item); 17 leaves the template
 * empty. Items list newest first (`id desc` after applied_on and min_quantity).
 */
export const productPricelistItem: ModelDef = {
  name: 'product.pricelist.item',
  description: 'Pricelist Rule',
  order: 'applied_on, min_quantity desc, id desc',
  displayName: itemName,
  fields: {
    pricelist_id: m2o('Pricelist', 'product.pricelist', { required: true }),
    applied_on: selection('Apply On', ['3_global', '2_product_category', '1_product', '0_product_variant'], {
      default: () => '3_global',
    }),
    display_applied_on: selection('Apply To', ['1_product', '2_product_category'], {
      min: 18,
      compute: (_env, rec) => (rec.applied_on === '2_product_category' ? '2_product_category' : '1_product'),
    }),
    product_id: m2o('Product Variant', 'product.product'),
    product_tmpl_id: m2o('Product', 'product.template'),
    categ_id: m2o('Product Category', 'product.category'),
    compute_price: selection('Computation', ['fixed', 'percentage', 'formula'], { default: () => 'fixed' }),
    fixed_price: float('Fixed Price'),
    percent_price: float('Percentage Price'),
    min_quantity: float('Min. Quantity'),
    date_start: datetime('Start Date'),
    date_end: datetime('End Date'),
    base: selection('Based on', ['list_price', 'standard_price', 'pricelist'], {
      default: () => 'list_price',
    }),
    name: { type: 'char', string: 'Name', compute: itemName },
    price: { type: 'char', string: 'Price', compute: priceText },
  },
  prepareCreate: (env: Env, vals: Vals) => {
    if (env.major >= 18 && vals.product_id && !vals.product_tmpl_id) {
      vals.product_tmpl_id =
        env.store.get('product.product', Number(vals.product_id))?.product_tmpl_id ?? false;
    }
  },
};
