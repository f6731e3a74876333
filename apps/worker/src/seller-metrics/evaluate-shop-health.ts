import {
  DEFAULT_SHIP_BY_RISK,
  METRIC_WINDOWS_DAYS,
  SELLER_METRICS,
  dayOf,
  metricConditions,
  ordersAtRisk,
  sellerMetrics,
  shipByConditions,
  type ShipByRiskOptions,
} from '@temu-odoo/core';
import {
  AT_RISK_LISTED,
  SELLER_METRIC_GAUGES,
  shopHealthKey,
  type ShopHealthSnapshot,
} from '@temu-odoo/queues';
import type { ChainableCommander } from 'ioredis';
import type { WorkerDeps } from '../worker-deps.js';
import { SellerMetricsStore } from './seller-metrics.store.js';
import { DailyCounters } from './daily-counters.js';
import { scheduleShipByActivities } from './ship-by-activities.js';

/** Prometheus names of the four metrics (shared with the dashboard's health page). */
export const METRIC_GAUGES = SELLER_METRIC_GAUGES;

/** Overdue orders counted per evaluation (the rest next minute): bounds an evaluation's cost. */
const OVERDUE_PER_EVALUATION = 400;

/** The snapshot outlives a few missed evaluations, not a shop that left the fleet. */
const SNAPSHOT_TTL_S = 86_400;

export interface HealthEvaluation {
  snapshot: ShopHealthSnapshot;
  alertsSent: number;
  activitiesOpened: number;
}

/**
 * One evaluation of a shop: orders past their ship-by counted once, orders within the horizon,
 * the metrics of each window from the day buckets, gauges and the health snapshot, then alerts.
 * Reads 30 day buckets and the orders due within the horizon: its cost does not grow with history.
 */
export async function evaluateShopHealth(
  deps: WorkerDeps,
  shopId: string,
  nowMs: number,
): Promise<HealthEvaluation> {
  const store = new SellerMetricsStore(deps.redis, deps.prefix, shopId);
  const risk: ShipByRiskOptions = deps.health?.risk ?? DEFAULT_SHIP_BY_RISK;
  // Round trips are what an evaluation costs on a busy Redis host, not the work in them: one read of
  // the orders due within the horizon (the overdue ones among them) and of a page to prune, …
  const { open, stale } = await store.scan(nowMs + risk.horizonMs, nowMs);
  // An order being pruned is not counted again (its record would race the prune).
  const pruned = new Set(stale);
  const overdue = open.filter((o) => o.shipByMs <= nowMs - 1 && !pruned.has(o.orderRef));
  // … the overdue events of orders not counted by an earlier evaluation (a large backlog a few
  // hundred per minute, soonest first, so no evaluation is slow) and pruning, …
  const toCount = (await store.unseenOverdue(overdue.map((o) => o.orderRef))).slice(
    0,
    OVERDUE_PER_EVALUATION,
  );
  await Promise.all([
    store
      .record(
        toCount.map((orderRef) => ({ orderRef, event: { kind: 'overdue' as const, atMs: nowMs } })),
        nowMs,
      )
      .then(() => store.markOverdueSeen(toCount)),
    stale.length ? store.forget(stale) : Promise.resolve(),
  ]);
  const atRisk = ordersAtRisk(
    open.filter((o) => !pruned.has(o.orderRef)),
    nowMs,
    risk,
  );
  // … the day buckets and today's counters together, …
  const [counters, daily] = await Promise.all([
    store.dayCounters(nowMs),
    new DailyCounters(deps.redis, deps.prefix, shopId).today(nowMs),
  ]);
  const today = dayOf(nowMs);
  const metrics = Object.fromEntries(
    METRIC_WINDOWS_DAYS.map((w) => [String(w), sellerMetrics((d) => counters.get(d), today, w)]),
  );
  const complianceTrend = [...counters.keys()]
    .sort((a, b) => a - b)
    .map((day) => {
      const c = counters.get(day)!;
      return c.due ? (c.dueOnTime ?? 0) / c.due : null;
    });
  const snapshot: ShopHealthSnapshot = {
    shopId,
    evaluatedAtMs: nowMs,
    metrics,
    atRisk: atRisk.slice(0, AT_RISK_LISTED),
    atRiskTotal: atRisk.filter((o) => o.risk !== 'overdue').length,
    overdueTotal: atRisk.length - atRisk.filter((o) => o.risk !== 'overdue').length,
    complianceTrend,
  };
  const gauges: Array<[string, number | null]> = [];
  for (const [window, m] of Object.entries(metrics))
    for (const name of SELLER_METRICS)
      // An empty metric has no value: no gauge rather than a made-up 0 or 1.
      gauges.push([`${METRIC_GAUGES[name]}{shop="${shopId}",window="${window}d"}`, m[name].value]);
  gauges.push(
    [`orders_imported_today{shop="${shopId}"}`, daily.imported],
    [`order_lag_p50_seconds{shop="${shopId}"}`, daily.lagP50Ms === null ? null : daily.lagP50Ms / 1000],
    [`order_lag_p95_seconds{shop="${shopId}"}`, daily.lagP95Ms === null ? null : daily.lagP95Ms / 1000],
    [`stock_pushes_today{shop="${shopId}"}`, daily.stockPushes],
    [`orders_at_risk{shop="${shopId}"}`, snapshot.atRiskTotal],
    [`orders_overdue{shop="${shopId}"}`, snapshot.overdueTotal],
  );
  // … and every gauge with the snapshot in one transaction.
  await writeGauges(deps, gauges)
    .set(shopHealthKey(deps.prefix, shopId), JSON.stringify(snapshot), 'EX', SNAPSHOT_TTL_S)
    .exec();
  const activitiesOpened = await scheduleShipByActivities(deps, shopId, atRisk);
  const sent = deps.health?.alerts
    ? await deps.health.alerts.evaluate(
        shopId,
        [...metricConditions(shopId, metrics), ...shipByConditions(shopId, atRisk)],
        ['overdue:'],
        nowMs,
      )
    : [];
  return { snapshot, alertsSent: sent.length, activitiesOpened };
}

/**
 * The gauges as one MULTI (the caller adds to it and runs it): a value is set as `setGauge` sets it
 * (coordination's shop-state: value hash + last-written time), null clears the gauge.
 */
function writeGauges(deps: WorkerDeps, gauges: Array<[string, number | null]>): ChainableCommander {
  const values = `${deps.prefix}:state:{metrics}`;
  const at = `${deps.prefix}:state:{metrics}-at`;
  const multi = deps.redis.multi();
  const now = Date.now();
  for (const [field, value] of gauges) {
    if (value === null) multi.hdel(values, field).zrem(at, field);
    else multi.hset(values, field, String(value)).zadd(at, now, field);
  }
  return multi;
}
