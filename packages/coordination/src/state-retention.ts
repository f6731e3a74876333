import { DAY_MS } from '@temu-odoo/core';

/**
 * How long the worker keeps each kind of per-order state in Redis. Redis runs with `noeviction`
 * (BullMQ must never lose keys), so nothing may grow with every order forever: each period follows
 * what the data is for, and everything here can be lost without losing business data (the next
 * poll, reconcile or scan rebuilds it from Temu and Odoo). README "Redis memory" has the figures.
 */
export interface StateRetention {
  /**
   * Version last written per order: spares re-syncing unchanged orders and tells the shipping scan
   * which deliveries are this shop's. 30 days after its last write = the backfill window (no poll
   * reads further back); an older order changing again is simply synced and found in Odoo.
   */
  syncedVersionsMs: number;
  /**
   * "Tracking uploaded" marker per delivery. The scan revisits a delivery only within its overlap,
   * or up to 7 days back when its watermark is lost; twice that, and Temu answers "already shipped"
   * beyond it anyway.
   */
  deliveryMarkersMs: number;
  /**
   * Buyer name, phone and address read from Temu (personal data). Deleted as soon as the order is
   * written delivered or cancelled; this cap covers orders that never get there (the backfill window).
   */
  buyerDataMs: number;
  /** Temu's computed amounts per order: same life as the buyer data (deleted at the end, else capped). */
  amountsMs: number;
  /** A shop's gauge not refreshed this long (the shop left the shops file) leaves /metrics. */
  gaugesMs: number;
}

export const DEFAULT_RETENTION: StateRetention = {
  syncedVersionsMs: 30 * DAY_MS,
  deliveryMarkersMs: 14 * DAY_MS,
  buyerDataMs: 30 * DAY_MS,
  amountsMs: 30 * DAY_MS,
  gaugesMs: 3 * DAY_MS,
};

/**
 * Every period divided by `scale` (the benchmark compresses the clock to watch memory fall after
 * the horizon: scale 86,400 makes a day a second). At least one second each.
 */
export function scaledRetention(scale: number, base: StateRetention = DEFAULT_RETENTION): StateRetention {
  const out = { ...base };
  for (const key of Object.keys(out) as Array<keyof StateRetention>)
    out[key] = Math.max(1_000, Math.round(out[key] / scale));
  return out;
}
