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
import { setGauge } from '@temu-odoo/coordination';
import type { WorkerDeps } from '../worker-deps.js';
import { SellerMetricsStore } from './seller-metrics.store.js';
import { DailyCounters } from './daily-counters.js';
import { scheduleShipByActivities } from './ship-by-activities.js';

/** Prometheus names of the four metrics (shared with the dashboard's health page). */
export const METRIC_GAUGES = SELLER_METRIC_GAUGES;

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
  await store.prune(nowMs);
  const overdue = await store.openOrdersDueBy(nowMs - 1);
  await store.record(
    overdue.map((o) => ({ orderRef: o.orderRef, event: { kind: 'overdue' as const, atMs: nowMs } })),
    nowMs,
  );
  const atRisk = ordersAtRisk(await store.openOrdersDueBy(nowMs + risk.horizonMs), nowMs, risk);
  const counters = await store.dayCounters(nowMs);
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
  for (const [window, m] of Object.entries(metrics)) {
    for (const name of SELLER_METRICS) {
      const value = m[name].value;
      const field = `${METRIC_GAUGES[name]}{shop="${shopId}",window="${window}d"}`;
      // An empty metric has no value: no gauge rather than a made-up 0 or 1.
      if (value === null) await clearGauge(deps, field);
      else await setGauge(deps.redis, deps.prefix, field, value);
    }
  }
  const daily = await new DailyCounters(deps.redis, deps.prefix, shopId).today(nowMs);
  const dailyGauges: Array<[string, number | null]> = [
    ['orders_imported_today', daily.imported],
    ['order_lag_p50_seconds', daily.lagP50Ms === null ? null : daily.lagP50Ms / 1000],
    ['order_lag_p95_seconds', daily.lagP95Ms === null ? null : daily.lagP95Ms / 1000],
    ['stock_pushes_today', daily.stockPushes],
  ];
  for (const [name, value] of dailyGauges) {
    const field = `${name}{shop="${shopId}"}`;
    if (value === null) await clearGauge(deps, field);
    else await setGauge(deps.redis, deps.prefix, field, value);
  }
  await setGauge(deps.redis, deps.prefix, `orders_at_risk{shop="${shopId}"}`, snapshot.atRiskTotal);
  await setGauge(deps.redis, deps.prefix, `orders_overdue{shop="${shopId}"}`, snapshot.overdueTotal);
  await deps.redis.set(shopHealthKey(deps.prefix, shopId), JSON.stringify(snapshot), 'EX', SNAPSHOT_TTL_S);
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

async function clearGauge(deps: WorkerDeps, field: string): Promise<void> {
  await deps.redis
    .multi()
    .hdel(`${deps.prefix}:state:{metrics}`, field)
    .zrem(`${deps.prefix}:state:{metrics}-at`, field)
    .exec();
}
