/**
 * Journal items that carry money between accounts (payments, bank statement lines) and their
 * reconciliation, as the recordings show them (fixtures bank_statement_reconcile, docs/odoo-api.md
 * "Payouts"). Invoice and bill lines keep their own amounts model (invoice-amounts.ts).
 * Each item has `amount_currency` in its own currency and `balance` in the company currency,
 * converted at its entry's date (docs/odoo-api.md "Company currency of journal items").
 */
import { userError } from '../errors.js';
import type { Env, Rec } from '../model-types.js';
import { create, setValues } from '../orm/write.js';
import { round } from '../float-round.js';
import { formatDate } from '../clock.js';
import { rateAt } from './company-currency.js';
import { nextMoveName } from './move-names.js';

export const COMPANY_CURRENCY = 1;

/** Accounts whose items keep a residual: reconcilable ones, and bank/cash (Odoo `_compute_amount_residual`). */
export function keepsResidual(account: Rec | undefined): boolean {
  if (!account) return false;
  return (
    Boolean(account.reconcile) ||
    ['asset_cash', 'liability_credit_card', 'asset_receivable', 'liability_payable'].includes(
      String(account.account_type),
    )
  );
}

export function accountOf(env: Env, line: Rec): Rec | undefined {
  return env.store.get('account.account', Number(line.account_id));
}

/** Residual in the company currency. */
export function lineResidual(env: Env, line: Rec): number {
  if (!keepsResidual(accountOf(env, line))) return 0;
  return round(Number(line.balance ?? 0) - Number(line._matched ?? 0));
}

/** Residual in the item's own currency. */
export function lineResidualCurrency(env: Env, line: Rec): number {
  if (!keepsResidual(accountOf(env, line))) return 0;
  return round(Number(line.amount_currency ?? line.balance ?? 0) - Number(line._matched_currency ?? 0));
}

export function lineReconciled(env: Env, line: Rec): boolean {
  const account = accountOf(env, line);
  return (
    Boolean(account?.reconcile) &&
    (Number(line._matched ?? 0) !== 0 || Number(line._matched_currency ?? 0) !== 0) &&
    lineResidual(env, line) === 0 &&
    lineResidualCurrency(env, line) === 0
  );
}

/** The date an item's entry is booked on (its rate date). */
export function lineDate(env: Env, line: Rec): string {
  const move = env.store.get('account.move', Number(line.move_id));
  return String(move?.date || formatDate(env.now));
}

/** `amount` in `currencyId` to the company currency at `date`'s rate (Odoo `_convert`). */
export function toCompany(env: Env, amount: number, currencyId: number, date: string): number {
  if (!currencyId || currencyId === COMPANY_CURRENCY) return round(amount);
  return round(amount / rateAt(env, currencyId, date));
}

/** The account with this code, created when the chart lacks it (the sandbox seeds no chart). */
export function ensureAccount(
  env: Env,
  code: string,
  name: string,
  accountType: string,
  reconcile: boolean,
): number {
  const found = env.store.all('account.account').find((a) => a.code === code);
  if (found) return found.id;
  return create(env, 'account.account', [{ code, name, account_type: accountType, reconcile }])[0]!;
}

/** A bank/cash journal's liquidity and suspense accounts, made on first use like the chart would. */
export function journalAccounts(env: Env, journal: Rec): { liquidity: number; suspense: number } {
  const suspense = ensureAccount(env, '101402', 'Bank Suspense Account', 'asset_current', false);
  let liquidity = Number(journal.default_account_id || 0);
  if (!liquidity) {
    const used = env.store.all('account.account').filter((a) => /^1014\d\d$/.test(String(a.code)));
    const code = String(101403 + used.length + 1);
    liquidity = ensureAccount(env, code, String(journal.name), 'asset_cash', false);
  }
  setValues(env, 'account.journal', journal, {
    default_account_id: liquidity,
    suspense_account_id: suspense,
  });
  return { liquidity, suspense };
}

export interface LedgerLine {
  account_id: number;
  partner_id?: number | false;
  /** Debit positive, credit negative, in the line's currency. */
  amount: number;
  /** In the company currency; converted from `amount` at the entry's date when absent. */
  balance?: number;
  name?: string | false;
  currency_id?: number | false;
}

export function addLedgerLines(env: Env, moveId: number, lines: LedgerLine[]): number[] {
  const move = env.store.get('account.move', moveId);
  const date = String(move?.date || formatDate(env.now));
  return create(
    env,
    'account.move.line',
    lines.map((l) => {
      const currency = Number(l.currency_id || COMPANY_CURRENCY);
      return {
        move_id: moveId,
        account_id: l.account_id,
        partner_id: l.partner_id ?? false,
        amount_currency: round(l.amount),
        balance: l.balance === undefined ? toCompany(env, l.amount, currency, date) : round(l.balance),
        name: l.name ?? false,
        currency_id: currency,
        quantity: 0,
      };
    }),
  );
}

/**
 * An exchange difference entry (Odoo `_create_exchange_difference_moves`): in the company's
 * "Exchange Difference" journal, `residual` (company currency, debit positive) taken off `account`
 * with no amount in currency, its counterpart on 441000 Foreign Exchange Gain (when the item left
 * is a credit) or 641000 Foreign Exchange Loss (a debit), the generic chart's exchange accounts.
 * Returns the item on `account`, to be reconciled with the items it closes.
 */
