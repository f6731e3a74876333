import { OPEN_PURCHASE_STATUSES, type PurchaseOrder } from '../consignment/consignment.js';
import { forecastDemand, type DailySeries } from './demand-forecast.js';

/**
 * Where a SKU's demand per day comes from (README "Forecasting and replenishment"), in order:
 *
 * 1. `history`: at least `MIN_HISTORY_DAYS` days of daily sales → the forecast (level, trend,
 *    weekday index);
 * 2. `last30`: less history, but the marketplace's own 30-day sales count is above 0 → that count
 *    ÷ 30, flat (real sales beat an estimate);
 * 3. `purchase_orders`: no sales to go by, but the marketplace's buyers ordered the SKU in the last
 *    `PURCHASE_ORDER_WINDOW_DAYS` days → units ordered ÷ window days, flat: their own estimate of
 *    what it will sell (a new SKU is stocked before it sells);
 * 4. otherwise `last30` with 0: nothing to ship until it sells or is ordered.
 */
export type DemandSource = 'history' | 'last30' | 'purchase_orders';

/** Fewer daily values than this and the forecast's weekday index and trend mean little. */
export const MIN_HISTORY_DAYS = 14;
/** Days of purchase orders read; 30 so the figure compares with the 30-day sales count. */
export const PURCHASE_ORDER_WINDOW_DAYS = 30;

export interface DemandChoice {
  source: DemandSource;
  /** Units per day over the horizon. */
  forecast: number[];
  /** Mean of `forecast`. */
  perDay: number;
  /** Daily sales values the history had (0 when none). */
  historyDays: number;
}

export function chooseDemand(input: {
  history: DailySeries | undefined;
  last30DaysSold: number;
  /** Units the marketplace ordered per day over the window (see `orderedPerDay`). */
  orderedPerDay: number;
  horizonDays: number;
}): DemandChoice {
  const { history, horizonDays } = input;
  const historyDays = history?.values.length ?? 0;
  const flat = (source: DemandSource, perDay: number): DemandChoice => ({
    source,
    forecast: Array<number>(horizonDays).fill(perDay),
    perDay,
    historyDays,
  });
  if (history && historyDays >= MIN_HISTORY_DAYS) {
    const forecast = forecastDemand(history, horizonDays).daily;
    const perDay = forecast.length ? forecast.reduce((a, b) => a + b, 0) / forecast.length : 0;
    return { source: 'history', forecast, perDay, historyDays };
  }
  if (input.last30DaysSold > 0) return flat('last30', input.last30DaysSold / 30);
  if (input.orderedPerDay > 0) return flat('purchase_orders', input.orderedPerDay);
  return flat('last30', 0);
}

/**
 * Units per day the marketplace ordered per seller SKU: the quantities of its purchase orders that
 * still stand (open statuses; rejected, returned, voided, timed-out and cancelled ones are not
 * demand) ÷ `windowDays`. Lines without a seller SKU are left out (they are parked by the sale-order side).
 */
export function orderedPerDay(orders: Iterable<PurchaseOrder>, windowDays: number): Map<string, number> {
  if (!Number.isInteger(windowDays) || windowDays < 1)
    throw new RangeError(`windowDays must be a whole number ≥ 1, got ${windowDays}`);
  const units = new Map<string, number>();
  for (const po of orders) {
    if (!OPEN_PURCHASE_STATUSES.has(po.status)) continue;
    for (const line of po.lines)
      if (line.sellerSku && line.quantity > 0)
        units.set(line.sellerSku, (units.get(line.sellerSku) ?? 0) + line.quantity);
  }
  return new Map([...units].map(([sku, n]) => [sku, n / windowDays]));
}
