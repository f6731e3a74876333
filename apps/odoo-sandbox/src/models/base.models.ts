/** Reference data models of `base`, `uom`, `product` and `delivery` that the flows read. */
import type { Env, ModelDef, Rec } from '../model-types.js';
import { bool, char, date, float, int, m2m, m2o, o2m, selection } from './fields.js';

export const resUsers: ModelDef = {
  name: 'res.users',
  description: 'User',
  order: 'name, login',
  fields: {
    name: char('Name'),
    login: char('Login', { required: true }),
    partner_id: m2o('Related Partner', 'res.partner'),
    company_id: m2o('Company', 'res.company'),
    tz: char('Timezone'),
    lang: char('Language'),
    active: bool('Active', { default: () => true }),
    // Renamed group_ids in 19.
    groups_id: m2m('Groups', 'res.groups', { max: 18 }),
    group_ids: m2m('Groups', 'res.groups', { min: 19 }),
  },
  modelMethods: {
    context_get: ({ env }) => {
      const user = env.store.get('res.users', env.uid);
      return { lang: user?.lang ?? 'en_US', tz: user?.tz ?? false, uid: env.uid };
    },
  },
};

export const resCompany: ModelDef = {
  name: 'res.company',
  description: 'Companies',
  order: 'sequence, name',
  fields: {
    name: char('Company Name', { required: true }),
    currency_id: m2o('Currency', 'res.currency'),
    country_id: m2o('Country', 'res.country'),
    partner_id: m2o('Partner', 'res.partner'),
    sequence: int('Sequence'),
    tax_calculation_rounding_method: selection(
      'Tax Calculation Rounding Method',
      ['round_per_line', 'round_globally'],
      {
        default: () => 'round_per_line',
      },
    ),
  },
};

export const resCountry: ModelDef = {
  name: 'res.country',
  description: 'Country',
  order: 'name',
  fields: {
    name: char('Country Name', { required: true }),
    code: char('Country Code'),
    currency_id: m2o('Currency', 'res.currency'),
    phone_code: int('Country Calling Code'),
    state_ids: o2m('States', 'res.country.state', 'country_id'),
  },
};

export const resCountryState: ModelDef = {
  name: 'res.country.state',
  description: 'Country state',
  order: 'code',
  displayName: (env: Env, rec: Rec) => {
    const country =
      typeof rec.country_id === 'number' ? env.store.get('res.country', rec.country_id) : undefined;
    return `${String(rec.name)} (${String(country?.code ?? '')})`;
  },
  fields: {
    name: char('State Name', { required: true }),
    code: char('State Code', { required: true }),
    country_id: m2o('Country', 'res.country', { required: true }),
  },
};

/** `rate` of a currency = latest `res.currency.rate` not after today, 1.0 without rates (docs/odoo-api.md §2.9). */
function currencyRate(env: Env, rec: Rec): number {
  const today = new Date(env.now).toISOString().slice(0, 10);
  const rates = env.store
    .all('res.currency.rate')
    .filter((r) => r.currency_id === rec.id && typeof r.name === 'string' && r.name <= today)
    .sort((a, b) => String(b.name).localeCompare(String(a.name)));
  const rate = rates[0]?.rate;
  return typeof rate === 'number' && rate > 0 ? rate : 1.0;
}

function companyCurrencyRate(env: Env): number {
  const company = env.store.get('res.company', 1);
  const cur =
    typeof company?.currency_id === 'number' ? env.store.get('res.currency', company.currency_id) : undefined;
  return cur ? currencyRate(env, cur) : 1.0;
}

export const resCurrency: ModelDef = {
  name: 'res.currency',
  description: 'Currency',
  order: 'active desc, name',
  fields: {
    name: char('Currency', { required: true }),
    full_name: char('Name'),
    symbol: char('Symbol'),
    rounding: float('Rounding Factor', { default: () => 0.01 }),
    decimal_places: int('Decimal Places', {
      compute: (_env, rec) => Math.max(0, Math.round(-Math.log10(Number(rec.rounding) || 0.01))),
    }),
    active: bool('Active', { default: () => true }),
    position: selection('Symbol Position', ['after', 'before'], { default: () => 'before' }),
    rate: float('Current Rate', { compute: currencyRate }),
    inverse_rate: float('Inverse Rate', { compute: (env, rec) => 1 / currencyRate(env, rec) }),
    rate_ids: o2m('Rates', 'res.currency.rate', 'currency_id'),
  },
};

export const resCurrencyRate: ModelDef = {
  name: 'res.currency.rate',
  description: 'Currency Rate',
  order: 'name desc',
  fields: {
    name: date('Date', { required: true, default: (env) => new Date(env.now).toISOString().slice(0, 10) }),
    rate: float('Technical Rate', { default: () => 1.0 }),
    company_rate: float('Unit per company currency', {
      compute: (env, rec) => Number(rec.rate ?? 1) / companyCurrencyRate(env),
    }),
    inverse_company_rate: float('Company currency per unit', {
      compute: (env, rec) => companyCurrencyRate(env) / Number(rec.rate ?? 1),
    }),
    currency_id: m2o('Currency', 'res.currency', { required: true }),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
  },
};

export const uomUom: ModelDef = {
  name: 'uom.uom',
  description: 'Product Unit of Measure',
  order: 'id',
  fields: {
    name: char('Unit of Measure', { required: true }),
    factor: float('Ratio', { default: () => 1 }),
    rounding: float('Rounding Precision', { default: () => 0.01 }),
    active: bool('Active', { default: () => true }),
  },
};

export const productPricelist: ModelDef = {
  name: 'product.pricelist',
  description: 'Pricelist',
  order: 'sequence asc, id asc',
  // "REC Temu demo (USD)" (fixtures pricelists.json).
  displayName: (env, rec) =>
    `${String(rec.name)} (${String(env.store.get('res.currency', Number(rec.currency_id))?.name ?? '')})`,
  fields: {
    name: char('Pricelist Name', { required: true }),
    currency_id: m2o('Currency', 'res.currency', { default: () => 1 }),
    active: bool('Active', { default: () => true }),
    sequence: int('Sequence', { default: () => 16 }),
    item_ids: o2m('Pricelist Rules', 'product.pricelist.item', 'pricelist_id'),
  },
};

export const deliveryCarrier: ModelDef = {
  name: 'delivery.carrier',
  description: 'Shipping Methods',
  order: 'sequence, id',
  fields: {
    name: char('Delivery Method', { required: true }),
    product_id: m2o('Delivery Product', 'product.product'),
    sequence: int('Sequence', { default: () => 10 }),
    active: bool('Active', { default: () => true }),
  },
};