export function exchangeDifference(
  env: Env,
  accountId: number,
  currencyId: number,
  residual: number,
  date: string,
  partnerId: number | false = false,
): Rec {
  let journal = env.store.all('account.journal').find((j) => j.code === 'EXCH');
  if (!journal) {
    const [id] = create(env, 'account.journal', [
      { name: 'Exchange Difference', code: 'EXCH', type: 'general' },
    ]);
    journal = env.store.get('account.journal', id!)!;
  }
  const gain = residual < 0;
  const counter = gain
    ? ensureAccount(env, '441000', 'Foreign Exchange Gain', 'income_other', false)
    : ensureAccount(env, '641000', 'Foreign Exchange Loss', 'expense', false);
  const [moveId] = create(env, 'account.move', [
    {
      name: nextMoveName(env, journal.id),
      move_type: 'entry',
      state: 'posted',
      journal_id: journal.id,
      ref: false,
      date,
      _entry_amount: Math.abs(residual),
    },
  ]);
  const [own] = addLedgerLines(env, moveId!, [
    { account_id: accountId, partner_id: partnerId, amount: 0, balance: -residual, currency_id: currencyId },
    { account_id: counter, partner_id: partnerId, amount: 0, balance: residual, currency_id: currencyId },
  ]);
  return env.store.get('account.move.line', own!)!;
}

/**
 * `account.move.line.reconcile`: items of one reconcilable account, none reconciled yet; debits
 * are matched against credits in id order — on their amount in currency when they share a foreign
 * currency, else on the company balance. When the amounts in currency are matched but the
 * company balances (booked at different dates' rates) are not, an exchange difference entry
 * closes them (docs/odoo-api.md "Company currency of journal items"). Fully matched items share a
 * full reconcile. Returns None (the recorded answer has no `result` key).
 */
export function reconcileLines(env: Env, lines: Rec[]): undefined {
  const accounts = new Set(lines.map((l) => Number(l.account_id)));
  if (accounts.size !== 1) throw userError('Entries are not from the same account.');
  const account = accountOf(env, lines[0]!);
  if (!account?.reconcile)
    throw userError(
      `Account ${String(account?.code ?? '')} ${String(account?.name ?? '')} does not allow reconciliation. First change the configuration of this account to allow it.`,
    );
  if (lines.some((l) => lineReconciled(env, l)))
    throw userError('You are trying to reconcile some entries that are already reconciled.');
  const all = [...lines];
  const currencies = new Set(lines.map((l) => Number(l.currency_id || COMPANY_CURRENCY)));
  const foreign = currencies.size === 1 && !currencies.has(COMPANY_CURRENCY);
  const open = foreign ? (l: Rec) => lineResidualCurrency(env, l) : (l: Rec) => lineResidual(env, l);
  const debits = lines.filter((l) => open(l) > 0).sort((a, b) => a.id - b.id);
  const credits = lines.filter((l) => open(l) < 0).sort((a, b) => a.id - b.id);
  let d = 0;
  let c = 0;
  while (d < debits.length && c < credits.length) {
    const debit = debits[d]!;
    const credit = credits[c]!;
    const amount = Math.min(open(debit), -open(credit));
    // One partial reconcile matches the same company amount on both sides (Odoo's `amount`):
    // what the items' rates make of `amount`, the smaller; the rest is the exchange difference.
    const company = foreign
      ? Math.min(companyPart(env, debit, amount), -companyPart(env, credit, -amount))
      : amount;
    match(env, debit, foreign ? amount : null, company);
    match(env, credit, foreign ? -amount : null, -company);
    if (open(debit) === 0) d += 1;
    if (open(credit) === 0) c += 1;
  }
  if (foreign && lines.every((l) => lineResidualCurrency(env, l) === 0)) {
    // The amounts in currency are matched: what the company balances still hold (rates of other
    // dates, or cents of rounding spread over the partial matches) goes to one exchange entry.
    const left = round(lines.reduce((s, l) => s + lineResidual(env, l), 0));
    for (const l of lines) setValues(env, 'account.move.line', l, { _matched: Number(l.balance ?? 0) });
    if (left !== 0) {
      const date = lines
        .map((l) => lineDate(env, l))
        .sort()
        .pop()!;
      const partner = (lines[0]!.partner_id as number | false) ?? false;
      const exch = exchangeDifference(env, Number(account.id), [...currencies][0]!, left, date, partner);
      setValues(env, 'account.move.line', exch, { _matched: Number(exch.balance ?? 0) });
      all.push(exch);
    }
  }
  if (all.every((l) => lineResidual(env, l) === 0 && lineResidualCurrency(env, l) === 0)) {
    const full = env.store.nextSequence('account.full.reconcile');
    for (const l of all) setValues(env, 'account.move.line', l, { full_reconcile_id: full });
  }
  return undefined;
}

/** The company-currency share of `amount` (in the item's currency) at the item's own rate. */
function companyPart(env: Env, line: Rec, amount: number): number {
  const residualCur = lineResidualCurrency(env, line);
  if (round(amount) === residualCur) return lineResidual(env, line);
  const cur = Number(line.amount_currency ?? 0);
  return cur === 0 ? 0 : round((amount * Number(line.balance ?? 0)) / cur);
}

/**
 * Matches `company` of an item in the company currency and `amountCurrency` in its own (null when
 * matched on the company balance: its currency part follows in proportion, all of it once closed).
 */
function match(env: Env, line: Rec, amountCurrency: number | null, company: number): void {
  const matched = round(Number(line._matched ?? 0) + company);
  const cur = Number(line.amount_currency ?? line.balance ?? 0);
  const bal = Number(line.balance ?? 0);
  const matchedCurrency =
    amountCurrency !== null
      ? round(Number(line._matched_currency ?? 0) + amountCurrency)
      : matched === round(bal)
        ? cur
        : round(bal === 0 ? 0 : (matched * cur) / bal);
  setValues(env, 'account.move.line', line, { _matched: matched, _matched_currency: matchedCurrency });
}
