/**
 * Tax groups, tax distribution lines and accounts: what a marketplace tax needs (fixtures
 * taxes_fiscal_positions). A tax's group must belong to the tax's country: a tax for another country
 * than its group's (or with no group of its country) is refused with Odoo's "mandatory field"
 * ValidationError on `tax_group_id`.
 */
import type { Env, ModelDef, Vals } from '../model-types.js';
import { mandatoryFieldError } from '../orm/write.js';
import { bool, char, float, int, m2o, o2m, selection } from './fields.js';

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
  order: 'sequence, id',
  fields: {
    repartition_type: selection('Based On', ['base', 'tax'], { default: () => 'tax' }),
    document_type: selection('Related to', ['invoice', 'refund'], { min: 17 }),
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

/** Fiscal positions (16–18 tax mapping through `account.fiscal.position.tax`, docs/odoo-api.md §2.10). */
export const accountFiscalPosition: ModelDef = {
  name: 'account.fiscal.position',
  description: 'Fiscal Position',
  order: 'sequence',
  fields: {
    name: char('Fiscal Position', { required: true }),
    active: bool('Active', { default: () => true }),
    sequence: int('Sequence', { default: () => 0 }),
    auto_apply: bool('Detect Automatically', { default: () => false }),
    country_id: m2o('Country', 'res.country'),
    vat_required: bool('VAT required', { default: () => false }),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    tax_ids: o2m('Tax Mapping', 'account.fiscal.position.tax', 'position_id'),
  },
};

export const accountFiscalPositionTax: ModelDef = {
  name: 'account.fiscal.position.tax',
  description: 'Tax Mapping of Fiscal Position',
  order: 'id',
  displayName: (env, r) =>
    String(env.store.get('account.fiscal.position', Number(r.position_id))?.name ?? ''),
  fields: {
    position_id: m2o('Fiscal Position', 'account.fiscal.position', { required: true }),
    tax_src_id: m2o('Tax on Product', 'account.tax', { required: true }),
    tax_dest_id: m2o('Tax to Apply', 'account.tax'),
  },
};

/**
 * The position Odoo detects for a delivery address (`_get_fiscal_position`, simplified to what the
 * recordings show): the first auto-applied position of the address's country without VAT required.
 */
export function detectFiscalPosition(env: Env, partnerId: number): number | false {
  const partner = env.store.get('res.partner', partnerId);
  const country = partner?.country_id;
  if (!country) return false;
  const found = env.store
    .all('account.fiscal.position')
    .filter((p) => p.active !== false && p.auto_apply === true && !p.vat_required && p.country_id === country)
    .sort((a, b) => Number(a.sequence ?? 0) - Number(b.sequence ?? 0) || a.id - b.id)[0];
  return found ? found.id : false;
}

/** Product taxes through a fiscal position's mapping (`map_tax`). */
export function mapTaxes(env: Env, positionId: number | false, taxIds: number[]): number[] {
  if (!positionId) return taxIds;
  const rows = env.store.all('account.fiscal.position.tax').filter((r) => r.position_id === positionId);
  const out: number[] = [];
  for (const id of taxIds) {
    const mapped = rows.filter((r) => r.tax_src_id === id);
    if (mapped.length === 0) out.push(id);
    else for (const r of mapped) if (r.tax_dest_id) out.push(Number(r.tax_dest_id));
  }
  return [...new Set(out)];
}
