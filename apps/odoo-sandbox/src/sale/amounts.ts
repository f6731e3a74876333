/**
 * Line and document amounts like Odoo's `compute_all` with per-line tax rounding (fixtures
 * order_create: 16.5 × 15 % → 2.48). 18+ reports the line `price_tax` as total − subtotal without
 * rounding (5.549999999999997), 17 the rounded tax (5.55).
 */
import { round } from '../float-round.js';
import type { Env } from '../model-types.js';

export interface LineAmounts {
  subtotal: number;
  tax: number;
  total: number;
  /** `price_tax` as the version reports it. */
  priceTax: number;
}

export function lineAmounts(
  env: Env,
  priceUnit: number,
  qty: number,
  discount: number,
  taxIds: number[],
): LineAmounts {
  const price = priceUnit * (1 - discount / 100);
  let base = round(price * qty);
  const taxes = taxIds.map((id) => env.store.get('account.tax', id)).filter((t) => t !== undefined);
  const included = taxes.filter((t) => t.price_include === true && t.amount_type === 'percent');
  if (included.length > 0) {
    const rate = included.reduce((s, t) => s + Number(t.amount ?? 0), 0) / 100;
    base = round(base / (1 + rate));
  }
  let tax = 0;
  for (const t of taxes) {
    const amount = Number(t.amount ?? 0);
    tax += t.amount_type === 'fixed' ? round(amount * qty) : round((base * amount) / 100);
  }
  tax = round(tax);
  const total = round(base + tax);
  return { subtotal: base, tax, total, priceTax: env.major >= 18 ? total - base : tax };
}

export function sumAmounts(lines: LineAmounts[]) {
  const untaxed = round(lines.reduce((s, l) => s + l.subtotal, 0));
  const tax = round(lines.reduce((s, l) => s + l.tax, 0));
  return { untaxed, tax, total: round(untaxed + tax) };
}
