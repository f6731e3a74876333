import { METRIC_THRESHOLDS, SELLER_METRICS, missesTarget, type SellerMetrics } from './seller-metrics.js';
import type { OrderAtRisk } from './ship-by-risk.js';

export type AlertSeverity = 'warning' | 'critical';

/**
 * One condition as evaluated now. `key` names the condition within its scope (a shop id, or
 * `fleet`), so the same key stays "firing" across evaluations until it evaluates inactive: one
 * alert per condition per shop until it clears, then one "resolved".
 */
export interface AlertCondition {
  scope: string;
  key: string;
  active: boolean;
  severity: AlertSeverity;
  summary: string;
}

export interface AlertNotice {
  scope: string;
  key: string;
  status: 'firing' | 'resolved';
  severity: AlertSeverity;
  summary: string;
  atMs: number;
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);

/**
 * Orders a window needs before its metric may alert: one late parcel out of three is no trend, and
 * a shipment counts as "without tracking" for the minutes until its upload runs.
 */
export const MIN_ORDERS_FOR_METRIC_ALERT = 10;

/** A condition per metric and window: active while the metric misses its target on enough orders. */
export function metricConditions(
  scope: string,
  windows: Record<number, SellerMetrics>,
  minOrders = MIN_ORDERS_FOR_METRIC_ALERT,
): AlertCondition[] {
  const out: AlertCondition[] = [];
  for (const [days, metrics] of Object.entries(windows)) {
    for (const name of SELLER_METRICS) {
      const m = metrics[name];
      const t = METRIC_THRESHOLDS[name];
      out.push({
        scope,
        key: `metric:${name}:${days}d`,
        active: missesTarget(name, m) && m.denominator >= minOrders,
        severity: 'warning',
        summary: `${t.label} over ${days} days is ${pct(m.value)} (${m.numerator}/${m.denominator}); target ${t.direction === 'above' ? '>' : '<'} ${pct(t.target)}`,
      });
    }
  }
  return out;
}

/** Orders at risk (one condition; the summary lists the soonest) and each overdue order once. */
export function shipByConditions(scope: string, atRisk: OrderAtRisk[]): AlertCondition[] {
  const pending = atRisk.filter((o) => o.risk !== 'overdue');
  const urgent = pending.some((o) => o.risk === 'urgent');
  const soonest = pending
    .slice(0, 5)
    .map((o) => `${o.orderRef} (${formatLeft(o.leftMs)} left)`)
    .join(', ');
  const out: AlertCondition[] = [
    {
      scope,
      key: 'orders-at-risk',
      active: pending.length > 0,
      severity: urgent ? 'critical' : 'warning',
      summary: `${pending.length} order(s) must ship before their ship-by time: ${soonest}`,
    },
  ];
  for (const o of atRisk.filter((r) => r.risk === 'overdue')) {
    out.push({
      scope,
      key: `overdue:${o.orderRef}`,
      active: true,
      severity: 'critical',
      summary: `order ${o.orderRef} passed its ship-by time ${new Date(o.shipByMs).toISOString()} unshipped`,
    });
  }
  return out;
}

export const TOKEN_ALERT_DAYS = [30, 7, 1] as const;

/** One condition per threshold, each active once the token has that many days or fewer left. */
export function tokenExpiryConditions(scope: string, daysToExpiry: number): AlertCondition[] {
  return TOKEN_ALERT_DAYS.map((days) => ({
    scope,
    key: `token-expiry:${days}d`,
    active: daysToExpiry <= days,
    severity: days === 1 ? 'critical' : 'warning',
    summary: `the marketplace token of shop ${scope} expires in ${daysToExpiry} day(s): the seller must authorise the app again`,
  }));
}

/** A generic "value above limit" condition (parked jobs, backlog age, throttling, reachability). */
export function limitCondition(
  scope: string,
  key: string,
  value: number,
  limit: number,
  summary: string,
  severity: AlertSeverity = 'warning',
): AlertCondition {
  return { scope, key, active: value > limit, severity, summary };
}

export function formatLeft(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 0) return `${formatLeft(-ms)} late`;
  const h = Math.floor(minutes / 60);
  return h ? `${h} h ${minutes % 60} min` : `${minutes} min`;
}
