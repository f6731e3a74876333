/** `account.payment.register` wizard and the payments it creates (docs/odoo-api.md §2.6). */
import { userError } from '../errors.js';
import type { Env, ModelDef, Rec } from '../model-types.js';
import { create, setValues } from '../orm/write.js';
import { formatDate } from '../clock.js';
import { round } from '../float-round.js';
import { residual } from '../account/invoice-amounts.js';
import { paymentsAction } from '../stock/actions.js';
import { nextMoveName } from '../account/move-names.js';
import {
  addLedgerLines,
  COMPANY_CURRENCY,
  ensureAccount,
  exchangeDifference,
  toCompany,
} from '../account/ledger.js';
import { invoiceRate } from '../account/company-currency.js';
import { bool, char, date, m2m, m2o, money, selection } from './fields.js';

const BANK_JOURNAL = 6;

function wizardMoves(env: Env, wizard: Rec): Rec[] {
  return ((wizard.move_ids as number[]) ?? [])
    .map((id) => env.store.get('account.move', id))
    .filter((m): m is Rec => Boolean(m));
}

function createPayments(env: Env, wizard: Rec): unknown {
  const invoices = wizardMoves(env, wizard);
  const amount = Number(wizard.amount ?? 0);
  const journalId = Number(wizard.journal_id ?? BANK_JOURNAL);
  const journal = env.store.get('account.journal', journalId);
  const name = nextMoveName(env, journalId, `P${String(journal?.code ?? 'BNK1')}`);
  const memo = wizard.communication ?? false;
  const [entryId] = create(env, 'account.move', [
    {
      name,
      move_type: 'entry',
      state: 'posted',
      journal_id: journalId,
      partner_id: wizard.partner_id,
      ref: memo,
      date: wizard.payment_date,
      _entry_amount: amount,
    },
  ]);
  const [paymentId] = create(env, 'account.payment', [
    {
      name,
      state: env.major >= 18 ? 'paid' : 'posted',
      amount,
      payment_type: wizard.payment_type ?? 'inbound',
      partner_type: wizard.partner_type ?? 'customer',
      partner_id: wizard.partner_id,
      journal_id: journalId,
      date: wizard.payment_date,
      [env.major >= 18 ? 'memo' : 'ref']: memo,
      move_id: entryId,
      currency_id: wizard.currency_id,
      payment_method_line_id: wizard.payment_method_line_id,
      reconciled_invoice_ids: [[6, 0, invoices.map((m) => m.id)]],
    },
  ]);
  // The payment's own item: on the method's outstanding account (the clearing account when the
  // journal's method says so), debit for money in, credit for money out.
  const method = env.store.get('account.payment.method.line', Number(wizard.payment_method_line_id));
  const inbound = (wizard.payment_type ?? 'inbound') === 'inbound';
  const outstanding =
    Number(method?.payment_account_id || 0) ||
    (inbound
      ? ensureAccount(env, '101403', 'Outstanding Receipts', 'asset_current', true)
      : ensureAccount(env, '101404', 'Outstanding Payments', 'asset_current', true));
  addLedgerLines(env, entryId!, [
    {
      account_id: outstanding,
      partner_id: (wizard.partner_id as number | false) ?? false,
      amount: inbound ? amount : -amount,
      name: memo as string | false,
      currency_id: wizard.currency_id as number,
    },
  ]);
  let left = amount;
  for (const inv of invoices) {
    const pay = Math.min(left, residual(env, inv));
    if (pay <= 0) continue;
    setValues(env, 'account.move', inv, { _paid: round(Number(inv._paid ?? 0) + pay) });
    left = round(left - pay);
    invoiceExchangeDifference(env, inv, pay, String(wizard.payment_date), Number(wizard.currency_id));
  }
  if (env.context.dont_redirect_to_payments) return true;
  return paymentsAction(paymentId!);
}

/**
 * A foreign-currency invoice paid at another rate than its own: Odoo reconciles the payment with
 * the invoice's receivable (payable) item and books the company-currency difference as an exchange
 * difference entry (docs/odoo-api.md "Company currency of journal items"). The sandbox keeps
 * invoices in its own amounts model, so the receivable side of that entry is booked here.
 */
function invoiceExchangeDifference(
  env: Env,
  inv: Rec,
  paid: number,
  payDate: string,
  currencyId: number,
): void {
  if (!currencyId || currencyId === COMPANY_CURRENCY) return;
  const atInvoice = round(paid / invoiceRate(env, inv));
  const atPayment = toCompany(env, paid, currencyId, payDate);
  if (atInvoice === atPayment) return;
  const customer = inv.move_type === 'out_invoice' || inv.move_type === 'out_refund';
  const debitSide = inv.move_type === 'out_invoice' || inv.move_type === 'in_refund' ? 1 : -1;
  const account = customer
    ? ensureAccount(env, '121000', 'Account Receivable', 'asset_receivable', true)
    : ensureAccount(env, '211000', 'Account Payable', 'liability_payable', true);
  // What the receivable still holds in the company currency once the payment's amount left it.
  const left = round(debitSide * (atInvoice - atPayment));
  const exch = exchangeDifference(
    env,
    account,
    currencyId,
    left,
    payDate,
    (inv.partner_id as number) || false,
  );
  setValues(env, 'account.move.line', exch, { _matched: Number(exch.balance ?? 0) });
}

