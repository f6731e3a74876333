/**
 * Journal items that carry money between accounts (payments, bank statement lines) and their
 * reconciliation, as the recordings show them (fixtures bank_statement_reconcile, docs/odoo-api.md
 * "Payouts"). Invoice and bill lines keep their own amounts model (invoice-amounts.ts).
 */
import { userError } from '../errors.js';
import type { Env, Rec } from '../model-types.js';
import { create, setValues } from '../orm/write.js';
import { round } from '../float-round.js';

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

export function lineResidual(env: Env, line: Rec): number {
  if (!keepsResidual(accountOf(env, line))) return 0;
  return round(Number(line.balance ?? 0) - Number(line._matched ?? 0));
}

export function lineReconciled(env: Env, line: Rec): boolean {
  const account = accountOf(env, line);
  return Boolean(account?.reconcile) && Number(line._matched ?? 0) !== 0 && lineResidual(env, line) === 0;
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
  /** Debit positive, credit negative, in the move's currency (the sandbox does not convert). */
  balance: number;
  name?: string | false;
  currency_id?: number | false;
}

export function addLedgerLines(env: Env, moveId: number, lines: LedgerLine[]): number[] {
  return create(
    env,
    'account.move.line',
    lines.map((l) => ({
      move_id: moveId,
      account_id: l.account_id,
      partner_id: l.partner_id ?? false,
      balance: round(l.balance),
      name: l.name ?? false,
      currency_id: l.currency_id || 1,
      quantity: 0,
    })),
  );
}

/**
 * `account.move.line.reconcile`: items of one reconcilable account, none reconciled yet; debits
 * are matched against credits in id order. Fully matched items share a full reconcile. Returns
 * None (the recorded answer has no `result` key).
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
  const debits = lines.filter((l) => lineResidual(env, l) > 0).sort((a, b) => a.id - b.id);
  const credits = lines.filter((l) => lineResidual(env, l) < 0).sort((a, b) => a.id - b.id);
  let d = 0;
  let c = 0;
  while (d < debits.length && c < credits.length) {
    const debit = debits[d]!;
    const credit = credits[c]!;
    const amount = Math.min(lineResidual(env, debit), -lineResidual(env, credit));
    setValues(env, 'account.move.line', debit, { _matched: round(Number(debit._matched ?? 0) + amount) });
    setValues(env, 'account.move.line', credit, { _matched: round(Number(credit._matched ?? 0) - amount) });
    if (lineResidual(env, debit) === 0) d += 1;
    if (lineResidual(env, credit) === 0) c += 1;
  }
  if (lines.every((l) => lineResidual(env, l) === 0)) {
    const full = env.store.nextSequence('account.full.reconcile');
    for (const l of lines) setValues(env, 'account.move.line', l, { full_reconcile_id: full });
  }
  return undefined;
}
