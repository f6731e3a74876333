import {
  stockRequestField,
  type ReplenishmentPlanRow,
  type ReplenishmentPlanTable,
  type ReplenishmentShipmentRow,
  type StockRequestRecord,
} from '@temu-odoo/queues';
import { escapeHtml as h } from './html-escape.js';

/** Which shipments carry a SKU, e.g. "501-2026-05-05-1: 5 ctn; 501-2026-05-05-2: 2 ctn". */
export function shipmentsOf(plan: ReplenishmentPlanTable, warehouseId: string, sku: string): string {
  return plan.shipments
    .filter((s) => s.warehouseId === warehouseId)
    .flatMap((s) => s.lines.filter((l) => l.sku === sku).map((l) => `${s.shipmentId}: ${l.cartons} ctn`))
    .join('; ');
}

/** What Temu was asked for a shipment, per SKU: "FM-MUG requested WB…", "FM-LAMP refused 1002 …". */
export function stockRequestOf(
  shipment: ReplenishmentShipmentRow,
  requests: ReadonlyMap<string, StockRequestRecord>,
): string {
  return shipment.lines
    .flatMap((l) => {
      const r = requests.get(stockRequestField(shipment.warehouseId, shipment.shipmentId, l.sku));
      if (!r) return [];
      if (r.state === 'requested') return [`${l.sku} requested${r.purchaseRef ? ` ${r.purchaseRef}` : ''}`];
      if (r.state === 'refused') return [`${l.sku} refused ${r.code} ${r.reason}`];
      return [`${l.sku} being applied`];
    })
    .join('; ');
}

/**
 * `/ops/replenishment/<shop>`: the last plan per Temu warehouse — per SKU the forecast, stock, what
 * to ship and by when; then the shipments, and the button that drafts them as Odoo transfers.
 */
export function renderReplenishmentPage(
  shopId: string,
  plan: ReplenishmentPlanTable | null,
  notice: string | null,
  requests: ReadonlyMap<string, StockRequestRecord> = new Map(),
): string {
  const sid = encodeURIComponent(shopId);
  const body = plan
    ? `<p>Plan ${h(plan.planId)} made ${h(new Date(plan.plannedAtMs).toISOString())}: lead time ${plan.rules.leadTimeDays} d, safety ${plan.rules.safetyDays} d, review ${plan.rules.reviewDays} d, at most ${plan.rules.maxCartonsPerShipment} cartons a shipment. <a href="/ops/replenishment/${sid}/plan.csv">CSV</a></p>
${[...new Set(plan.rows.map((r) => r.warehouseId))]
  .map((wid) => {
    const rows = plan.rows.filter((r) => r.warehouseId === wid);
    return `<h2>${h(rows[0]!.warehouseName)} (${h(wid)})</h2>
<table><tr><th>SKU</th><th>forecast / day</th><th>basis</th><th>on hand</th><th>in transit</th><th>target</th><th>days of cover</th><th>cartons</th><th>units</th><th>ship by</th><th>late</th><th>shipments</th></tr>${rows
      .map(
        (r) =>
          `<tr><td>${h(r.sku)}</td><td>${r.forecastPerDay}</td><td>${h(basisLabel(r))}</td><td>${r.onHand}</td><td>${r.inTransit}</td><td>${r.target}</td><td>${r.daysOfCover}</td><td>${r.cartons}</td><td>${r.units}</td><td>${r.cartons > 0 ? h(r.shipBy) : ''}</td><td>${r.late ? 'LATE' : ''}</td><td>${h(shipmentsOf(plan, wid, r.sku))}</td></tr>`,
      )
      .join('')}</table>`;
  })
  .join('\n')}
<h2>Shipments</h2>
<table><tr><th>shipment</th><th>warehouse</th><th>ship by</th><th>cartons</th><th>units</th><th>lines</th><th>Odoo transfer</th><th>Temu stock request</th></tr>${plan.shipments
        .map(
          (s) =>
            `<tr><td>${h(s.shipmentId)}</td><td>${h(s.warehouseName)}</td><td>${h(s.shipBy)}</td><td>${s.cartons}</td><td>${s.units}</td><td>${h(s.lines.map((l) => `${l.sku} × ${l.units}`).join(', '))}</td><td>${s.transferId ?? ''}</td><td>${h(stockRequestOf(s, requests))}</td></tr>`,
        )
        .join('')}</table>
${
  plan.shipments.length > 0
    ? `<form method="post" action="/ops/replenishment/${sid}/transfers"><input type="hidden" name="planId" value="${h(plan.planId)}"><button type="submit">Create draft transfers in Odoo</button></form>
<form method="post" action="/ops/replenishment/${sid}/apply"><input type="hidden" name="planId" value="${h(plan.planId)}"><button type="submit">Ask Temu to buy these shipments (purchase orders)</button></form>`
    : '<p>Nothing to ship.</p>'
}
${plan.skipped.length > 0 ? `<h2>Left out</h2><ul>${plan.skipped.map((s) => `<li>${h(s.warehouseId)} ${h(s.sku)}: ${h(s.reason)}</li>`).join('')}</ul>` : ''}`
    : `<p>No replenishment plan yet for this shop: run <code>pnpm ops replenishment --shop ${h(shopId)}</code>.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>replenishment ${h(shopId)}</title></head><body>
<h1>Replenishment of shop ${h(shopId)}</h1>
<p><a href="/ops">operations</a></p>
${notice ? `<p><strong>${h(notice)}</strong></p>` : ''}
${body}
</body></html>`;
}

const CSV_HEADER = [
  'warehouse_id',
  'warehouse_name',
  'sku',
  'forecast_per_day',
  'forecast_basis',
  'history_days',
  'on_hand',
  'in_transit',
  'target',
  'days_of_cover',
  'cartons',
  'units_per_carton',
  'units',
  'ship_by',
  'late',
  'shipments',
];

/** One CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet shows text. */
function csvField(value: string | number | boolean): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function replenishmentCsv(plan: ReplenishmentPlanTable): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of plan.rows)
    lines.push(
      [
        r.warehouseId,
        r.warehouseName,
        r.sku,
        r.forecastPerDay,
        r.forecastBasis,
        r.historyDays,
        r.onHand,
        r.inTransit,
        r.target,
        r.daysOfCover,
        r.cartons,
        r.unitsPerCarton,
        r.units,
        r.cartons > 0 ? r.shipBy : '',
        r.late,
        shipmentsOf(plan, r.warehouseId, r.sku),
      ]
        .map(csvField)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

/** Where the row's demand per day came from, in a seller's words (core `chooseDemand`). */
function basisLabel(r: ReplenishmentPlanRow): string {
  if (r.forecastBasis === 'history') return `${r.historyDays} d history`;
  if (r.forecastBasis === 'purchase_orders') return 'Temu purchase orders, 30 d';
  return 'Temu 30-day count';
}