export const accountPaymentRegister: ModelDef = {
  name: 'account.payment.register',
  description: 'Pay',
  order: 'id',
  fields: {
    amount: money('Amount'),
    currency_id: m2o('Currency', 'res.currency'),
    payment_date: date('Payment Date'),
    journal_id: m2o('Journal', 'account.journal'),
    payment_method_line_id: m2o('Payment Method', 'account.payment.method.line'),
    communication: char('Memo'),
    partner_id: m2o('Customer/Vendor', 'res.partner'),
    payment_difference: money('Payment Difference', {
      compute: (env, w) =>
        round(wizardMoves(env, w).reduce((s, m) => s + residual(env, m), 0) - Number(w.amount ?? 0)),
    }),
    group_payment: bool('Group Payments'),
    move_ids: m2m('Journal Entries', 'account.move'),
    // No field defaults: the ORM applies those before prepareCreate, which would hide the
    // direction Odoo derives from the moves (a vendor bill is paid out by a supplier payment).
    payment_type: selection('Payment Type', ['outbound', 'inbound']),
    partner_type: selection('Partner Type', ['customer', 'supplier']),
  },
  /** Defaults read the invoices from context active_ids; only posted entries (docs/odoo-api.md §2.6). */
  prepareCreate: (env, vals) => {
    const ids =
      env.context.active_model === 'account.move' ? ((env.context.active_ids as number[]) ?? []) : [];
    const moves = ids.map((id) => env.store.get('account.move', id)).filter((m): m is Rec => Boolean(m));
    if (moves.length === 0 || moves.some((m) => m.state !== 'posted')) {
      throw userError('You can only register payment for posted journal entries.');
    }
    const due = round(moves.reduce((s, m) => s + residual(env, m), 0));
    if (due <= 0)
      throw userError(
        "You can't register a payment because there is nothing left to pay on the selected journal items.",
      );
    vals.move_ids = [[6, 0, moves.map((m) => m.id)]];
    vals.amount ??= due;
    vals.currency_id ??= moves[0]!.currency_id ?? 1;
    vals.payment_date ??= formatDate(env.now);
    vals.journal_id ??= BANK_JOURNAL;
    // A credit note is paid out (outbound, below) under its own ref (fixtures credit_note_refund).
    const refunds = moves.every((m) => m.move_type === 'out_refund');
    vals.communication ??= moves
      .map((m) => (refunds && m.ref ? m.ref : m.name))
      .filter(Boolean)
      .join(' ');
    vals.partner_id ??= moves[0]!.partner_id;
    vals.group_payment ??= true;
    // Customer invoices are paid in, vendor bills out; refunds the other way (like Odoo's wizard).
    // The method line comes from the journal (the clearing journal's books on its own account).
    const type = String(moves[0]!.move_type);
    vals.partner_type ??= type.startsWith('in_') ? 'supplier' : 'customer';
    vals.payment_type ??= type === 'out_invoice' || type === 'in_refund' ? 'inbound' : 'outbound';
    const journal = env.store.get('account.journal', Number(vals.journal_id));
    if (!journal || (journal.type !== 'bank' && journal.type !== 'cash'))
      throw userError('The journal of a payment must be a bank or cash journal.');
    const methods = env.store.all('account.payment.method.line').filter((m) => m.journal_id === journal.id);
    vals.payment_method_line_id ??=
      methods.find((m) => m.payment_type === vals.payment_type)?.id ?? methods[0]?.id ?? 1;
  },
  methods: {
    action_create_payments: ({ env, ids }) => {
      const wizard = env.store.get('account.payment.register', ids[0] ?? 0);
      if (!wizard) return true;
      return createPayments(env, wizard);
    },
  },
};

export const accountPayment: ModelDef = {
  name: 'account.payment',
  description: 'Payments',
  order: 'date desc, name desc',
  fields: {
    name: char('Number'),
    state: selection('Status', ['draft', 'in_process', 'paid', 'posted', 'canceled', 'cancel', 'rejected'], {
      default: () => 'draft',
    }),
    amount: money('Amount'),
    payment_type: selection('Payment Type', ['outbound', 'inbound']),
    partner_type: selection('Partner Type', ['customer', 'supplier']),
    partner_id: m2o('Customer/Vendor', 'res.partner'),
    journal_id: m2o('Journal', 'account.journal'),
    date: date('Date'),
    memo: char('Memo', { min: 18 }),
    ref: char('Reference', { max: 17 }),
    is_reconciled: bool('Is Reconciled', { compute: () => true }),
    is_matched: bool('Is Matched With a Bank Statement', { compute: () => false }),
    move_id: m2o('Journal Entry', 'account.move'),
    currency_id: m2o('Currency', 'res.currency'),
    payment_method_line_id: m2o('Payment Method', 'account.payment.method.line'),
    reconciled_invoice_ids: m2m('Reconciled Invoices', 'account.move'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
  },
};

export const accountPaymentMethodLine: ModelDef = {
  name: 'account.payment.method.line',
  description: 'Payment Methods',
  order: 'sequence, id',
  // "Manual Payment (Bank)" in 18, "Manual" in 17 (fixtures order_invoice_pay).
  displayName: (env, r) => {
    const journal = env.store.get('account.journal', Number(r.journal_id));
    return env.major >= 18 && journal
      ? `${String(r.name)} (${String(journal.name)})`
      : env.major >= 18
        ? String(r.name)
        : 'Manual';
  },
  fields: {
    name: char('Name'),
    journal_id: m2o('Journal', 'account.journal'),
    payment_type: selection('Payment Type', ['inbound', 'outbound']),
    sequence: { type: 'integer', string: 'Sequence' },
    payment_account_id: m2o('Outstanding Receipts/Payments Account', 'account.account'),
  },
};
