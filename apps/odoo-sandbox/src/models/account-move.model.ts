import { userError } from '../errors.js';
import type { Env, ModelDef, Rec } from '../model-types.js';
import { create, setValues } from '../orm/write.js';
import { formatDate } from '../clock.js';
import {
  invoiceLines,
  moveAmounts,
  moveLineAmounts,
  paymentState,
  residual,
} from '../account/invoice-amounts.js';
import { bool, char, date, float, int, m2m, m2o, money, o2m, selection } from './fields.js';
import { checkTaxGroup } from './account-tax.models.js';
import {
  COMPANY_CURRENCY,
  lineReconciled,
  lineResidual,
  lineResidualCurrency,
  reconcileLines,
  toCompany,
} from '../account/ledger.js';
import { round } from '../float-round.js';
import { nextMoveName } from '../account/move-names.js';
import { companyAmounts, companyResidual, invoiceRate, rateAt } from '../account/company-currency.js';

const PURCHASE_JOURNAL = 2;

function displayName(env: Env, m: Rec): string {
  const name = typeof m.name === 'string' && m.name !== '/' ? m.name : false;
  if (m.move_type === 'entry') return name ? (m.ref ? `${name} (${String(m.ref)})` : name) : '/';
  // A posted invoice shows its ref too: "INV/2026/00003 (REC-RF-1)" (fixtures credit_note_refund).
  if (name && m.ref) return `${name} (${String(m.ref)})`;
  return name || `Draft Invoice (* ${m.id})`;
}

/**
 * A journal entry must balance to be posted (Odoo `_check_balanced`); the message is Odoo's. Entries
 * without items (the sandbox's own payment and statement moves add theirs after) are left alone.
 */
function checkBalanced(env: Env, m: Rec): void {
  const items = env.store.all('account.move.line').filter((l) => l.move_id === m.id);
  const sum = round(items.reduce((s, l) => s + Number(l.balance ?? 0), 0));
  if (sum !== 0)
    throw userError(
      `The move (${displayName(env, m)}) is not balanced.\nThe total of debits equals ${round(items.reduce((s, l) => s + Math.max(Number(l.balance ?? 0), 0), 0))} and the total of credits equals ${round(items.reduce((s, l) => s + Math.max(-Number(l.balance ?? 0), 0), 0))}.\nYou might want to specify a default account on journal "${String(env.store.get('account.journal', Number(m.journal_id))?.name ?? '')}" to automatically balance each move.`,
    );
}

const moves = (env: Env, ids: number[]) =>
  ids.map((id) => env.store.get('account.move', id)).filter((m): m is Rec => Boolean(m));

