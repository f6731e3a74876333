import { escapeHtml as h } from './html-escape.js';
import { JOB_STATES } from './queue-metrics.collector.js';

export interface QueueSummary {
  name: string;
  description: string;
  paused: boolean;
  counts: Record<string, number>;
}

export interface ParkedJob {
  queue: string;
  id: string;
  name: string;
  shopId: string | null;
  orderRef: string | null;
  failedReason: string;
  attemptsMade: number;
  failedAtMs: number | null;
}

export interface OpsPageModel {
  queues: QueueSummary[];
  parked: ParkedJob[];
  /** Failed jobs listed per queue at most; the counts table shows the full number. */
  perQueueLimit: number;
  boardPath: string;
  notice: string | null;
  /** After-sales section (issue 13), rendered below the parked jobs when given. */
  returnCases?: string;
  /** Payout reports (issue 11), rendered below the statement form when given. */
  payouts?: string;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right}.reason{max-width:40rem;white-space:pre-wrap;font-family:monospace;font-size:12px}
form{display:inline;margin:0}.notice{background:#eef8ee;border:1px solid #9c9;padding:.5rem}`;

function replayAllForm(queue: QueueSummary): string {
  const failed = queue.counts.failed ?? 0;
  if (failed === 0) return '';
  return `<form method="post" action="/ops/replay/${encodeURIComponent(queue.name)}"><button type="submit">Replay all parked (${failed})</button></form>`;
}

function queueRow(queue: QueueSummary): string {
  const cells = JOB_STATES.map((state) => `<td class="n">${queue.counts[state] ?? 0}</td>`).join('');
  return `<tr><td><b>${h(queue.name)}</b><br><small>${h(queue.description)}</small></td>${cells}<td>${queue.paused ? 'yes' : 'no'}</td><td>${replayAllForm(queue)}</td></tr>`;
}

function parkedRow(job: ParkedJob): string {
  const action = `/ops/replay/${encodeURIComponent(job.queue)}/${encodeURIComponent(job.id)}`;
  const failedAt = job.failedAtMs ? new Date(job.failedAtMs).toISOString() : '';
  return `<tr><td>${h(job.queue)}</td><td>${h(job.name)}</td><td>${h(job.id)}</td><td>${h(job.shopId ?? '')}</td><td>${h(job.orderRef ?? '')}</td><td class="n">${job.attemptsMade}</td><td>${h(failedAt)}</td><td class="reason">${h(job.failedReason)}</td><td><form method="post" action="${h(action)}"><button type="submit">Replay</button></form></td></tr>`;
}

/** The operator page: counts per queue and the parked (failed) jobs with a Replay button each. */
export function renderOpsPage(model: OpsPageModel): string {
  const stateHeads = JOB_STATES.map((s) => `<th>${h(s)}</th>`).join('');
  const parked = model.parked.length
    ? `<table><tr><th>queue</th><th>job</th><th>id</th><th>shop</th><th>orderRef</th><th>attempts</th><th>failed at</th><th>reason</th><th></th></tr>${model.parked.map(parkedRow).join('')}</table>`
    : '<p>No parked jobs.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>temu-odoo ops</title><style>${STYLE}</style></head><body>
<h1>temu-odoo operations</h1>
<p><a href="${h(model.boardPath)}">Bull Board</a> · <a href="/metrics">metrics</a> · <a href="/healthz">health</a> · <a href="/ops/listings">listing checks</a></p>
${model.notice ? `<p class="notice">${h(model.notice)}</p>` : ''}
<h2>Queues</h2>
<table><tr><th>queue</th>${stateHeads}<th>paused</th><th></th></tr>${model.queues.map(queueRow).join('')}</table>
<h2>Parked jobs</h2>
<p><small>Failed after all attempts; at most ${model.perQueueLimit} newest per queue are listed. Replay moves a job back to waiting with its attempts reset.</small></p>
${parked}
<h2>Payout statement</h2>
<form method="post" action="/ops/statements" enctype="multipart/form-data">
<label>Shop <input name="shop" required></label> <label>Bank journal <input name="bankJournal" value="Bank"></label>
<input type="file" name="file" accept=".csv,text/csv,.xlsx" required> <button type="submit">Import statement</button>
</form>
<p><small>CSV or XLSX in the default layout (payout_id, payout_date, order_ref, currency, amount, optional type: order, refund, chargeback, fx); each payout is booked on the bank journal and reconciled against its orders; the same file is imported once.</small></p>
${model.payouts ?? ''}
${model.returnCases ?? ''}
</body></html>`;
}
