/**
 * Company-currency amounts of an invoice (fixtures currency_rates, docs/odoo-api.md "Currencies"):
 * `res.currency.rate.rate` is units of the currency per 1 company currency, taken at the invoice
 * date (the latest rate on or before it; else the oldest rate; else 1.0, like Odoo's `_get_rates`).
 * 18+ converts each product line and the total, the tax being the difference; 17 and 16 convert
 * the tax line on its own, which can differ by a cent (EUR 41.22 at 0.92: 44.80 on 18, 44.81 on 17).
 */
import type { Env, Rec } from '../model-types.js';
import { round } from '../float-round.js';
import { formatDate } from '../clock.js';
import { invoiceLines, moveAmounts, moveLineAmounts, residual } from './invoice-amounts.js';

const COMPANY_CURRENCY = 1;

export function rateAt(env: Env, currencyId: number, date: string): number {
  if (currencyId === COMPANY_CURRENCY) return 1.0;
  const rates = env.store
    .all('res.currency.rate')
    .filter((r) => r.currency_id === currencyId && typeof r.name === 'string')
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const before = rates.filter((r) => String(r.name) <= date);
  const rate = (before[before.length - 1] ?? rates[0])?.rate;
  return typeof rate === 'number' && rate > 0 ? rate : 1.0;
}

function moveDate(env: Env, move: Rec): string {
  return String(move.invoice_date || move.date || formatDate(env.now));
}

export function invoiceRate(env: Env, move: Rec): number {
  return rateAt(env, Number(move.currency_id ?? COMPANY_CURRENCY), moveDate(env, move));
}

/** −1 for the types whose lines are debits in Odoo (credit notes, vendor bills), else +1. */
function sign(move: Rec): number {
  return move.move_type === 'out_refund' || move.move_type === 'in_invoice' ? -1 : 1;
}

export function companyAmounts(env: Env, move: Rec): { untaxed: number; tax: number; total: number } {
  const doc = moveAmounts(env, move);
  if (move.move_type === 'entry') return doc;
  const rate = invoiceRate(env, move);
  const conv = (x: number) => round(x / rate);
  const untaxed = round(
    invoiceLines(env, move).reduce((s, l) => s + conv(moveLineAmounts(env, l).subtotal), 0),
  );
  const total = env.major >= 18 ? conv(doc.total) : round(untaxed + conv(doc.tax));
  const sg = sign(move);
  return { untaxed: sg * untaxed, tax: sg * round(total - untaxed), total: sg * total };
}

export function companyResidual(env: Env, move: Rec): number {
  if (move.move_type === 'entry') return 0;
  return sign(move) * round(residual(env, move) / invoiceRate(env, move));
}
