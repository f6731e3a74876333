/**
 * The ERP's order total, computed the way Odoo computes it, so that a closing line can make the
 * ERP total equal what the buyer paid on the marketplace to the minor unit.
 *
 * Odoo (company setting `tax_calculation_rounding_method`, docs/odoo-api.md "Taxes and totals"):
 * - `round_per_line`: each line's tax is rounded to the currency, then summed;
 * - `round_globally`: the unrounded taxes of all lines are summed per tax, then rounded once.
 * Rounding is half away from zero (Odoo's `float_round`). The marketplace rounds per line, so on a
 * globally rounding company (or where the marketplace's own rounding differs) the two totals can be
 * a few minor units apart: the closing line (no tax) takes that difference and says so.
 */
export type TaxRoundingMode = 'round_per_line' | 'round_globally';

export interface TaxedAmount {
  /** Quantity × unit price, in minor units (exact: Odoo keeps 2-decimal unit prices). */
  subtotalMinor: number;
  /** Tax rate in percent (7.25), 0 for none. */
  ratePercent: number;
  /** Identity of the ERP tax (lines with the same key are rounded together globally). */
  taxKey: string | null;
}

export interface ErpTotals {
  untaxedMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/** Rates are kept to 4 decimals of a percent: percent × 10^4 is an integer. */
const RATE_SCALE = 1_000_000; // 100 (percent) × 10^4 (decimals)

function rateUnits(ratePercent: number): number {
  return Math.round(ratePercent * 10_000);
}

/** numerator / RATE_SCALE rounded half away from zero, in integers (no float drift). */
function roundedTax(numerator: number): number {
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  const q = Math.floor(abs / RATE_SCALE);
  const r = abs - q * RATE_SCALE;
  return sign * (2 * r >= RATE_SCALE ? q + 1 : q);
}

export function erpTotals(lines: TaxedAmount[], mode: TaxRoundingMode): ErpTotals {
  const untaxedMinor = lines.reduce((s, l) => s + l.subtotalMinor, 0);
  let taxMinor = 0;
  if (mode === 'round_per_line') {
    for (const l of lines) taxMinor += roundedTax(l.subtotalMinor * rateUnits(l.ratePercent));
  } else {
    const perTax = new Map<string, number>();
    for (const l of lines) {
      if (l.taxKey === null || l.ratePercent === 0) continue;
      perTax.set(l.taxKey, (perTax.get(l.taxKey) ?? 0) + l.subtotalMinor * rateUnits(l.ratePercent));
    }
    for (const numerator of perTax.values()) taxMinor += roundedTax(numerator);
  }
  return { untaxedMinor, taxMinor, totalMinor: untaxedMinor + taxMinor };
}

export interface ClosingLine {
  amountMinor: number;
  /**
   * `rounding`: within what per-line rounding can explain (≤ 1 minor unit per taxed line);
   * `adjustment`: larger, i.e. the marketplace's amounts do not add up the ERP's way (shown as such).
   */
  reason: 'rounding' | 'adjustment';
}

/** The untaxed line that makes the ERP total equal `expectedTotalMinor`, or null when none is needed. */
export function closingLine(
  lines: TaxedAmount[],
  mode: TaxRoundingMode,
  expectedTotalMinor: number,
): ClosingLine | null {
  const diff = expectedTotalMinor - erpTotals(lines, mode).totalMinor;
  if (diff === 0) return null;
  const taxedLines = lines.filter((l) => l.ratePercent !== 0).length;
  return { amountMinor: diff, reason: Math.abs(diff) <= Math.max(1, taxedLines) ? 'rounding' : 'adjustment' };
}
