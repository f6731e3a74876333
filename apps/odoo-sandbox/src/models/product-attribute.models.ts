import type { Env, ModelDef, Rec } from '../model-types.js';
import { create } from '../orm/write.js';
import { bool, char, float, int, m2m, m2o, o2m, selection } from './fields.js';

/*
 * Product attributes and variants as fixtures/odoo/*\/product_images_categories.json records them:
 * a template's attribute lines create one `product.template.attribute.value` (PTAV) per value, and
 * lines of `create_variant` 'always' multiply into variants, each holding its PTAV ids
 * (`product_template_attribute_value_ids`, `combination_indices` = the ids joined by commas).
 */

const nameOf = (env: Env, model: string, id: unknown) =>
  typeof id === 'number' ? String(env.store.get(model, id)?.name ?? '') : '';

export const productAttribute: ModelDef = {
  name: 'product.attribute',
  description: 'Product Attribute',
  order: 'sequence, id',
  fields: {
    name: char('Attribute', { required: true }),
    create_variant: selection('Variants Creation Mode', ['always', 'dynamic', 'no_variant'], {
      default: () => 'always',
    }),
    display_type: selection('Display Type', ['radio', 'pills', 'select', 'color', 'multi'], {
      default: () => 'radio',
    }),
    value_ids: o2m('Values', 'product.attribute.value', 'attribute_id'),
    sequence: int('Sequence', { default: () => 20 }),
  },
};

export const productAttributeValue: ModelDef = {
  name: 'product.attribute.value',
  description: 'Attribute Value',
  order: 'attribute_id, sequence, id',
  displayName: (env, rec) => `${nameOf(env, 'product.attribute', rec.attribute_id)}: ${String(rec.name)}`,
  fields: {
    name: char('Value', { required: true }),
    attribute_id: m2o('Attribute', 'product.attribute', { required: true }),
    sequence: int('Sequence', { default: () => 0 }),
  },
};

export const productTemplateAttributeLine: ModelDef = {
  name: 'product.template.attribute.line',
  description: 'Product Template Attribute Line',
  order: 'attribute_id, id',
  displayName: (env, rec) => nameOf(env, 'product.attribute', rec.attribute_id),
  fields: {
    product_tmpl_id: m2o('Product Template', 'product.template', { required: true }),
    attribute_id: m2o('Attribute', 'product.attribute', { required: true }),
    value_ids: m2m('Values', 'product.attribute.value'),
    product_template_value_ids: o2m(
      'Product Attribute Values',
      'product.template.attribute.value',
      'attribute_line_id',
    ),
    value_count: int('Value Count', {
      compute: (_env, rec) => (rec.value_ids as number[] | undefined)?.length ?? 0,
    }),
  },
  afterCreate: (env, rec) => {
    for (const valueId of (rec.value_ids as number[] | undefined) ?? [])
      create(env, 'product.template.attribute.value', [
        {
          product_attribute_value_id: valueId,
          attribute_line_id: rec.id,
          product_tmpl_id: rec.product_tmpl_id,
          attribute_id: rec.attribute_id,
        },
      ]);
  },
};

export const productTemplateAttributeValue: ModelDef = {
  name: 'product.template.attribute.value',
  description: 'Product Template Attribute Value',
  order: 'attribute_line_id, id',
  displayName: (env, rec) =>
    `${nameOf(env, 'product.attribute', rec.attribute_id)}: ${nameOf(env, 'product.attribute.value', rec.product_attribute_value_id)}`,
  fields: {
    name: char('Value', {
      compute: (env, rec) => nameOf(env, 'product.attribute.value', rec.product_attribute_value_id),
    }),
    product_attribute_value_id: m2o('Attribute Value', 'product.attribute.value', { required: true }),
    attribute_line_id: m2o('Attribute Line', 'product.template.attribute.line', { required: true }),
    product_tmpl_id: m2o('Product Template', 'product.template'),
    attribute_id: m2o('Attribute', 'product.attribute'),
    price_extra: float('Value Price Extra', { digits: 2 }),
    ptav_active: bool('Active', { default: () => true }),
  },
};

/**
 * The variants a template's lines call for: the cartesian product of the PTAVs of its 'always'
 * lines (a template without such lines keeps its single variant).
 */
export function variantCombinations(env: Env, tmpl: Rec): number[][] {
  const lines = env.store
    .all('product.template.attribute.line')
    .filter((l) => l.product_tmpl_id === tmpl.id)
    .filter((l) => env.store.get('product.attribute', Number(l.attribute_id))?.create_variant === 'always');
  let combos: number[][] = [[]];
  for (const line of lines) {
    const ptavs = env.store
      .all('product.template.attribute.value')
      .filter((v) => v.attribute_line_id === line.id)
      .map((v) => v.id);
    combos = combos.flatMap((c) => ptavs.map((p) => [...c, p]));
  }
  return lines.length === 0 ? [] : combos;
}
