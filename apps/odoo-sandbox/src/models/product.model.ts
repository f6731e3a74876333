import { valueError } from '../errors.js';
import { floatRoundRaw } from '../float-round.js';
import { pyRepr } from '../py-repr.js';
import type { Env, ModelDef, Rec, Vals } from '../model-types.js';
import { create } from '../orm/write.js';
import { productQuantity } from '../stock/stock-levels.js';
import { bool, char, float, int, m2m, m2o, o2m, selection } from './fields.js';
import { variantCombinations } from './product-attribute.models.js';

/** Template fields that product.product reads and writes through `product_tmpl_id`. */
const TEMPLATE_FIELDS = [
  'name',
  'list_price',
  'type',
  'detailed_type',
  'is_storable',
  'uom_id',
  'uom_po_id',
  'taxes_id',
  'invoice_policy',
  'sale_ok',
  'purchase_ok',
  'standard_price',
  'description_sale',
  'weight',
  'categ_id',
];

/** Storable = `detailed_type='product'` (16/17) or `type='consu'` + `is_storable` (18/19), docs/odoo-api.md §2.2. */
export function isStorable(env: Env, product: Rec): boolean {
  const tmpl =
    typeof product.product_tmpl_id === 'number'
      ? env.store.get('product.template', product.product_tmpl_id)
      : product;
  if (!tmpl) return false;
  return env.major >= 18 ? tmpl.type === 'consu' && tmpl.is_storable === true : tmpl.type === 'product';
}

export function isService(env: Env, product: Rec): boolean {
  const tmpl =
    typeof product.product_tmpl_id === 'number'
      ? env.store.get('product.template', product.product_tmpl_id)
      : product;
  return tmpl?.type === 'service';
}

function codeName(code: unknown, name: unknown): string {
  return code ? `[${String(code)}] ${String(name)}` : String(name);
}

/** 17 reads `list_price` back with float noise (19.99 → 19.990000000000002, fixtures setup). */
function listPrice(env: Env, rec: Rec): number {
  const v = Number(rec.list_price ?? 0);
  return env.major <= 17 ? floatRoundRaw(v, 2) : v;
}

function syncTypeFields(env: Env, vals: Vals): void {
  const allowed = env.major >= 18 ? ['consu', 'service', 'combo'] : ['consu', 'service', 'product'];
  if (vals.type !== undefined && !allowed.includes(String(vals.type))) {
    throw valueError(`Wrong value for product.template.type: ${pyRepr(vals.type)}`);
  }
  if (env.major >= 18) return;
  if (vals.detailed_type !== undefined && vals.type === undefined) vals.type = vals.detailed_type;
  else if (vals.type !== undefined && vals.detailed_type === undefined) vals.detailed_type = vals.type;
}

const templateFields = {
  name: char('Name', { required: true }),
  list_price: float('Sales Price', { digits: 2, default: () => 1.0 }),
  type: selection('Product Type', ['consu', 'service', 'combo', 'product'], { default: () => 'consu' }),
  detailed_type: selection('Product Type', ['consu', 'service', 'product'], {
    max: 17,
    default: () => 'consu',
  }),
  is_storable: bool('Track Inventory', { min: 18 }),
  uom_id: m2o('Unit', 'uom.uom', { default: () => 1 }),
  uom_po_id: m2o('Purchase Unit', 'uom.uom', { default: () => 1, max: 18 }),
  taxes_id: m2m('Sales Taxes', 'account.tax', { default: () => [[6, 0, [1]]] }),
  invoice_policy: selection('Invoicing Policy', ['order', 'delivery'], { default: () => 'order' }),
  sale_ok: bool('Can be Sold', { default: () => true }),
  purchase_ok: bool('Can be Purchased', { default: () => true }),
  standard_price: float('Cost'),
  description_sale: char('Sales Description'),
  weight: float('Weight'),
  categ_id: m2o('Product Category', 'product.category', { default: () => 1 }),
};

