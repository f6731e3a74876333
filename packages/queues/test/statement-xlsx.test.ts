import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { money, parseStatement } from '@temu-odoo/core';
import { xlsxStatementToCsv } from '../src/statement-xlsx.js';

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Statement');
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('XLSX statements', () => {
  it('go through the same row checks as CSV, errors naming the sheet row', async () => {
    const data = await workbook([
      ['payout_id', 'payout_date', 'order_ref', 'currency', 'amount', 'type'],
      ['P-1', new Date('2026-11-30T00:00:00Z'), 'PO-1', 'GBP', 24.97, 'order'],
      ['P-1', '2026-11-30', 'PO-1', 'GBP', -4.5, 'refund'],
      ['P-2', '2026-11-30', 'PO-2, gift', 'GBP', 'n/a', 'order'],
    ]);
    const csv = await xlsxStatementToCsv(data);
    const { payouts, rejected } = parseStatement(csv);
    // By hand: 24.97 − 4.50 = 20.47 GBP.
    expect(payouts.map((p) => [p.payoutId, p.date, p.total])).toEqual([
      ['P-1', '2026-11-30', money(2047, 'GBP')],
    ]);
    expect(rejected).toEqual([
      {
        payoutId: 'P-2',
        problems: [{ line: 4, reason: 'amount "n/a" is not a number (expected e.g. 12.34)' }],
      },
    ]);
  });

  it('refuses a file that is not a workbook, by name', async () => {
    await expect(xlsxStatementToCsv(new TextEncoder().encode('payout_id,amount\n'))).rejects.toThrow(
      /statement file is not a readable XLSX workbook/,
    );
  });
});
