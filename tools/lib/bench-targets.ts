import type { ImportRunResult } from './bench-import.scenario.js';
import type { QuotaRunResult } from './bench-quota.scenario.js';
import type { OverheadResult } from './bench-overhead.scenario.js';
import type { PricingRunResult } from './bench-pricing.scenario.js';

export interface TargetResult {
  name: string;
  limit: string;
  measured: string;
  pass: boolean;
}

/** The targets of issue 7, each judged on this run's numbers (a scenario not run is not judged). */
export function evaluateTargets(r: {
  imports: ImportRunResult[];
  adherence: QuotaRunResult[];
  overhead: OverheadResult | null;
  pricing?: PricingRunResult | null;
}): TargetResult[] {
  const out: TargetResult[] = [];
  for (const run of r.imports) {
    out.push({
      name: `quota utilisation, ${run.params.workers} worker(s)`,
      limit: '≥ 0.9 and 0 throttled',
      measured: `${run.quotaUtilisation}, ${run.throttled} throttled`,
      pass: run.completed && run.quotaUtilisation >= 0.9 && run.throttled === 0,
    });
    out.push({
      name: `Odoo calls per order, ${run.params.workers} worker(s)`,
      limit: '≤ 1.5',
      measured: String(run.odooCallsPerOrder),
      pass: run.completed && run.odooCallsPerOrder <= 1.5,
    });
    const peak = Math.max(0, ...run.peakRssMiB.map((x) => x ?? Infinity));
    out.push({
      name: `worker peak RSS, ${run.params.workers} worker(s)`,
      limit: '≤ 200 MB',
      measured: `${Number.isFinite(peak) ? peak : 'unknown'} MiB`,
      pass: Number.isFinite(peak) && peak * 1.048576 <= 200,
    });
  }
  for (const a of r.adherence) {
    out.push({
      name: `quota adherence, ${a.workers} worker(s)`,
      limit: 'max observed ≤ quota, 0 throttled',
      measured: `${a.withinQuota ? 'within' : 'OVER'}, ${a.throttled} throttled`,
      pass: a.withinQuota && a.throttled === 0,
    });
  }
  if (r.overhead) {
    out.push({
      name: 'per-job overhead vs raw BullMQ',
      limit: '≤ 1.3×',
      measured: `${r.overhead.overheadRatio}×`,
      pass: r.overhead.overheadRatio <= 1.3,
    });
  }
  if (r.pricing) {
    out.push({
      name: `pricing: Odoo reads to plan ${r.pricing.params.skus} SKUs`,
      limit: '≤ 10',
      measured: String(r.pricing.plan.odooReads),
      pass: r.pricing.plan.odooReads <= 10,
    });
    out.push({
      name: 'pricing: Temu price calls per goods that moves',
      limit: '= 1',
      measured: `${r.pricing.push.temuPriceCalls} calls / ${r.pricing.plan.goodsToPush} goods`,
      pass: r.pricing.push.callsEqualGoods,
    });
  }
  return out;
}