const quantityFields = {
  qty_available: float('Quantity On Hand', {
    compute: (env: Env, rec: Rec) => productQuantity(env, rec.id).qty_available,
  }),
  free_qty: float('Free To Use Quantity', {
    compute: (env: Env, rec: Rec) => productQuantity(env, rec.id).free_qty,
  }),
  virtual_available: float('Forecasted Quantity', {
    compute: (env: Env, rec: Rec) => productQuantity(env, rec.id).virtual_available,
  }),
  incoming_qty: float('Incoming', {
    compute: (env: Env, rec: Rec) => productQuantity(env, rec.id).incoming_qty,
  }),
  outgoing_qty: float('Outgoing', {
    compute: (env: Env, rec: Rec) => productQuantity(env, rec.id).outgoing_qty,
  }),
};

/**
 * Odoo's resized copies (image_1024 … image_128). Odoo keeps the bytes when the image already fits
 * and re-encodes smaller sizes with PIL, whose bytes cannot be reproduced; the sandbox serves the
 * source image for every size (a known replay difference, test/replay.test.ts).
 */
function thumbnailFields(source: (env: Env, rec: Rec) => unknown) {
  return Object.fromEntries(
    ['image_1024', 'image_512', 'image_256', 'image_128'].map((f) => [
      f,
      { type: 'binary' as const, string: `Image ${f.slice(6)}`, compute: source },
    ]),
  );
}

const variantOf = (env: Env, tmpl: Rec) =>
  env.store.all('product.product').find((p) => p.product_tmpl_id === tmpl.id);
const variantsOf = (env: Env, tmpl: Rec) =>
  env.store.all('product.product').filter((p) => p.product_tmpl_id === tmpl.id && p.active !== false);

export const productTemplate: ModelDef = {
  name: 'product.template',
  description: 'Product',
  order: 'is_favorite desc, name, id',
  displayName: (env, rec) => codeName(variantOf(env, rec)?.default_code, rec.name),
  fields: {
    ...templateFields,
    is_favorite: bool('Favorite'),
    active: bool('Active', { default: () => true }),
    // Odoo shows a template reference only when it has a single variant (fixtures: false with several).
    default_code: char('Internal Reference', {
      compute: (env, rec) =>
        variantsOf(env, rec).length === 1 ? (variantOf(env, rec)?.default_code ?? false) : false,
    }),
    image_1920: { type: 'binary', string: 'Image' },
    ...thumbnailFields((_env, rec) => rec.image_1920 ?? false),
    attribute_line_ids: o2m('Product Attributes', 'product.template.attribute.line', 'product_tmpl_id'),
    product_template_image_ids: o2m('Extra Product Media', 'product.image', 'product_tmpl_id', {
      module: 'website_sale',
    }),
    product_variant_count: int('# Product Variants', { compute: (env, rec) => variantsOf(env, rec).length }),
    barcode: char('Barcode', { compute: (env, rec) => variantOf(env, rec)?.barcode ?? false }),
    product_variant_ids: o2m('Products', 'product.product', 'product_tmpl_id'),
    product_variant_id: m2o('Product', 'product.product', {
      compute: (env, rec) => variantOf(env, rec)?.id ?? false,
    }),
    ...quantityFields,
  },
  prepareCreate: syncTypeFields,
  beforeWrite: (env, _recs, vals) => syncTypeFields(env, vals),
  afterCreate: (env, rec, vals) => {
    if (env.context.__sandbox_template_only) return;
    const combos = variantCombinations(env, rec);
    if (combos.length === 0) {
      create(env, 'product.product', [
        { product_tmpl_id: rec.id, default_code: vals.default_code ?? false, barcode: vals.barcode ?? false },
      ]);
      return;
    }
    // One variant per combination of 'always' attribute values (create_variant 'always').
    create(
      env,
      'product.product',
      combos.map((ptavIds) => ({
        product_tmpl_id: rec.id,
        default_code: false,
        product_template_attribute_value_ids: [[6, 0, ptavIds]],
        combination_indices: [...ptavIds].sort((a, b) => a - b).join(','),
      })),
    );
  },
};

const related = Object.fromEntries(
  TEMPLATE_FIELDS.map((f) => [
    f,
    {
      ...templateFields[f as keyof typeof templateFields],
      default: undefined,
      required: false,
      related: ['product_tmpl_id', f] as [string, string],
    },
  ]),
);

