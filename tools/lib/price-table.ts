import { currencyExponent } from '@temu-odoo/core';
import type { PricePlanTable } from '@temu-odoo/queues';

const amount = (minor: number | null, currency: string | null): string => {
  if (minor === null) return '-';
  const exp = currencyExponent(currency ?? 'USD');
  return (minor / 10 ** exp).toFixed(exp);
};

/** The plan as a plain-text table: SKU, cost, current, proposed, floor, push, rules fired (or why skipped). */
export function formatPriceTable(table: PricePlanTable): string {
  const head = ['SKU', 'cost', 'current', 'proposed', 'floor', 'push', 'rules / skipped'];
  const rows = table.rows.map((r) => [
    r.sku,
    amount(r.costMinor, r.currency),
    amount(r.currentMinor, r.currency),
    amount(r.proposedMinor, r.currency),
    amount(r.floorMinor, r.currency),
    r.push ? 'yes' : '',
    r.skipped ?? r.rulesFired.join(', '),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 1 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const title = `${table.dryRun ? 'Dry run' : 'Plan'} for shop ${table.shopId} at ${new Date(table.plannedAtMs).toISOString()}: ${table.rows.filter((r) => r.push).length} SKU(s) to push, ${table.rows.filter((r) => r.skipped).length} skipped`;
  return [title, line(head), ...rows.map(line)].join('\n');
}
