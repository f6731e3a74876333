import { METRIC_COUNTERS, type DayCounters, type MetricCounter } from './order-facts.js';

export const SELLER_METRICS = [
  'shipByCompliance',
  'trackingUploadRate',
  'deliverySuccess',
  'lateShipmentRate',
] as const;
export type SellerMetricName = (typeof SELLER_METRICS)[number];

export interface MetricThreshold {
  /** The target is strict, as Temu states it: compliance "> 95%" is missed at exactly 95%. */
  direction: 'above' | 'below';
  target: number;
  label: string;
}

export const METRIC_THRESHOLDS: Record<SellerMetricName, MetricThreshold> = {
  shipByCompliance: { direction: 'above', target: 0.95, label: 'ship-by compliance' },
  trackingUploadRate: { direction: 'above', target: 0.98, label: 'tracking upload rate' },
  deliverySuccess: { direction: 'above', target: 0.92, label: 'delivery success' },
  lateShipmentRate: { direction: 'below', target: 0.05, label: 'late-shipment rate' },
};

export const METRIC_WINDOWS_DAYS = [7, 30] as const;
/** Buckets older than the longest window can be dropped. */
export const MAX_WINDOW_DAYS = 30;

export interface MetricValue {
  /** Null when nothing was counted (no denominator): neither good nor bad. */
  value: number | null;
  numerator: number;
  denominator: number;
}

export type SellerMetrics = Record<SellerMetricName, MetricValue>;

/** Reads one day's counters (absent days count as zero). */
export type DayBuckets = (day: number) => DayCounters | undefined;

/**
 * Sums the day buckets of the window: the `windowDays` UTC days ending with `today` (today
 * included, so a 7-day window on day d covers d−6 … d).
 */
export function windowTotals(
  buckets: DayBuckets,
  today: number,
  windowDays: number,
): Record<MetricCounter, number> {
  const totals = Object.fromEntries(METRIC_COUNTERS.map((c) => [c, 0])) as Record<MetricCounter, number>;
  for (let day = today - windowDays + 1; day <= today; day++) {
    const counters = buckets(day);
    if (!counters) continue;
    for (const c of METRIC_COUNTERS) totals[c] += counters[c] ?? 0;
  }
  return totals;
}

function ratio(numerator: number, denominator: number): MetricValue {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

/** The four seller metrics over one window (definitions: README "Seller metrics"). */
export function sellerMetrics(buckets: DayBuckets, today: number, windowDays: number): SellerMetrics {
  const t = windowTotals(buckets, today, windowDays);
  return {
    shipByCompliance: ratio(t.dueOnTime, t.due),
    trackingUploadRate: ratio(t.trackingUploaded, t.shipped),
    deliverySuccess: ratio(t.delivered, t.delivered + t.deliveryFailed),
    lateShipmentRate: ratio(t.shippedLate, t.shipped),
  };
}

/** True when the metric misses its target; an empty metric never does. */
export function missesTarget(name: SellerMetricName, metric: MetricValue): boolean {
  if (metric.value === null) return false;
  const { direction, target } = METRIC_THRESHOLDS[name];
  return direction === 'above' ? metric.value <= target : metric.value >= target;
}
