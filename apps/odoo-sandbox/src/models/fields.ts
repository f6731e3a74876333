import type { FieldDef } from '../model-types.js';

/** Small constructors so model files read like Odoo field declarations. */
type Extra = Partial<FieldDef>;
export const char = (string: string, extra: Extra = {}): FieldDef => ({ type: 'char', string, ...extra });
export const text = (string: string, extra: Extra = {}): FieldDef => ({ type: 'text', string, ...extra });
export const int = (string: string, extra: Extra = {}): FieldDef => ({ type: 'integer', string, ...extra });
export const float = (string: string, extra: Extra = {}): FieldDef => ({ type: 'float', string, ...extra });
export const money = (string: string, extra: Extra = {}): FieldDef => ({
  type: 'monetary',
  string,
  digits: 2,
  ...extra,
});
export const bool = (string: string, extra: Extra = {}): FieldDef => ({ type: 'boolean', string, ...extra });
export const date = (string: string, extra: Extra = {}): FieldDef => ({ type: 'date', string, ...extra });
export const datetime = (string: string, extra: Extra = {}): FieldDef => ({
  type: 'datetime',
  string,
  ...extra,
});
export const selection = (string: string, values: string[], extra: Extra = {}): FieldDef => ({
  type: 'selection',
  string,
  selection: values,
  ...extra,
});
export const m2o = (string: string, relation: string, extra: Extra = {}): FieldDef => ({
  type: 'many2one',
  string,
  relation,
  ...extra,
});
export const o2m = (string: string, relation: string, inverse: string, extra: Extra = {}): FieldDef => ({
  type: 'one2many',
  string,
  relation,
  inverse,
  ...extra,
});
export const m2m = (string: string, relation: string, extra: Extra = {}): FieldDef => ({
  type: 'many2many',
  string,
  relation,
  ...extra,
});
