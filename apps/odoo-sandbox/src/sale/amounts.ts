/**
 * Line and document amounts like Odoo's `compute_all` (fixtures order_create: 16.5 × 15 % → 2.48).
 * 18+ reports the line `price_tax` as total − subtotal without rounding (5.549999999999997), 17 the
 * rounded tax (5.55). Document totals follow the company's `tax_calculation_rounding_method`:
 * `round_per_line` sums the rounded line taxes (fixtures taxes_fiscal_positions: 143.94 at 7.25 % →
 * 10.43), `round_globally` rounds the sum of the unrounded taxes once per tax (→ 10.44).
 */
import { round as roundTo } from '../float-round.js';
import type { Env } from '../model-types.js';

export interface LineAmounts {
  subtotal: number;
  tax: number;
  total: number;
  /** `price_tax` as the version reports it. */
  priceTax: number;
  /** Unrounded tax per tax id (for a globally rounding company). */
  rawTaxes: Array<[number, number]>;
}

/** Decimal places of a currency from its `rounding` (0.01 → 2, JPY's 1 → 0). */
export function currencyDigits(env: Env, currencyId: number): number {
  const rounding = Number(env.store.get('res.currency', currencyId)?.rounding ?? 0.01);
  return Math.max(0, Math.round(-Math.log10(rounding > 0 ? rounding : 0.01)));
}

export function lineAmounts(
  env: Env,
  priceUnit: number,
  qty: number,
  discount: number,
  taxIds: number[],
  digits = 2,
): LineAmounts {
  const round = (v: number) => roundTo(v, digits);
  const price = priceUnit * (1 - discount / 100);
  let base = round(price * qty);
  const taxes = taxIds.map((id) => env.store.get('account.tax', id)).filter((t) => t !== undefined);
  const included = taxes.filter((t) => t.price_include === true && t.amount_type === 'percent');
  if (included.length > 0) {
    const rate = included.reduce((s, t) => s + Number(t.amount ?? 0), 0) / 100;
    base = round(base / (1 + rate));
  }
  let tax = 0;
  const rawTaxes: Array<[number, number]> = [];
  for (const t of taxes) {
    const amount = Number(t.amount ?? 0);
    const raw = t.amount_type === 'fixed' ? amount * qty : (base * amount) / 100;
    rawTaxes.push([t.id, raw]);
    tax += round(raw);
  }
  tax = round(tax);
  const total = round(base + tax);
  return { subtotal: base, tax, total, priceTax: env.major >= 18 ? total - base : tax, rawTaxes };
}

export function roundsGlobally(env: Env): boolean {
  return env.store.get('res.company', 1)?.tax_calculation_rounding_method === 'round_globally';
}

export function sumAmounts(env: Env, lines: LineAmounts[], digits = 2) {
  const round = (v: number) => roundTo(v, digits);
  const untaxed = round(lines.reduce((s, l) => s + l.subtotal, 0));
  let tax: number;
  if (roundsGlobally(env)) {
    const perTax = new Map<number, number>();
    for (const l of lines) for (const [id, raw] of l.rawTaxes) perTax.set(id, (perTax.get(id) ?? 0) + raw);
    tax = round([...perTax.values()].reduce((s, raw) => s + round(raw), 0));
  } else tax = round(lines.reduce((s, l) => s + l.tax, 0));
  return { untaxed, tax, total: round(untaxed + tax) };
}
