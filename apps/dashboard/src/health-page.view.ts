import { METRIC_THRESHOLDS, SELLER_METRICS, formatLeft } from '@temu-odoo/core';
import { SELLER_METRIC_GAUGES, type ShopHealthSnapshot } from '@temu-odoo/queues';
import { gaugeOf, type GaugeValue, type HealthData } from './health-data.js';
import { escapeHtml as h } from './html-escape.js';
import { sparkline } from './sparkline.js';

const METRIC_GAUGE = SELLER_METRIC_GAUGES;

export type Format = 'percent' | 'count' | 'seconds' | 'days';

/** How a gauge value is written on the page (the browser test applies the same rule to /metrics). */
export function formatValue(value: number, format: Format): string {
  switch (format) {
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'count':
      return String(Math.round(value));
    case 'seconds':
      return `${value.toFixed(1)} s`;
    case 'days':
      return `${Math.round(value)} d`;
  }
}

function labelText(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

/** One number, tagged with the series it comes from so it can be checked against /metrics. */
function gaugeCell(data: HealthData, name: string, labels: Record<string, string>, format: Format): string {
  const g: GaugeValue | null = gaugeOf(data, name, labels);
  const attrs = `data-gauge="temu_odoo_${h(name)}" data-labels="${h(labelText(labels))}" data-format="${format}"`;
  return g
    ? `<span class="v" ${attrs} data-value="${g.value}">${h(formatValue(g.value, format))}</span>`
    : `<span class="v none" ${attrs} data-value="">—</span>`;
}

function metricRows(data: HealthData, shop: string, snap: ShopHealthSnapshot | undefined): string {
  return SELLER_METRICS.map((name) => {
    const t = METRIC_THRESHOLDS[name];
    const cells = ['7', '30']
      .map((w) => {
        const m = snap?.metrics[w]?.[name];
        const counts = m && m.denominator ? `<small>${m.numerator}/${m.denominator}</small>` : '';
        const g = gaugeOf(data, METRIC_GAUGE[name], { shop, window: `${w}d` });
        const miss = g && (t.direction === 'above' ? g.value <= t.target : g.value >= t.target);
        return `<td class="${miss ? 'bad' : g ? 'ok' : ''}">${gaugeCell(data, METRIC_GAUGE[name], { shop, window: `${w}d` }, 'percent')} ${counts}</td>`;
      })
      .join('');
    return `<tr><th>${h(t.label)}<br><small>target ${t.direction === 'above' ? '&gt;' : '&lt;'} ${(t.target * 100).toFixed(0)}%</small></th>${cells}</tr>`;
  }).join('');
}

function atRiskList(snap: ShopHealthSnapshot | undefined, nowMs: number): string {
  if (!snap || !snap.atRisk.length) return '<p>No order at risk.</p>';
  const rows = snap.atRisk
    .map((o) => {
      const left = o.shipByMs - nowMs;
      const cls = left < 0 ? 'bad' : o.risk === 'urgent' ? 'warn' : '';
      return `<tr class="${cls}"><td>${h(o.orderRef)}</td><td>${h(new Date(o.shipByMs).toISOString().slice(0, 16).replace('T', ' '))}</td><td>${h(formatLeft(left))}</td></tr>`;
    })
    .join('');
  const more =
    snap.atRiskTotal + snap.overdueTotal > snap.atRisk.length
      ? `<p><small>Soonest ${snap.atRisk.length} listed.</small></p>`
      : '';
  return `<table><tr><th>order</th><th>ship by (UTC)</th><th>time left</th></tr>${rows}</table>${more}`;
}

function shopCard(data: HealthData, shop: string): string {
  const snap = data.snapshots.find((s) => s.shopId === shop);
  const l = { shop };
  const evaluated = snap
    ? `evaluated ${h(new Date(snap.evaluatedAtMs).toISOString().slice(11, 19))} UTC`
    : 'not evaluated yet';
  return `<section class="card" data-shop="${h(shop)}"><h2>${h(shop)} <small>${evaluated}</small></h2>
<div class="kpis">
<div><small>orders imported today</small>${gaugeCell(data, 'orders_imported_today', l, 'count')}</div>
<div><small>lag p50</small>${gaugeCell(data, 'order_lag_p50_seconds', l, 'seconds')}</div>
<div><small>lag p95</small>${gaugeCell(data, 'order_lag_p95_seconds', l, 'seconds')}</div>
<div><small>stock pushes today</small>${gaugeCell(data, 'stock_pushes_today', l, 'count')}</div>
<div><small>oversell rate</small>${gaugeCell(data, 'oversell_rate', l, 'percent')}</div>
<div><small>token expires in</small>${gaugeCell(data, 'token_days_to_expiry', l, 'days')}</div>
<div><small>orders at risk</small>${gaugeCell(data, 'orders_at_risk', l, 'count')}</div>
<div><small>overdue</small>${gaugeCell(data, 'orders_overdue', l, 'count')}</div>
</div>
<h3>Seller metrics</h3>
<table class="metrics"><tr><th></th><th>7 days</th><th>30 days</th></tr>${metricRows(data, shop, snap)}</table>
${snap ? `<p><small>ship-by compliance per day, last 30 days (dashed: target)</small><br>${sparkline(snap.complianceTrend, METRIC_THRESHOLDS.shipByCompliance.target, 300, 40)}</p>` : ''}
<h3>Orders at risk</h3>${atRiskList(snap, data.nowMs)}</section>`;
}

function fleetCard(data: HealthData): string {
  const parked = data.parked.length
    ? `<table><tr><th>queue</th><th>job</th><th>reason</th><th>jobs</th></tr>${data.parked
        .map(
          (p) =>
            `<tr><td>${h(p.queue)}</td><td>${h(p.job)}</td><td class="reason">${h(p.reason)}</td><td class="n">${p.count}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>No parked jobs.</p>';
  const groups = ['orders', 'inventory', 'products', 'shipping', 'finance'];
  const quota = groups
    .map(
      (group) =>
        `<div><small>${group}</small>${gaugeCell(data, 'temu_calls_last_hour', { group }, 'count')}</div>`,
    )
    .join('');
  return `<section class="card"><h2>Fleet</h2><h3>Temu calls per endpoint group, last hour</h3><div class="kpis">${quota}</div>
<h3>Parked jobs by reason</h3>${parked}<p><a href="/ops">Replay on /ops</a></p></section>`;
}

const STYLE = `body{font:15px/1.4 system-ui,sans-serif;margin:0;padding:.75rem;color:#222;background:#f6f6f6}
h1{font-size:1.3rem;margin:.25rem 0 .75rem}h2{font-size:1.1rem;margin:0 0 .5rem}h3{font-size:.95rem;margin:.75rem 0 .25rem}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.75rem;margin:0 0 .75rem;max-width:60rem}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.5rem,1fr));gap:.5rem}
.kpis div{border:1px solid #eee;border-radius:4px;padding:.35rem .5rem}.kpis small{display:block;color:#666}
.kpis .v{font-size:1.2rem;font-weight:600}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:.25rem .35rem;text-align:left;vertical-align:top}
td.ok .v{color:#181}td.bad .v,tr.bad td{color:#b00}tr.warn td{color:#a60}.none{color:#999}
.reason{font-family:monospace;font-size:12px;word-break:break-word}td.n{text-align:right}small{color:#666}`;

/** The business health page: per shop, then the fleet. Server-rendered; no script. */
export function renderHealthPage(data: HealthData): string {
  const shops = data.shops.length
    ? data.shops.map((s) => shopCard(data, s)).join('')
    : '<p>No shop has been evaluated yet.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="60"><title>temu-odoo health</title><style>${STYLE}</style></head><body>
<h1>temu-odoo health</h1><p><a href="/ops">ops</a> · <a href="/queues">queues</a> · <a href="/metrics">metrics</a></p>
${shops}${fleetCard(data)}</body></html>`;
}