export const productProduct: ModelDef = {
  name: 'product.product',
  description: 'Product Variant',
  order: 'default_code, name, id',
  displayName: (env, rec) => {
    const tmpl =
      typeof rec.product_tmpl_id === 'number'
        ? env.store.get('product.template', rec.product_tmpl_id)
        : undefined;
    // Variants of attribute lines show their values: "REC Variant Tee (Red)" (fixtures).
    const values = ((rec.product_template_attribute_value_ids as number[] | undefined) ?? [])
      .map((id) => env.store.get('product.template.attribute.value', id)?.product_attribute_value_id)
      .map((id) =>
        typeof id === 'number' ? String(env.store.get('product.attribute.value', id)?.name ?? '') : '',
      )
      .filter((v) => v !== '');
    const name =
      values.length > 0 ? `${String(tmpl?.name ?? '')} (${values.join(', ')})` : (tmpl?.name ?? '');
    return codeName(rec.default_code, name);
  },
  fields: {
    ...related,
    list_price: {
      ...related.list_price!,
      related: undefined,
      compute: (env, rec) => tmplListPrice(env, rec),
    },
    lst_price: float('Sales Price', { compute: (env, rec) => tmplListPrice(env, rec) }),
    product_tmpl_id: m2o('Product Template', 'product.template', { required: true }),
    default_code: char('Internal Reference'),
    code: char('Reference', { compute: (_env, rec) => rec.default_code ?? false }),
    product_template_attribute_value_ids: m2m('Attribute Values', 'product.template.attribute.value'),
    combination_indices: char('Combination Indices'),
    image_variant_1920: { type: 'binary', string: 'Variant Image' },
    // A variant without its own image shows the template's (fixtures product_images_categories).
    ...thumbnailFields((env, rec) => {
      if (rec.image_variant_1920) return rec.image_variant_1920;
      const tmpl =
        typeof rec.product_tmpl_id === 'number'
          ? env.store.get('product.template', rec.product_tmpl_id)
          : undefined;
      return tmpl?.image_1920 ?? false;
    }),
    barcode: char('Barcode'),
    active: bool('Active', { default: () => true }),
    // The company's currency: costs (standard_price) are in it (fixtures pricelists.json).
    cost_currency_id: m2o('Cost Currency', 'res.currency', {
      compute: (env) => env.store.get('res.company', 1)?.currency_id ?? 1,
    }),
    ...quantityFields,
  },
  prepareCreate: (env, vals) => {
    syncTypeFields(env, vals);
    if (vals.product_tmpl_id) return;
    const tmplVals: Vals = {};
    for (const f of TEMPLATE_FIELDS) if (vals[f] !== undefined) tmplVals[f] = vals[f];
    if (vals.list_price !== undefined) tmplVals.list_price = vals.list_price;
    const saved = env.context;
    env.context = { ...saved, __sandbox_template_only: true };
    try {
      vals.product_tmpl_id = create(env, 'product.template', [tmplVals])[0];
    } finally {
      env.context = saved;
    }
    for (const f of TEMPLATE_FIELDS) delete vals[f];
    delete vals.list_price;
  },
  beforeWrite: (env, recs, vals) => {
    syncTypeFields(env, vals);
    if (vals.list_price !== undefined || vals.lst_price !== undefined) {
      const price = vals.list_price ?? vals.lst_price;
      for (const r of recs) {
        const tmpl = env.store.get('product.template', Number(r.product_tmpl_id));
        if (tmpl)
          env.store.patch('product.template', tmpl, { list_price: Number(price), write_date: env.now });
      }
      delete vals.list_price;
      delete vals.lst_price;
    }
  },
};

function tmplListPrice(env: Env, rec: Rec): number {
  const tmpl =
    typeof rec.product_tmpl_id === 'number'
      ? env.store.get('product.template', rec.product_tmpl_id)
      : undefined;
  return tmpl ? listPrice(env, tmpl) : 0;
}

export const productCategory: ModelDef = {
  name: 'product.category',
  description: 'Product Category',
  order: 'complete_name',
  fields: {
    name: char('Name', { required: true }),
    complete_name: char('Complete Name', { compute: (_e, r) => r.name ?? false }),
  },
};
