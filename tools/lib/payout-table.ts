import { payoutReportRow, type PayoutReportEntry } from '@temu-odoo/queues';

const COLUMNS = [
  'payout',
  'date',
  'orders',
  'ordersMatched',
  'amount',
  'expected',
  'difference',
  'currency',
  'reconciled',
  'rechecks',
  'file',
] as const;

/** The shop's payout reports as plain text, one line per payout (`pnpm ops payouts`). */
export function formatPayoutTable(shopId: string, entries: PayoutReportEntry[]): string {
  if (entries.length === 0) return `Shop ${shopId}: no payout imported yet`;
  const rows = entries.map((e) => {
    const r = payoutReportRow(e);
    return COLUMNS.map((c) => (c === 'reconciled' ? (r[c] ? 'yes' : 'NO') : String(r[c])));
  });
  const head = COLUMNS.map((c) => (c === 'ordersMatched' ? 'matched' : c));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => ([2, 3, 4, 5, 6, 9].includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const open = entries.filter((e) => !e.reconciled).length;
  return [
    `Shop ${shopId}: ${entries.length} payout(s), ${open} not reconciled`,
    line(head),
    ...rows.map(line),
  ].join('\n');
}
