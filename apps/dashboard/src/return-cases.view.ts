import type { OpenReturnCase } from '@temu-odoo/queues';
import { escapeHtml as h } from './html-escape.js';

export type ShopReturnCase = OpenReturnCase & { shopId: string };

function row(c: ShopReturnCase): string {
  const todo = c.parked ? `parked — ${c.parked}` : (c.attention?.action ?? '');
  return `<tr><td>${h(c.shopId)}</td><td>${h(c.caseRef)}</td><td>${h(c.orderRef)}</td><td>${h(c.kind)}</td><td>${h(c.stage)}</td><td>${h(c.status)}</td><td class="reason">${h(todo)}</td></tr>`;
}

/**
 * After-sales cases on /ops (issue 13): the ones that need a person first (label to upload,
 * inspection overdue, refund to decide, parked bad input) with the action to take, then a count of
 * open cases per stage.
 */
export function renderReturnCases(cases: ShopReturnCase[]): string {
  const needPerson = cases.filter((c) => c.attention !== null || c.parked !== null);
  const byStage = new Map<string, number>();
  for (const c of cases) byStage.set(c.stage, (byStage.get(c.stage) ?? 0) + 1);
  const stages = [...byStage]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([stage, n]) => `${h(stage)}: ${n}`)
    .join(' · ');
  const table = needPerson.length
    ? `<table><tr><th>shop</th><th>case</th><th>order</th><th>kind</th><th>stage</th><th>Temu status</th><th>what to do</th></tr>${needPerson.map(row).join('')}</table>`
    : '<p>No after-sales case needs a person.</p>';
  return `<h2>After-sales cases</h2>
<p>Open: ${cases.length}${stages ? ` (${stages})` : ''}</p>
${table}`;
}
