/** `account.bank.statement.line`: a bank line with its own posted entry (fixtures bank_statement_reconcile). */
import { userError } from '../errors.js';
import type { Env, ModelDef, Rec } from '../model-types.js';
import { create, setValues } from '../orm/write.js';
import { formatDate } from '../clock.js';
import { round } from '../float-round.js';
import {
  addLedgerLines,
  COMPANY_CURRENCY,
  journalAccounts,
  keepsResidual,
  accountOf,
  lineReconciled,
  lineResidual,
} from '../account/ledger.js';
import { nextMoveName } from '../account/move-names.js';
import { checkStatementLineAccess } from './res-groups.models.js';
import { bool, char, date, m2o, money, selection } from './fields.js';

/** The statement line's items other than the bank (liquidity) one: the suspense line until matched. */
function counterLines(env: Env, l: Rec): Rec[] {
  const journal = env.store.get('account.journal', Number(l.journal_id));
  return env.store
    .all('account.move.line')
    .filter((x) => x.move_id === l.move_id && x.account_id !== journal?.default_account_id);
}

export const accountBankStatementLine: ModelDef = {
  name: 'account.bank.statement.line',
  description: 'Bank Statement Line',
  order: 'date desc, id desc',
  fields: {
    journal_id: m2o('Journal', 'account.journal', { required: true }),
    date: date('Date', { default: (env) => formatDate(env.now) }),
    payment_ref: char('Label'),
    partner_id: m2o('Partner', 'res.partner'),
    amount: money('Amount'),
    move_id: m2o('Journal Entry', 'account.move'),
    statement_id: m2o('Statement', 'account.bank.statement'),
    currency_id: m2o('Journal Currency', 'res.currency', { default: () => 1 }),
    // A line in another currency than the journal's: the amount in that currency (Odoo 16+).
    foreign_currency_id: m2o('Foreign Currency', 'res.currency'),
    amount_currency: money('Amount in Currency'),
    state: selection('Status', ['draft', 'posted', 'cancel'], { compute: () => 'posted' }),
    is_reconciled: bool('Is Reconciled', {
      compute: (env, l) => {
        const lines = counterLines(env, l);
        return lines.length > 0 && lines.every((x) => lineReconciled(env, x));
      },
    }),
    amount_residual: money('Residual Amount', {
      compute: (env, l) =>
        round(
          counterLines(env, l).reduce(
            (s, x) => s + (keepsResidual(accountOf(env, x)) ? lineResidual(env, x) : Number(x.balance ?? 0)),
            0,
          ),
        ),
    }),
  },
  checkCreate: (env, vals) => {
    checkStatementLineAccess(env);
    const journal = env.store.get('account.journal', Number(vals.journal_id));
    if (!journal || (journal.type !== 'bank' && journal.type !== 'cash'))
      throw userError('A bank statement line needs a bank or cash journal.');
  },
  /** Posts the line's entry: the bank account debited, the journal's suspense account credited. */
  afterCreate: (env, rec) => {
    const journal = env.store.get('account.journal', Number(rec.journal_id))!;
    const { liquidity, suspense } = journalAccounts(env, journal);
    const amount = Number(rec.amount ?? 0);
    const [moveId] = create(env, 'account.move', [
      {
        name: nextMoveName(env, journal.id),
        move_type: 'entry',
        state: 'posted',
        journal_id: journal.id,
        partner_id: rec.partner_id ?? false,
        ref: rec.payment_ref ?? false,
        date: rec.date,
        _entry_amount: Math.abs(amount),
      },
    ]);
    const partner = (rec.partner_id as number | false | undefined) ?? false;
    // The bank item in the journal's currency; the suspense item in the foreign currency when the
    // line has one (amount_currency), at the same company balance (docs/odoo-api.md "Payouts").
    const journalCurrency = Number(journal.currency_id || COMPANY_CURRENCY);
    const foreign = Number(rec.foreign_currency_id || 0);
    const [bankId] = addLedgerLines(env, moveId!, [
      {
        account_id: liquidity,
        partner_id: partner,
        amount,
        currency_id: journalCurrency,
        name: rec.payment_ref as string,
      },
    ]);
    const balance = Number(env.store.get('account.move.line', bankId!)!.balance ?? 0);
    addLedgerLines(env, moveId!, [
      foreign && foreign !== journalCurrency
        ? {
            account_id: suspense,
            partner_id: partner,
            amount: -Number(rec.amount_currency ?? 0),
            balance: -balance,
            currency_id: foreign,
            name: rec.payment_ref as string,
          }
        : {
            account_id: suspense,
            partner_id: partner,
            amount: -amount,
            balance: -balance,
            currency_id: journalCurrency,
            name: rec.payment_ref as string,
          },
    ]);
    setValues(env, 'account.bank.statement.line', rec, { move_id: moveId });
  },
};
