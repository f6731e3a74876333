import { describe, expect, it } from '@jest/globals';
import { money } from '../../src/money.js';
import { settleOrder } from '../../src/settlement/order-settlement.js';

const usd = (n: number) => money(n, 'USD');

describe('settleOrder', () => {
  // A sandbox-shaped order: retail 2 × 12.49 = 24.98, base 2 × 9.99 = 19.98, tax 7.25 % of 24.98
  // = 1.81105 → 1.81, shipping 4.99. Paid 24.98 + 1.81 + 4.99 = 31.78; revenue base + shipping = 24.97.
  const amounts = {
    customerPaid: usd(3178),
    estimatedRevenue: usd(2497),
    estimatedRevenueDeduction: usd(0),
    taxTotal: usd(181),
  };

  it('splits what Temu keeps into collected tax and commission when Temu remits the tax', () => {
    // Kept 31.78 − 24.97 = 6.81 = tax 1.81 + commission (retail − base) 5.00.
    expect(settleOrder(amounts, true)).toEqual({
      invoiceTotal: usd(3178),
      marketplaceTax: usd(181),
      deduction: usd(0),
      commission: usd(500),
      owedBySeller: usd(2497),
    });
  });

  it('counts everything Temu keeps as commission when the seller remits the tax', () => {
    expect(settleOrder(amounts, false).commission).toEqual(usd(681));
  });

  it('books deductions on their own and keeps invoice − kept = what Temu owes', () => {
    const s = settleOrder(
      { ...amounts, estimatedRevenue: usd(2397), estimatedRevenueDeduction: usd(100) },
      true,
    );
    // Kept 31.78 − 23.97 = 7.81 = tax 1.81 + deduction 1.00 + commission 5.00.
    expect([s.marketplaceTax, s.deduction, s.commission]).toEqual([usd(181), usd(100), usd(500)]);
    expect(
      s.invoiceTotal.amountMinor -
        s.marketplaceTax.amountMinor -
        s.deduction.amountMinor -
        s.commission.amountMinor,
    ).toBe(s.owedBySeller.amountMinor);
  });

  it('refuses amounts that do not add up or mix currencies', () => {
    expect(() => settleOrder({ ...amounts, estimatedRevenue: usd(3100) }, true)).toThrow(/do not add up/);
    expect(() => settleOrder({ ...amounts, taxTotal: money(181, 'EUR') }, true)).toThrow(/mix USD and EUR/);
  });
});
