import { describe, expect, it } from '@jest/globals';
import { money } from '../../src/money.js';
import { adjustmentRef } from '../../src/settlement/import-statement.js';
import { formatAmount, formatStatementCsv, parseStatement } from '../../src/settlement/statement.js';

const HEAD = 'payout_id,payout_date,order_ref,currency,amount,type';

describe('statement rows that are not orders (refund, chargeback, fx)', () => {
  it('books a payout as orders minus refunds and chargebacks plus the exchange difference', () => {
    const text = [
      HEAD,
      'P-1,2026-11-30,PO-1,EUR,24.97,order',
      'P-1,2026-11-30,PO-2,EUR,10.00,', // empty type: an order
      'P-1,2026-11-30,PO-1,EUR,-7.49,refund',
      'P-1,2026-11-30,PO-2,EUR,-3.20,Chargeback',
      'P-1,2026-11-30,,EUR,-0.08,fx',
    ].join('\n');
    const { payouts, rejected } = parseStatement(text);
    expect(rejected).toEqual([]);
    // By hand: 24.97 + 10.00 − 7.49 − 3.20 − 0.08 = 24.20 EUR.
    expect(payouts[0]!.total).toEqual(money(2420, 'EUR'));
    expect(payouts[0]!.rows.map((r) => [r.line, r.kind, r.orderRef, r.amount.amountMinor])).toEqual([
      [2, 'order', 'PO-1', 2497],
      [3, 'order', 'PO-2', 1000],
      [4, 'refund', 'PO-1', -749],
      [5, 'chargeback', 'PO-2', -320],
      [6, 'fx', '', -8],
    ]);
  });

  it('refuses the payout naming the line: a positive refund, a zero chargeback, a second fx row, an unknown type', () => {
    const text = [
      HEAD,
      'P-1,2026-11-30,PO-1,USD,5.00,refund',
      'P-2,2026-11-30,PO-2,USD,0.00,chargeback',
      'P-3,2026-11-30,,USD,0.01,fx',
      'P-3,2026-11-30,,USD,0.02,fx',
      'P-4,2026-11-30,PO-4,USD,1.00,bonus',
      'P-5,2026-11-30,,USD,-1.00,refund',
      'P-6,2026-11-30,PO-6,USD,-1.00,order',
      'P-7,2026-11-30,PO-7,USD,1.00,order',
    ].join('\n');
    const { payouts, rejected } = parseStatement(text);
    expect(payouts.map((p) => p.payoutId)).toEqual(['P-7']);
    expect(rejected).toEqual([
      {
        payoutId: 'P-1',
        problems: [
          { line: 2, reason: 'refund amount 5.00 must be negative (the refund is deducted from the payout)' },
        ],
      },
      { payoutId: 'P-2', problems: [{ line: 3, reason: 'chargeback amount is 0' }] },
      {
        payoutId: 'P-3',
        problems: [{ line: 5, reason: 'payout P-3 has a second fx row (line 4): give one total' }],
      },
      {
        payoutId: 'P-4',
        problems: [
          { line: 6, reason: 'unknown row type "bonus" (expected order, refund, chargeback or fx)' },
        ],
      },
      { payoutId: 'P-5', problems: [{ line: 7, reason: 'no order_ref' }] },
      {
        payoutId: 'P-6',
        problems: [
          {
            line: 8,
            reason:
              'amount -1.00 is negative (an order row pays an order: no negative amounts; a deduction is a refund or chargeback row)',
          },
        ],
      },
    ]);
  });

  it('allows an order and its refund in one payout but not two refunds of one order', () => {
    const text = [
      HEAD,
      'P-1,2026-11-30,PO-1,USD,9.99,order',
      'P-1,2026-11-30,PO-1,USD,-1.00,refund',
      'P-1,2026-11-30,PO-1,USD,-2.00,refund',
    ].join('\n');
    expect(parseStatement(text).rejected).toEqual([
      {
        payoutId: 'P-1',
        problems: [{ line: 4, reason: 'order PO-1 has a second refund row in payout P-1 (line 3)' }],
      },
    ]);
  });

  it('writes the type column only when needed and reads back what it wrote; refs are unique per kind', () => {
    const text = [HEAD, 'P-1,2026-11-30,PO-1,JPY,1200,order', 'P-1,2026-11-30,PO-1,JPY,-300,refund'].join(
      '\n',
    );
    const { payouts } = parseStatement(text);
    expect(formatStatementCsv(payouts)).toBe(`${text}\n`);
    expect(formatAmount(money(-5, 'USD'))).toBe('-0.05');
    expect(parseStatement(formatStatementCsv(payouts)).payouts).toEqual(payouts);
    expect([
      adjustmentRef('refund', 'P-1', 'PO-1'),
      adjustmentRef('chargeback', 'P-1', 'PO-1'),
      adjustmentRef('fx', 'P-1', ''),
    ]).toEqual(['REFUND-PO-1', 'CHARGEBACK-P-1-PO-1', 'FX-P-1']);
  });
});
