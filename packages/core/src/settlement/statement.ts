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
  /**
   * Optional column saying what a row is (`order`, `refund`, `chargeback`, `fx`); a file without it
   * (or an empty cell) has order rows only.
   */
  rowType?: string;
}

export const DEFAULT_STATEMENT_COLUMNS: StatementColumns = {
  payoutId: 'payout_id',
  payoutDate: 'payout_date',
  orderRef: 'order_ref',
  currency: 'currency',
  amount: 'amount',
  rowType: 'type',
};

/**
 * What a statement row is: an order paid (≥ 0), a refund the marketplace paid the buyer out of the
 * payout (< 0, against the order's credit note), a chargeback (≠ 0: a dispute lost, or won back)
 * and an exchange difference of the payout (≠ 0, no order).
 */
export type StatementRowKind = 'order' | 'refund' | 'chargeback' | 'fx';

const KINDS: Record<string, StatementRowKind> = {
  '': 'order',
  order: 'order',
  refund: 'refund',
  chargeback: 'chargeback',
  fx: 'fx',
  fx_difference: 'fx',
};

export interface StatementRow {
  /** Line in the file (1 = the header). */
  line: number;
  kind: StatementRowKind;
  /** Empty for an fx row. */
  orderRef: string;
  /** Signed: deductions (refunds, chargebacks, fx losses) are negative. */
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

/** A plain decimal with at most the currency's decimals ("12.5", "-3.20"); no thousands separators. */
function parseAmount(raw: string, currency: string, kind: StatementRowKind): Money | string {
  const exp = currencyExponent(currency);
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(raw.trim());
  if (!m) return `amount ${JSON.stringify(raw)} is not a number (expected e.g. 12.34)`;
  const decimals = m[3] ?? '';
  if (decimals.length > exp) return `amount ${raw} has more than ${exp} decimals for ${currency}`;
  const abs = Number(m[2]) * 10 ** exp + Number(decimals.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(abs)) return `amount ${raw} is too large`;
  const minor = m[1] ? -abs : abs;
  if (kind === 'order' && minor < 0)
    return `amount ${raw} is negative (an order row pays an order: no negative amounts; a deduction is a refund or chargeback row)`;
  if (kind === 'refund' && minor >= 0)
    return `refund amount ${raw} must be negative (the refund is deducted from the payout)`;
  if ((kind === 'chargeback' || kind === 'fx') && minor === 0) return `${kind} amount is 0`;
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
  return parseStatementRecords(csvRecords(text), columns);
}

/** The same checks for rows read from any file format (CSV, a spreadsheet's first sheet). */
export function parseStatementRecords(
  records: Array<{ line: number; fields: string[] }>,
  columns: StatementColumns = DEFAULT_STATEMENT_COLUMNS,
): ParsedStatement {
  const header = records[0];
  if (!header)
    throw new BadInputError('statement file is empty (expected a header row)', 'ERR_STATEMENT_LAYOUT');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = {} as Record<keyof StatementColumns, number>;
  const missing: string[] = [];
  for (const [key, name] of Object.entries(columns) as Array<[keyof StatementColumns, string]>) {
    index[key] = names.indexOf(name.trim().toLowerCase());
    if (index[key] < 0 && key !== 'rowType') missing.push(name);
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
    const cell = (k: keyof StatementColumns) => (index[k] < 0 ? '' : (fields[index[k]] ?? '').trim());
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
    const typeCell = cell('rowType').toLowerCase();
    const kind = Object.hasOwn(KINDS, typeCell) ? KINDS[typeCell] : undefined;
    if (!kind)
      problems.push(
        `unknown row type ${JSON.stringify(cell('rowType'))} (expected order, refund, chargeback or fx)`,
      );
    const orderRef = cell('orderRef');
    if (!orderRef && kind !== 'fx') problems.push(`no ${columns.orderRef}`);
    const amount = knownCurrency && kind ? parseAmount(cell('amount'), currency, kind) : null;
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
    // One row of each kind per order (and one fx row) per payout: each is booked under its own reference.
    const twice = payout.rows.find((r) => r.kind === kind && r.orderRef === orderRef);
    if (twice && kind === 'fx')
      problems.push(`payout ${payoutId} has a second fx row (line ${twice.line}): give one total`);
    else if (orderRef && twice)
      problems.push(
        kind === 'order'
          ? `order ${orderRef} is paid twice in payout ${payoutId} (line ${twice.line})`
          : `order ${orderRef} has a second ${kind} row in payout ${payoutId} (line ${twice.line})`,
      );
    for (const reason of problems) payout.problems.push({ line, reason });
    if (!problems.length && kind && amount && typeof amount !== 'string')
      payout.rows.push({ line, kind, orderRef: kind === 'fx' ? '' : orderRef, amount });
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
    const unknown = p.rows.filter((r) => r.kind !== 'fx' && !known.has(r.orderRef));
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
  // The type column only when a row is not an order: the plain layout stays as it was.
  const typed = payouts.some((p) => p.rows.some((r) => r.kind !== 'order'));
  const head = [columns.payoutId, columns.payoutDate, columns.orderRef, columns.currency, columns.amount];
  if (typed) head.push(columns.rowType ?? 'type');
  const lines = [head.map(quote).join(',')];
  for (const p of payouts)
    for (const r of p.rows) {
      const row = [p.payoutId, p.date, r.orderRef, p.currency, formatAmount(r.amount)];
      if (typed) row.push(r.kind);
      lines.push(row.map(quote).join(','));
    }
  return `${lines.join('\n')}\n`;
}

/** Minor units as the statement writes them: "-3.20", "1200" for JPY. */
export function formatAmount(m: Money): string {
  const exp = currencyExponent(m.currency);
  const abs = Math.abs(m.amountMinor);
  const unit = 10 ** exp;
  const whole = Math.trunc(abs / unit);
  const text = exp ? `${whole}.${String(abs % unit).padStart(exp, '0')}` : `${whole}`;
  return m.amountMinor < 0 ? `-${text}` : text;
}