export const accountMove: ModelDef = {
  name: 'account.move',
  description: 'Journal Entry',
  order: 'date desc, name desc, invoice_date desc, id desc',
  displayName,
  fields: {
    name: char('Number'),
    state: selection('Status', ['draft', 'posted', 'cancel'], { default: () => 'draft' }),
    move_type: selection(
      'Type',
      ['entry', 'out_invoice', 'out_refund', 'in_invoice', 'in_refund', 'out_receipt', 'in_receipt'],
      { default: () => 'entry' },
    ),
    partner_id: m2o('Partner', 'res.partner'),
    commercial_partner_id: m2o('Commercial Entity', 'res.partner', {
      compute: (_e, m) => m.partner_id ?? false,
    }),
    partner_shipping_id: m2o('Delivery Address', 'res.partner'),
    invoice_origin: char('Origin'),
    ref: char('Reference'),
    reversed_entry_id: m2o('Reversal of', 'account.move'),
    payment_reference: char('Payment Reference'),
    currency_id: m2o('Currency', 'res.currency', { default: () => 1 }),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    // Vendor bills and refunds go to the purchase journal ("Vendor Bills", BILL) like Odoo's default.
    journal_id: m2o('Journal', 'account.journal', {
      default: (_env, vals) =>
        vals.move_type === 'in_invoice' || vals.move_type === 'in_refund' ? PURCHASE_JOURNAL : 1,
    }),
    date: date('Date', { default: (env) => formatDate(env.now) }),
    invoice_date: date('Invoice/Bill Date'),
    invoice_date_due: date('Due Date'),
    invoice_payment_term_id: m2o('Payment Terms', 'account.payment.term'),
    invoice_line_ids: o2m('Invoice lines', 'account.move.line', 'move_id'),
    line_ids: o2m('Journal Items', 'account.move.line', 'move_id'),
    amount_untaxed: money('Untaxed Amount', { compute: (env, m) => moveAmounts(env, m).untaxed }),
    amount_tax: money('Tax', { compute: (env, m) => moveAmounts(env, m).tax }),
    amount_total: money('Total', { compute: (env, m) => moveAmounts(env, m).total }),
    amount_residual: money('Amount Due', { compute: residual }),
    // In the company currency at the invoice date's rate (account/company-currency.ts).
    company_currency_id: m2o('Company Currency', 'res.currency', { compute: () => 1 }),
    amount_untaxed_signed: money('Untaxed Amount Signed', {
      compute: (env, m) => companyAmounts(env, m).untaxed,
    }),
    amount_tax_signed: money('Tax Signed', { compute: (env, m) => companyAmounts(env, m).tax }),
    amount_total_signed: money('Total Signed', { compute: (env, m) => companyAmounts(env, m).total }),
    amount_total_in_currency_signed: money('Total in Currency Signed', {
      compute: (env, m) =>
        m.move_type === 'out_refund' || m.move_type === 'in_invoice'
          ? -moveAmounts(env, m).total
          : moveAmounts(env, m).total,
    }),
    amount_residual_signed: money('Amount Due Signed', { compute: companyResidual }),
    invoice_currency_rate: float('Currency Rate', { min: 18, compute: (env, m) => invoiceRate(env, m) }),
    payment_state: selection(
      'Payment Status',
      ['not_paid', 'in_payment', 'paid', 'partial', 'reversed', 'invoicing_legacy', 'blocked'],
      {
        compute: paymentState,
      },
    ),
    invoice_user_id: m2o('Salesperson', 'res.users', { default: (env) => env.uid }),
  },
  methods: {
    /** Returns False (docs/odoo-api.md §2.6); the name comes from the journal sequence when still unset. */
    action_post: ({ env, ids }) => {
      for (const m of moves(env, ids)) {
        if (m.state === 'posted')
          throw userError(`The entry ${displayName(env, m)} (id ${m.id}) is already posted.`);
        if (m.move_type !== 'entry' && invoiceLines(env, m).length === 0)
          throw userError('You need to add a line before posting.');
        if (m.move_type === 'entry') checkBalanced(env, m);
        const vals: Record<string, unknown> = { state: 'posted' };
        // Credit notes take the journal's refund sequence: RINV/2026/00001 (fixtures credit_note_refund).
        const prefix = m.move_type === 'out_refund' ? 'RINV' : undefined;
        if (!m.name || m.name === '/') vals.name = nextMoveName(env, Number(m.journal_id ?? 1), prefix);
        if (!m.invoice_date && m.move_type !== 'entry') vals.invoice_date = formatDate(env.now);
        setValues(env, 'account.move', m, vals);
      }
      return false;
    },
    button_cancel: ({ env, ids }) => {
      for (const m of moves(env, ids)) {
        if (m.state === 'posted')
          throw userError('You cannot cancel a posted entry, reset it to draft first.');
        setValues(env, 'account.move', m, { state: 'cancel' });
      }
      return true;
    },
    button_draft: ({ env, ids }) => {
      for (const m of moves(env, ids)) {
        if (Number(m._paid ?? 0) > 0) throw userError('You cannot reset to draft a paid invoice.');
        setValues(env, 'account.move', m, { state: 'draft' });
      }
      return true;
    },
  },
};

