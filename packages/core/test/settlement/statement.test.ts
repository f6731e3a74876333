import { describe, expect, it } from '@jest/globals';
import { money } from '../../src/money.js';
import { csvRecords } from '../../src/settlement/csv-rows.js';
import { formatStatementCsv, parseStatement, refuseUnknownOrders } from '../../src/settlement/statement.js';

const HEAD = 'payout_id,payout_date,order_ref,currency,amount';

describe('csvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM, with start lines', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n\n';
    expect(csvRecords(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
    ]);
  });
});

describe('parseStatement', () => {
  it('groups rows into payouts with exact totals (JPY without decimals)', () => {
    const text = [
      HEAD,
      'P-1,2026-11-30,PO-1,USD,24.97',
      'P-1,2026-11-30,PO-2,usd,5.5',
      'P-2,2026-11-29,PO-3,JPY,1200',
    ].join('\n');
    const { payouts, rejected } = parseStatement(text);
    expect(rejected).toEqual([]);
    // 24.97 + 5.50 = 30.47 USD; 1200 JPY.
    expect(payouts.map((p) => [p.payoutId, p.date, p.total])).toEqual([
      ['P-1', '2026-11-30', money(3047, 'USD')],
      ['P-2', '2026-11-29', money(1200, 'JPY')],
    ]);
    expect(payouts[0]!.rows.map((r) => [r.line, r.orderRef])).toEqual([
      [2, 'PO-1'],
      [3, 'PO-2'],
    ]);
  });

  it('takes a configured column mapping, in any column order', () => {
    const text =
      'Amount,Currency,Order number,Payout,Date\n"1,000.00",USD,PO-9,X-1,2026-11-30\n10.00,USD,PO-8,X-1,2026-11-30';
    const parsed = parseStatement(text, {
      payoutId: 'Payout',
      payoutDate: 'Date',
      orderRef: 'Order number',
      currency: 'Currency',
      amount: 'Amount',
    });
    // "1,000.00" has a thousands separator: refused, and with it the whole payout X-1.
    expect(parsed.payouts).toEqual([]);
    expect(parsed.rejected).toEqual([
      {
        payoutId: 'X-1',
        problems: [{ line: 2, reason: 'amount "1,000.00" is not a number (expected e.g. 12.34)' }],
      },
    ]);
  });

  it('refuses a payout row by row with line numbers and reasons; other payouts go through', () => {
    const text = [
      HEAD,
      'P-1,2026-11-30,PO-1,USD,10.00',
      'P-1,2026-11-30,PO-2,XXX,3.00',
      'P-1,2026-11-30,PO-3,USD,abc',
      'P-1,2026-11-30,PO-4,USD,-2.00',
      'P-1,2026-11-31,PO-5,USD,1.00',
      'P-1,2026-11-30,PO-1,USD,1.00',
      'P-1,2026-11-30,PO-6,USD,1.001',
      'P-2,2026-11-30,PO-7,USD,7.00',
      'P-2,2026-11-30,PO-8,EUR,7.00',
      'P-3,2026-11-30,PO-9,USD,9.00',
    ].join('\n');
    const { payouts, rejected } = parseStatement(text);
    expect(payouts.map((p) => p.payoutId)).toEqual(['P-3']);
    expect(rejected).toEqual([
      {
        payoutId: 'P-1',
        problems: [
          { line: 3, reason: 'unknown currency "XXX"' },
          { line: 4, reason: 'amount "abc" is not a number (expected e.g. 12.34)' },
          {
            line: 5,
            reason:
              'amount -2.00 is negative (an order row pays an order: no negative amounts; a deduction is a refund or chargeback row)',
          },
          { line: 6, reason: 'payout_date "2026-11-31" is not a date (YYYY-MM-DD)' },
          { line: 7, reason: 'order PO-1 is paid twice in payout P-1 (line 2)' },
          { line: 8, reason: 'amount 1.001 has more than 2 decimals for USD' },
        ],
      },
      { payoutId: 'P-2', problems: [{ line: 10, reason: 'payout P-2 is in USD on an earlier row' }] },
    ]);
  });

  it('refuses the whole file for a wrong layout or a row without a payout', () => {
    expect(() => parseStatement('payout,date,order,currency,amount\nP,2026-11-30,PO,USD,1')).toThrow(
      /wrong column layout: missing "payout_id", "payout_date", "order_ref"/,
    );
    expect(() => parseStatement('')).toThrow(/empty/);
    expect(() => parseStatement(`${HEAD}\n,2026-11-30,PO-1,USD,1.00`)).toThrow(/line 2: no payout_id/);
  });

  it('refuses payouts naming orders the ERP does not know', () => {
    const parsed = parseStatement(
      `${HEAD}\nP-1,2026-11-30,PO-1,USD,1.00\nP-1,2026-11-30,PO-X,USD,2.00\nP-2,2026-11-30,PO-2,USD,3.00`,
    );
    const checked = refuseUnknownOrders(parsed, new Set(['PO-1', 'PO-2']));
    expect(checked.payouts.map((p) => p.payoutId)).toEqual(['P-2']);
    expect(checked.rejected).toEqual([
      { payoutId: 'P-1', problems: [{ line: 3, reason: 'unknown order PO-X' }] },
    ]);
  });

  it('writes the default layout back so that it reads the same', () => {
    const text = `${HEAD}\nP-1,2026-11-30,"PO,1",USD,0.05\nP-2,2026-11-30,PO-2,JPY,120\n`;
    const { payouts } = parseStatement(text);
    expect(formatStatementCsv(payouts)).toBe(text);
  });
});
