import { payoutReportRow, type PayoutReportEntry } from '@temu-odoo/queues';
import { escapeHtml as h } from './html-escape.js';

export interface ShopPayouts {
  shopId: string;
  entries: PayoutReportEntry[];
}

/** Newest payouts shown per shop; `pnpm ops payouts --shop X` prints them all. */
export const PAYOUTS_SHOWN_PER_SHOP = 20;

function row(shopId: string, e: PayoutReportEntry): string {
  const r = payoutReportRow(e);
  const cells = [r.orders, r.ordersMatched, r.amount, r.expected, r.difference]
    .map((v) => `<td class="n">${h(String(v))}</td>`)
    .join('');
  return `<tr><td>${h(shopId)}</td><td>${h(e.payoutId)}</td><td>${h(e.date)}</td>${cells}<td>${h(e.currency)}</td><td>${e.reconciled ? 'yes' : '<b>no</b>'}</td><td class="n">${e.rechecks}</td><td>${h(e.fileName)}</td></tr>`;
}

/**
 * Payouts on /ops (issue 11): per shop the payouts not reconciled first (settlement.reconcile keeps
 * matching them), then the newest reconciled ones.
 */
export function renderPayouts(shops: ShopPayouts[]): string {
  const rows = shops.flatMap((s) => {
    const open = s.entries.filter((e) => !e.reconciled);
    const done = s.entries.filter((e) => e.reconciled);
    return [...open, ...done]
      .slice(0, Math.max(PAYOUTS_SHOWN_PER_SHOP, open.length))
      .map((e) => row(s.shopId, e));
  });
  const open = shops.reduce((n, s) => n + s.entries.filter((e) => !e.reconciled).length, 0);
  const table = rows.length
    ? `<table><tr><th>shop</th><th>payout</th><th>date</th><th>orders</th><th>matched</th><th>amount</th><th>expected</th><th>difference</th><th>currency</th><th>reconciled</th><th>rechecks</th><th>file</th></tr>${rows.join('')}</table>`
    : '<p>No payout imported yet.</p>';
  return `<h2>Payouts</h2>
<p>Not reconciled: ${open}<small> — a payout whose orders were not all settled when its statement came is matched again by settlement.reconcile; <code>pnpm ops payouts --shop X</code> lists all.</small></p>
${table}`;
}
