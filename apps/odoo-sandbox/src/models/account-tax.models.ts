/**
 * Tax groups, tax distribution lines and accounts: what a marketplace tax needs (fixtures
 * taxes_fiscal_positions). A tax's group must belong to the tax's country: a tax for another country
 * than its group's (or with no group of its country) is refused with Odoo's "mandatory field"
 * ValidationError on `tax_group_id`.
 */
import type { Env, ModelDef, Vals } from '../model-types.js';
import { mandatoryFieldError } from '../orm/write.js';
import { bool, char, float, int, m2o, selection } from './fields.js';

export const accountTaxGroup: ModelDef = {
  name: 'account.tax.group',
  description: 'Tax Group',
  order: 'sequence asc, id',
  fields: {
    name: char('Name', { required: true }),
    country_id: m2o('Country', 'res.country'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    sequence: int('Sequence', { default: () => 10 }),
  },
  prepareCreate: (env, vals) => {
    // A group without a country gets the company's (Odoo: related default).
    if (vals.country_id === undefined) vals.country_id = env.store.get('res.company', 1)?.country_id ?? false;
  },
};

export const accountTaxRepartitionLine: ModelDef = {
  name: 'account.tax.repartition.line',
  description: 'Tax Repartition Line',
  order: 'document_type, repartition_type, sequence, id',
  fields: {
    repartition_type: selection('Based On', ['base', 'tax'], { default: () => 'tax' }),
    document_type: selection('Related to', ['invoice', 'refund'], { default: () => 'invoice' }),
    factor_percent: float('%', { default: () => 100 }),
    account_id: m2o('Account', 'account.account'),
    tax_id: m2o('Tax', 'account.tax'),
    refund_tax_id: m2o('Refund Tax', 'account.tax'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    sequence: int('Sequence', { default: () => 1 }),
  },
};

export const accountAccount: ModelDef = {
  name: 'account.account',
  description: 'Account',
  order: 'code, id',
  displayName: (_env, a) => `${String(a.code ?? '')} ${String(a.name ?? '')}`.trim(),
  fields: {
    name: char('Account Name', { required: true }),
    code: char('Code', { required: true }),
    account_type: selection(
      'Type',
      [
        'asset_receivable',
        'asset_cash',
        'asset_current',
        'liability_payable',
        'liability_current',
        'income',
        'income_other',
        'expense',
        'equity',
      ],
      { required: true },
    ),
    reconcile: bool('Allow Reconciliation'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    active: bool('Active', { default: () => true }),
  },
};

/** The group a new tax gets: the one given, else the first group of the tax's country. */
export function checkTaxGroup(env: Env, model: ModelDef, vals: Vals): void {
  const country = typeof vals.country_id === 'number' ? vals.country_id : 233;
  const groups = env.store.all('account.tax.group');
  const given =
    typeof vals.tax_group_id === 'number' ? groups.find((g) => g.id === vals.tax_group_id) : undefined;
  const group = given ?? (vals.tax_group_id ? undefined : groups.find((g) => g.country_id === country));
  if (!group || group.country_id !== country) {
    throw mandatoryFieldError(model, model.fields.tax_group_id!, 'tax_group_id');
  }
  vals.tax_group_id = group.id;
}
