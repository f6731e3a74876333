/**
 * Daily demand forecast per SKU (README "Forecasting and replenishment"). Simple enough to explain
 * to a seller, in three numbers per series:
 *
 * 1. Weekday index: over the last 8 weeks, each day's sales divided by the average of the 7 days
 *    around it, averaged per weekday. 1.3 on Saturdays = Saturdays sell 30 % above an average
 *    day. No sales at all → every index is 1.
 * 2. Level: the mean of the last 56 days (8 weeks) after dividing each day by its weekday index (a
 *    Saturday's sales count as "what an average day would have sold"); it describes the middle of
 *    the window.
 * 3. Trend: the slope of a least-squares straight line through those same 56 adjusted days
 *    (units per day, per day).
 *
 * Forecast for a future day = (level + trend × days from the window's middle) × that day's weekday
 * index, never below zero. The trend is followed for at most `trendHorizonDays` (14) past the last
 * day and then held flat, so a run of growth is not extrapolated for months.
 *
 * Why 56 days and not 28: on the sandbox's history (scenario 11 of `pnpm bench`) a 28-day window
 * let day-to-day noise move level and slope so much that the forecast barely beat the naive mean;
 * 8 weeks halves that noise and still follows a trend within weeks.
 *
 * The naive baseline it must beat: every future day = the mean of the last N days.
 */

const DAY_MS = 86_400_000;

export interface DailySeries {
  /** The first day of `values`, `YYYY-MM-DD` (UTC calendar day). */
  startDate: string;
  /** Units sold per day, oldest first, one value per consecutive day. */
  values: number[];
}

export interface ForecastOptions {
  /** Days the level and trend are read from (default 56). */
  windowDays?: number;
  /** Whole weeks the weekday index is read from, at most (default 8). */
  seasonWeeks?: number;
  /** Days past the last observed day the trend is followed before it is held (default 14). */
  trendHorizonDays?: number;
}

export interface DemandForecast {
  /** The first forecast day (the day after the series ends). */
  startDate: string;
  /** Expected units per day from `startDate` on (fractions kept: sums are rounded by the planner). */
  daily: number[];
  level: number;
  trendPerDay: number;
  /** Weekday index, Sunday (0) to Saturday (6). */
  weekdayIndex: number[];
}

/** Epoch day number of a `YYYY-MM-DD` date; throws naming the bad value. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    throw new RangeError(`expected a date YYYY-MM-DD, got "${date}"`);
  return ms / DAY_MS;
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** Day of week (0 = Sunday) of an epoch day number: 1970-01-01 was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * Weekday index from the last `seasonWeeks` weeks: each day's sales divided by the mean of the 7
 * days centred on it (so a rising or falling trend does not leak into the weekday pattern), averaged
 * per weekday, then scaled so the seven average 1. A weekday without data, or no sales: 1.
 */
export function weekdayIndex(series: DailySeries, seasonWeeks = 8): number[] {
  const start = dayNumber(series.startDate);
  const ys = series.values;
  const sums = [0, 0, 0, 0, 0, 0, 0];
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (let i = Math.max(3, ys.length - seasonWeeks * 7); i <= ys.length - 4; i++) {
    const around = mean(ys.slice(i - 3, i + 4));
    if (around <= 0) continue;
    sums[weekday(start + i)]! += ys[i]! / around;
    counts[weekday(start + i)]! += 1;
  }
  const raw = sums.map((s, w) => (counts[w]! > 0 ? s / counts[w]! : 1));
  const scale = mean(raw);
  return scale > 0 ? raw.map((r) => r / scale) : [1, 1, 1, 1, 1, 1, 1];
}

/** Level, trend and weekday index of a series, and the forecast for `horizonDays` days after it. */
export function forecastDemand(
  series: DailySeries,
  horizonDays: number,
  options: ForecastOptions = {},
): DemandForecast {
  const windowDays = options.windowDays ?? 56;
  const trendHorizon = options.trendHorizonDays ?? 14;
  const start = dayNumber(series.startDate);
  const n = series.values.length;
  const index = weekdayIndex(series, options.seasonWeeks ?? 8);
  const from = Math.max(0, n - windowDays);
  // Each day divided by its weekday index ("what an average day would have sold").
  const adjusted = series.values
    .slice(from)
    .map((v, i) => v / Math.max(index[weekday(start + from + i)]!, 1e-9));
  const level = mean(adjusted);
  // Least-squares slope over x = 0..k-1; the level sits at the middle x̄ = (k-1)/2.
  const k = adjusted.length;
  const xBar = (k - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let x = 0; x < k; x++) {
    sxy += (x - xBar) * (adjusted[x]! - level);
    sxx += (x - xBar) ** 2;
  }
  const trendPerDay = sxx > 0 ? sxy / sxx : 0;
  const middle = from + xBar;
  const daily: number[] = [];
  for (let h = 0; h < horizonDays; h++) {
    const t = n + Math.min(h, trendHorizon);
    const base = level + trendPerDay * (t - middle);
    daily.push(Math.max(0, base) * index[weekday(start + n + h)]!);
  }
  return { startDate: dateOf(start + n), daily, level, trendPerDay, weekdayIndex: index };
}

/** The naive baseline: every future day sells the mean of the last `lastDays` days. */
export function naiveForecast(series: DailySeries, horizonDays: number, lastDays = 28): number[] {
  const level = mean(series.values.slice(-lastDays));
  return Array.from({ length: horizonDays }, () => level);
}
