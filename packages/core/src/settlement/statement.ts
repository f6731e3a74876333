import { BadInputError } from '../errors.js';
import { currencyExponent, money, type Money } from '../money.js';
import { csvRecords } from './csv-rows.js';

/**
 * Payout statements (the marketplace has no settlement API: they come as files). One row per order
 * paid in a payout; a payout's amount is the sum of its rows. Column names are configurable; these
 * are the defaults (README "Statements and payouts").
 */
export interface StatementColumns {
  payoutId: string;
  payoutDate: string;
  orderRef: string;
  currency: string;
  amount: string;
}

export const DEFAULT_STATEMENT_COLUMNS: StatementColumns = {
  payoutId: 'payout_id',
  payoutDate: 'payout_date',
  orderRef: 'order_ref',
  currency: 'currency',
  amount: 'amount',
};

export interface StatementRow {
  /** Line in the file (1 = the header). */
  line: number;
  orderRef: string;
  amount: Money;
}

export interface Payout {
  payoutId: string;
  /** YYYY-MM-DD. */
  date: string;
  currency: string;
  rows: StatementRow[];
  total: Money;
}

export interface RowProblem {
  line: number;
  reason: string;
}

export interface RejectedPayout {
  payoutId: string;
  problems: RowProblem[];
}

export interface ParsedStatement {
  payouts: Payout[];
  /** Payouts refused as a whole because one of their rows is bad: nothing of them is booked. */
  rejected: RejectedPayout[];
}

const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A plain decimal with at most the currency's decimals ("12.5", "1234.56"); no signs, no thousands. */
function parseAmount(raw: string, currency: string): Money | string {
  const exp = currencyExponent(currency);
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(raw.trim());
  if (!m) return `amount ${JSON.stringify(raw)} is not a number (expected e.g. 12.34)`;
  if (m[1]) return `amount ${raw} is negative (a payout row pays an order: no negative amounts)`;
  const decimals = m[3] ?? '';
  if (decimals.length > exp) return `amount ${raw} has more than ${exp} decimals for ${currency}`;
  const minor = Number(m[2]) * 10 ** exp + Number(decimals.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(minor)) return `amount ${raw} is too large`;
  return money(minor, currency);
}

function validDate(raw: string): boolean {
  if (!DATE.test(raw)) return false;
  const d = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(raw);
}

/**
 * Reads a statement file's rows into payouts, row by row. A wrong layout (a mapped column missing
 * from the header) refuses the whole file; a bad row refuses its payout, with every problem named
 * by line. Orders are checked against the ERP afterwards ({@link refuseUnknownOrders}).
 */
