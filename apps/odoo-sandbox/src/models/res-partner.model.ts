import { validationError } from '../errors.js';
import type { Env, ModelDef, Rec } from '../model-types.js';
import { bool, char, int, m2o, o2m, selection } from './fields.js';

function partnerName(env: Env, rec: Rec): string {
  const own = typeof rec.name === 'string' ? rec.name : '';
  const parent = typeof rec.parent_id === 'number' ? env.store.get('res.partner', rec.parent_id) : undefined;
  if (!parent) return own;
  const parentName = partnerName(env, parent);
  const label =
    own || (rec.type === 'delivery' ? 'Delivery Address' : rec.type === 'invoice' ? 'Invoice Address' : '');
  return label ? `${parentName}, ${label}` : parentName;
}

function commercialPartner(env: Env, rec: Rec): number {
  let cur = rec;
  while (!cur.is_company && typeof cur.parent_id === 'number') {
    const parent = env.store.get('res.partner', cur.parent_id);
    if (!parent) break;
    cur = parent;
  }
  return cur.id;
}

/** `res.partner` (docs/odoo-api.md §2.1): `mobile` is gone in 19, `private` type gone in 17. */
export const resPartner: ModelDef = {
  name: 'res.partner',
  description: 'Contact',
  order: 'complete_name, id desc',
  displayName: partnerName,
  fields: {
    name: char('Name'),
    complete_name: char('Complete Name', { compute: partnerName }),
    street: char('Street'),
    street2: char('Street2'),
    city: char('City'),
    zip: char('Zip'),
    country_id: m2o('Country', 'res.country'),
    state_id: m2o('State', 'res.country.state'),
    email: char('Email'),
    phone: char('Phone'),
    mobile: char('Mobile', { max: 18 }),
    vat: char('Tax ID'),
    ref: char('Reference'),
    lang: char('Language', { default: () => 'en_US' }),
    tz: char('Timezone'),
    comment: { type: 'html', string: 'Notes' },
    is_company: bool('Is a Company'),
    company_type: selection('Company Type', ['person', 'company'], {
      compute: (_env, rec) => (rec.is_company ? 'company' : 'person'),
    }),
    parent_id: m2o('Related Company', 'res.partner'),
    child_ids: o2m('Contact', 'res.partner', 'parent_id'),
    type: selection('Address Type', ['contact', 'invoice', 'delivery', 'other', 'private'], {
      default: () => 'contact',
    }),
    active: bool('Active', { default: () => true }),
    commercial_partner_id: m2o('Commercial Entity', 'res.partner', { compute: commercialPartner }),
    property_product_pricelist: m2o('Pricelist', 'product.pricelist', { compute: () => false }),
    company_id: m2o('Company', 'res.company'),
    customer_rank: int('Customer Rank'),
    supplier_rank: int('Supplier Rank'),
    user_ids: o2m('Users', 'res.users', 'partner_id'),
  },
  prepareCreate: (_env, vals) => {
    if (vals.company_type !== undefined) vals.is_company = vals.company_type === 'company';
  },
  beforeWrite: (_env, _recs, vals) => {
    if (vals.company_type !== undefined) vals.is_company = vals.company_type === 'company';
  },
  // CHECK constraint res_partner_check_name, evaluated at INSERT time (after the id was taken).
  checkCreate: (_env, vals) => {
    if ((vals.type ?? 'contact') === 'contact' && !vals.name) {
      throw validationError('The operation cannot be completed: Contacts require a name');
    }
  },
};