export const accountMoveLine: ModelDef = {
  name: 'account.move.line',
  description: 'Journal Item',
  order: 'date desc, move_name desc, id',
  /** Journal entries are written with debit/credit like in Odoo; the sandbox stores their balance. */
  prepareCreate: (env, vals) => {
    if (vals.balance === undefined && (vals.debit !== undefined || vals.credit !== undefined))
      vals.balance = round(Number(vals.debit ?? 0) - Number(vals.credit ?? 0));
    // Odoo: an item in the company currency has amount_currency = balance; a foreign one given
    // only its amount in currency is converted at the entry's date, one given only its balance
    // gets its amount in currency from that rate (docs/odoo-api.md "Company currency of journal items").
    const currency = Number(vals.currency_id || COMPANY_CURRENCY);
    const move = env.store.get('account.move', Number(vals.move_id));
    const date = String(move?.date || formatDate(env.now));
    if (vals.amount_currency !== undefined && vals.balance === undefined)
      vals.balance = toCompany(env, Number(vals.amount_currency), currency, date);
    if (vals.amount_currency === undefined && vals.balance !== undefined)
      vals.amount_currency =
        currency === COMPANY_CURRENCY
          ? vals.balance
          : round(Number(vals.balance) * rateAt(env, currency, date));
  },
  fields: {
    move_id: m2o('Journal Entry', 'account.move', { required: true }),
    move_name: char('Number', {
      compute: (env, l) => env.store.get('account.move', Number(l.move_id))?.name ?? false,
    }),
    date: date('Date', {
      compute: (env, l) => env.store.get('account.move', Number(l.move_id))?.date ?? false,
    }),
    // Odoo: related `move_id.journal_id`, stored.
    journal_id: m2o('Journal', 'account.journal', {
      compute: (env, l) => env.store.get('account.move', Number(l.move_id))?.journal_id ?? false,
    }),
    display_type: selection('Display Type', ['product', 'line_section', 'line_note', 'tax', 'payment_term'], {
      default: () => 'product',
    }),
    product_id: m2o('Product', 'product.product'),
    account_id: m2o('Account', 'account.account'),
    name: char('Label'),
    quantity: float('Quantity', { default: () => 1 }),
    price_unit: float('Unit Price', { digits: 2 }),
    discount: float('Discount (%)'),
    tax_ids: m2m('Taxes', 'account.tax'),
    price_subtotal: money('Subtotal', { compute: (env, l) => moveLineAmounts(env, l).subtotal }),
    price_total: money('Total', { compute: (env, l) => moveLineAmounts(env, l).total }),
    sale_line_ids: m2m('Sales Order Lines', 'sale.order.line'),
    product_uom_id: m2o('Unit', 'uom.uom', { default: () => 1 }),
    currency_id: m2o('Currency', 'res.currency', { default: () => 1 }),
    sequence: int('Sequence', { default: () => 10 }),
    // Journal items of payments and bank lines (account/ledger.ts); invoice lines keep 0 here.
    partner_id: m2o('Partner', 'res.partner'),
    ref: char('Reference', {
      compute: (env, l) => env.store.get('account.move', Number(l.move_id))?.ref ?? false,
    }),
    balance: money('Balance'),
    debit: money('Debit', { compute: (_env, l) => Math.max(Number(l.balance ?? 0), 0) }),
    credit: money('Credit', { compute: (_env, l) => Math.max(-Number(l.balance ?? 0), 0) }),
    amount_residual: money('Residual Amount', { compute: (env, l) => lineResidual(env, l) }),
    // In the item's currency; `balance` and the residual in the company currency (account/ledger.ts).
    amount_currency: money('Amount in Currency'),
    amount_residual_currency: money('Residual Amount in Currency', {
      compute: (env, l) => lineResidualCurrency(env, l),
    }),
    reconciled: bool('Reconciled', { compute: (env, l) => lineReconciled(env, l) }),
    full_reconcile_id: m2o('Matching', 'account.full.reconcile'),
  },
  methods: {
    reconcile: ({ env, ids }) =>
      reconcileLines(
        env,
        ids.map((id) => env.store.get('account.move.line', id)).filter((l): l is Rec => Boolean(l)),
      ),
  },
};

