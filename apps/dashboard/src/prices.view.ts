import { currencyExponent } from '@temu-odoo/core';
import type { PricePlanTable } from '@temu-odoo/queues';
import { escapeHtml as h } from './html-escape.js';

// Minor units → decimals for display only, with the currency's own number of decimals.
const amount = (minor: number | null, currency: string | null) => {
  if (minor === null) return '';
  const exp = currencyExponent(currency ?? 'USD');
  return (minor / 10 ** exp).toFixed(exp);
};

/** `/ops/prices/<shop>`: the same table as `pnpm ops prices`. */
export function renderPricesPage(shopId: string, plan: PricePlanTable | null): string {
  const body = plan
    ? `<p>${plan.dryRun ? 'Dry run' : 'Plan'} at ${h(new Date(plan.plannedAtMs).toISOString())}: ${plan.rows.filter((r) => r.push).length} SKU(s) to push, ${plan.rows.filter((r) => r.skipped).length} skipped.</p>
<table><tr><th>SKU</th><th>cost</th><th>current</th><th>proposed</th><th>floor</th><th>push</th><th>rules / skipped</th></tr>${plan.rows
        .map(
          (r) =>
            `<tr><td>${h(r.sku)}</td><td>${amount(r.costMinor, r.currency)}</td><td>${amount(r.currentMinor, r.currency)}</td><td>${amount(r.proposedMinor, r.currency)}</td><td>${amount(r.floorMinor, r.currency)}</td><td>${r.push ? 'yes' : ''}</td><td>${h(r.skipped ?? r.rulesFired.join(', '))}</td></tr>`,
        )
        .join('')}</table>`
    : `<p>No price plan yet for this shop: run <code>pnpm ops prices --shop ${h(shopId)} --dry-run</code>.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>prices ${h(shopId)}</title></head><body>
<h1>Prices of shop ${h(shopId)}</h1>
<p><a href="/ops">operations</a></p>
${body}
</body></html>`;
}
