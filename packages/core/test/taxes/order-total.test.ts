import { describe, expect, it } from '@jest/globals';
import { closingLine, erpTotals, type TaxedAmount } from '../../src/taxes/order-total.js';

// The recorded 3-line order at 7.25 % (fixtures taxes_fiscal_positions, REC-TAX-725):
// 3 × 12.34 = 37.02, 7 × 0.99 = 6.93, 1 × 99.99 = 99.99 → untaxed 143.94.
const recorded: TaxedAmount[] = [
  { subtotalMinor: 3702, ratePercent: 7.25, taxKey: 't725' },
  { subtotalMinor: 693, ratePercent: 7.25, taxKey: 't725' },
  { subtotalMinor: 9999, ratePercent: 7.25, taxKey: 't725' },
];

describe('erpTotals', () => {
  it('rounds per line like Odoo round_per_line (recorded: 143.94 + 10.43 = 154.37)', () => {
    // 37.02 × 7.25 % = 2.68395 → 2.68; 6.93 × 7.25 % = 0.502425 → 0.50; 99.99 × 7.25 % = 7.249275 → 7.25.
    // 2.68 + 0.50 + 7.25 = 10.43 — the recorded amount_tax.
    expect(erpTotals(recorded, 'round_per_line')).toEqual({
      untaxedMinor: 14394,
      taxMinor: 1043,
      totalMinor: 15437,
    });
  });

  it('rounds once per tax like round_globally (143.94 × 7.25 % = 10.43565 → 10.44)', () => {
    expect(erpTotals(recorded, 'round_globally').taxMinor).toBe(1044);
  });

  it('rounds halves away from zero, like Odoo float_round (16.50 × 15 % = 2.475 → 2.48)', () => {
    const half = [{ subtotalMinor: 1650, ratePercent: 15, taxKey: 't15' }];
    expect(erpTotals(half, 'round_per_line').taxMinor).toBe(248);
    expect(erpTotals([{ ...half[0]!, subtotalMinor: -1650 }], 'round_per_line').taxMinor).toBe(-248);
  });

  it('rounds globally per tax, not across different taxes', () => {
    // 0.10 × 5 % = 0.005 per tax: globally each tax rounds 0.005 → 0.01 on its own: 2 taxes → 0.02.
    const lines = [
      { subtotalMinor: 10, ratePercent: 5, taxKey: 'a' },
      { subtotalMinor: 10, ratePercent: 5, taxKey: 'b' },
    ];
    expect(erpTotals(lines, 'round_globally').taxMinor).toBe(2);
    // Same tax: 0.20 × 5 % = 0.01 once.
    expect(
      erpTotals(
        lines.map((l) => ({ ...l, taxKey: 'a' })),
        'round_globally',
      ).taxMinor,
    ).toBe(1);
  });
});

describe('closingLine', () => {
  it('is not needed when the ERP reproduces the buyer total', () => {
    expect(closingLine(recorded, 'round_per_line', 15437)).toBeNull();
  });

  it('closes a globally rounding company to what the buyer paid and calls it rounding', () => {
    // Temu rounds per line: buyer paid 154.37; Odoo round_globally gives 143.94 + 10.44 = 154.38.
    expect(closingLine(recorded, 'round_globally', 15437)).toEqual({ amountMinor: -1, reason: 'rounding' });
  });

  it('calls a difference larger than per-line rounding an adjustment', () => {
    // 3 taxed lines can explain at most 3 minor units; 154.37 vs 154.47 is 10.
    expect(closingLine(recorded, 'round_per_line', 15447)).toEqual({ amountMinor: 10, reason: 'adjustment' });
  });

  it('counts untaxed lines (shipping, discounts) in the total', () => {
    // 143.94 + 10.43 + shipping 4.99 − seller discount 2.00 = 157.36.
    const withCharges = [
      ...recorded,
      { subtotalMinor: 499, ratePercent: 0, taxKey: null },
      { subtotalMinor: -200, ratePercent: 0, taxKey: null },
    ];
    expect(erpTotals(withCharges, 'round_per_line').totalMinor).toBe(15736);
    expect(closingLine(withCharges, 'round_per_line', 15736)).toBeNull();
  });
});
