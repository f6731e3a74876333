import type { SandboxState } from '../state.js';
import { Rng } from '../rng.js';

/**
 * A fully-managed shop's sales history and Temu-warehouse stock (issue 16, R2), for
 * `bg.goods.salesv2.get` (docs/temu-api.md "Fully-managed sales and warehouse stock"). Every SKU of
 * the catalogue sells in each of two warehouse groups: a seeded base rate, a trend (some SKUs grow,
 * some fade), a weekly pattern (weekends sell more) and day-to-day noise (Poisson counts around a
 * rate that itself wobbles ±15 %), so a forecast has something real to learn and a naive mean of
 * the last days is measurably worse.
 *
 * Temu's call has no dates, only counters as of "now" (today, 7 days, 30 days, total). The sandbox's
 * "now" for these counters is a day index into the history (`day`, default: the whole history is
 * past), moved by `POST /_sandbox/full-sales`: a test or bench steps it day by day and reads the
 * counters like a daily snapshot would. Day d's counters cover days [0, d); today's sales are 0.
 * Warehouse stock and in-transit are fixed per SKU and group (they do not drain with the day).
 */

export const FULL_SALES_START = '2026-01-05';
export const FULL_SALES_DAYS = 120;

export interface FullWarehouseGroup {
  warehouseGroupId: number;
  name: string;
}

export const FULL_WAREHOUSE_GROUPS: readonly FullWarehouseGroup[] = [
  { warehouseGroupId: 501, name: 'East sub-warehouse group' },
  { warehouseGroupId: 502, name: 'West sub-warehouse group' },
];

/** Sunday … Saturday: weekends sell about a third above midweek. */
const WEEKDAY = [1.3, 0.85, 0.8, 0.85, 0.9, 1.0, 1.3];

export interface FullSalesSeries {
  sellerSku: string;
  warehouseGroupId: number;
  /** Units sold per day of the history (index 0 = FULL_SALES_START). */
  daily: number[];
  onHand: number;
  inTransit: number;
  waitDelivery: number;
}

export interface FullSalesModel {
  key: string;
  day: number;
  series: FullSalesSeries[];
}

const models = new WeakMap<SandboxState, FullSalesModel>();

function poisson(rng: Rng, lambda: number): number {
  // Knuth's method; rates here stay far below the ~700 where exp(−λ) underflows.
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function weekdayOf(dayIndex: number): number {
  // FULL_SALES_START (2026-01-05) is a Monday.
  return (1 + dayIndex) % 7;
}

function build(state: SandboxState, key: string): FullSalesModel {
  const rng = new Rng((state.config.seed * 7919 + 16) >>> 0);
  const skus = [...state.skus.values()].map((s) => s.sellerSku).sort();
  const series: FullSalesSeries[] = [];
  for (const sellerSku of skus) {
    for (const group of FULL_WAREHOUSE_GROUPS) {
      const base = 3 + rng.next() * 17;
      // Relative change per day: −0.3 % (fading) to +1 % (growing).
      const trend = -0.003 + rng.next() * 0.013;
      const daily: number[] = [];
      for (let d = 0; d < FULL_SALES_DAYS; d++) {
        const wobble = 0.85 + rng.next() * 0.3;
        const rate = Math.max(0, base * (1 + trend * d)) * WEEKDAY[weekdayOf(d)]! * wobble;
        daily.push(poisson(rng, rate));
      }
      const recent = daily.slice(-14).reduce((a, b) => a + b, 0) / 14;
      series.push({
        sellerSku,
        warehouseGroupId: group.warehouseGroupId,
        daily,
        onHand: Math.round(recent * (4 + rng.next() * 26)),
        inTransit: rng.chance(0.5) ? Math.round(recent * rng.next() * 10) : 0,
        waitDelivery: 0,
      });
    }
  }
  return { key, day: FULL_SALES_DAYS, series };
}

/** The shop's model, rebuilt when the catalogue changed (a reseed). */
export function fullSales(state: SandboxState): FullSalesModel {
  const key = [...state.skus.values()]
    .map((s) => s.sellerSku)
    .sort()
    .join(',');
  let model = models.get(state);
  if (!model || model.key !== key) {
    model = build(state, key);
    models.set(state, model);
  }
  return model;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Temu's counters of one series as of the model's day. */
export function countersOf(series: FullSalesSeries, day: number) {
  const past = series.daily.slice(0, day);
  return {
    todaySaleVolume: 0,
    lastSevenDaysSaleVolume: sum(past.slice(-7)),
    lastThirtyDaysSaleVolume: sum(past.slice(-30)),
    totalSaleVolume: sum(past),
  };
}