export const accountJournal: ModelDef = {
  name: 'account.journal',
  description: 'Journal',
  order: 'sequence, type, code',
  fields: {
    name: char('Journal Name', { required: true }),
    code: char('Short Code'),
    type: selection('Type', ['sale', 'purchase', 'cash', 'bank', 'general']),
    currency_id: m2o('Currency', 'res.currency'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    sequence: int('Sequence', { default: () => 10 }),
    active: bool('Active', { default: () => true }),
    default_account_id: m2o('Default Account', 'account.account'),
    suspense_account_id: m2o('Suspense Account', 'account.account'),
  },
  /** A new bank/cash journal gets its "Manual Payment" methods in and out, like Odoo's. */
  afterCreate: (env, journal) => {
    if (journal.type !== 'bank' && journal.type !== 'cash') return;
    create(
      env,
      'account.payment.method.line',
      (['inbound', 'outbound'] as const).map((payment_type) => ({
        name: 'Manual Payment',
        journal_id: journal.id,
        payment_type,
        sequence: 10,
      })),
    );
  },
};

/** 16/17: boolean `price_include`; 18+: computed from `price_include_override` (docs/odoo-api.md §2.10). */
export const accountTax: ModelDef = {
  name: 'account.tax',
  description: 'Tax',
  order: 'sequence, id',
  fields: {
    name: char('Tax Name', { required: true }),
    amount: float('Amount'),
    amount_type: selection('Tax Computation', ['group', 'fixed', 'percent', 'division'], {
      default: () => 'percent',
    }),
    type_tax_use: selection('Tax Type', ['sale', 'purchase', 'none'], { default: () => 'sale' }),
    tax_scope: selection('Tax Scope', ['service', 'consu']),
    price_include: bool('Included in Price', {
      since: { major: 18, def: { string: 'Price Include', readonly: true, notStored: true } },
    }),
    price_include_override: selection('Included in Price', ['tax_included', 'tax_excluded'], {
      min: 18,
      selectionLabels: { tax_included: 'Tax Included', tax_excluded: 'Tax Excluded' },
    }),
    include_base_amount: bool('Affect Base of Subsequent Taxes'),
    description: char('Label on Invoices'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    country_id: m2o('Country', 'res.country', { default: () => 233 }),
    active: bool('Active', { default: () => true }),
    sequence: int('Sequence', { default: () => 1 }),
    tax_group_id: m2o('Tax Group', 'account.tax.group'),
    invoice_repartition_line_ids: o2m('Distribution for Invoices', 'account.tax.repartition.line', 'tax_id'),
    // Odoo keys both on `tax_id` with a document type; the sandbox keeps refunds apart by their own key.
    refund_repartition_line_ids: o2m(
      'Distribution for Refunds',
      'account.tax.repartition.line',
      'refund_tax_id',
    ),
  },
  /** A tax of another country than the company's shows its country code: "REC FR VAT 20% (FR)". */
  displayName: (env, t) => {
    const company = env.store.get('res.company', 1);
    if (!t.country_id || t.country_id === company?.country_id) return String(t.name);
    return `${String(t.name)} (${String(env.store.get('res.country', Number(t.country_id))?.code ?? '')})`;
  },
  prepareCreate: (env, vals) => {
    if (env.major >= 18) vals.price_include = vals.price_include_override === 'tax_included';
  },
  // After the id is taken: a refused tax still uses up its id, like a PostgreSQL sequence (fixtures).
  checkCreate: (env, vals) => checkTaxGroup(env, accountTax, vals),
  beforeWrite: (env, _recs, vals) => {
    if (env.major >= 18 && vals.price_include_override !== undefined)
      vals.price_include = vals.price_include_override === 'tax_included';
  },
};