export function parseStatement(
  text: string,
  columns: StatementColumns = DEFAULT_STATEMENT_COLUMNS,
): ParsedStatement {
  const records = csvRecords(text);
  const header = records[0];
  if (!header)
    throw new BadInputError('statement file is empty (expected a header row)', 'ERR_STATEMENT_LAYOUT');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = {} as Record<keyof StatementColumns, number>;
  const missing: string[] = [];
  for (const [key, name] of Object.entries(columns) as Array<[keyof StatementColumns, string]>) {
    index[key] = names.indexOf(name.trim().toLowerCase());
    if (index[key] < 0) missing.push(name);
  }
  if (missing.length) {
    throw new BadInputError(
      `statement file has the wrong column layout: missing ${missing.map((m) => `"${m}"`).join(', ')} (header: ${header.fields.join(', ')}); map the columns under "statementColumns" in MAPPING_FILE`,
      'ERR_STATEMENT_LAYOUT',
    );
  }
  const byPayout = new Map<
    string,
    { date: string; currency: string; rows: StatementRow[]; problems: RowProblem[] }
  >();
  const orphans: RowProblem[] = [];
  for (const { line, fields } of records.slice(1)) {
    const cell = (k: keyof StatementColumns) => (fields[index[k]] ?? '').trim();
    const payoutId = cell('payoutId');
    if (!payoutId) {
      orphans.push({ line, reason: `no ${columns.payoutId}` });
      continue;
    }
    const problems: string[] = [];
    const date = cell('payoutDate');
    if (!validDate(date))
      problems.push(`${columns.payoutDate} ${JSON.stringify(date)} is not a date (YYYY-MM-DD)`);
    const currency = cell('currency').toUpperCase();
    const knownCurrency = ISO_CURRENCIES.has(currency);
    if (!knownCurrency) problems.push(`unknown currency ${JSON.stringify(cell('currency'))}`);
    const orderRef = cell('orderRef');
    if (!orderRef) problems.push(`no ${columns.orderRef}`);
    const amount = knownCurrency ? parseAmount(cell('amount'), currency) : null;
    if (typeof amount === 'string') problems.push(amount);
    let payout = byPayout.get(payoutId);
    if (!payout) {
      payout = { date, currency, rows: [], problems: [] };
      byPayout.set(payoutId, payout);
    } else {
      // A bad date or currency is reported once, not again as a mismatch.
      if (validDate(date) && payout.date !== date)
        problems.push(`payout ${payoutId} is dated ${payout.date} on an earlier row`);
      if (knownCurrency && payout.currency !== currency)
        problems.push(`payout ${payoutId} is in ${payout.currency} on an earlier row`);
    }
    const twice = payout.rows.find((r) => r.orderRef === orderRef);
    if (orderRef && twice)
      problems.push(`order ${orderRef} is paid twice in payout ${payoutId} (line ${twice.line})`);
    for (const reason of problems) payout.problems.push({ line, reason });
    if (!problems.length && amount && typeof amount !== 'string')
      payout.rows.push({ line, orderRef, amount });
  }
  if (orphans.length) {
    // A row that names no payout cannot be set aside alone: the whole file waits for a fix.
    throw new BadInputError(
      `statement rows without a payout: ${orphans.map((p) => `line ${p.line}: ${p.reason}`).join('; ')}`,
      'ERR_STATEMENT_ROWS',
    );
  }
  const out: ParsedStatement = { payouts: [], rejected: [] };
  for (const [payoutId, p] of byPayout) {
    if (p.problems.length) {
      out.rejected.push({ payoutId, problems: p.problems });
      continue;
    }
    const total = p.rows.reduce((s, r) => s + r.amount.amountMinor, 0);
    out.payouts.push({
      payoutId,
      date: p.date,
      currency: p.currency,
      rows: p.rows,
      total: money(total, p.currency),
    });
  }
  return out;
}

/** Moves payouts naming an order the ERP does not know to the rejected ones, with the lines. */
export function refuseUnknownOrders(parsed: ParsedStatement, known: ReadonlySet<string>): ParsedStatement {
  const out: ParsedStatement = { payouts: [], rejected: [...parsed.rejected] };
  for (const p of parsed.payouts) {
    const unknown = p.rows.filter((r) => !known.has(r.orderRef));
    if (unknown.length === 0) out.payouts.push(p);
    else
      out.rejected.push({
        payoutId: p.payoutId,
        problems: unknown.map((r) => ({ line: r.line, reason: `unknown order ${r.orderRef}` })),
      });
  }
  return out;
}

/** The statement's rows as the default CSV layout writes them (the sandbox and tests use it). */
export function formatStatementCsv(
  payouts: Payout[],
  columns: StatementColumns = DEFAULT_STATEMENT_COLUMNS,
): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const head = [columns.payoutId, columns.payoutDate, columns.orderRef, columns.currency, columns.amount];
  const lines = [head.map(quote).join(',')];
  for (const p of payouts)
    for (const r of p.rows) {
      const exp = currencyExponent(p.currency);
      const unit = 10 ** exp;
      const whole = Math.trunc(r.amount.amountMinor / unit);
      const amount = exp ? `${whole}.${String(r.amount.amountMinor % unit).padStart(exp, '0')}` : `${whole}`;
      lines.push([p.payoutId, p.date, r.orderRef, p.currency, amount].map(quote).join(','));
    }
  return `${lines.join('\n')}\n`;
}
