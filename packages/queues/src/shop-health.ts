import type { OrderAtRisk, SellerMetrics } from '@temu-odoo/core';
import { shopStateKey } from './shop-state-keys.js';

/**
 * What the worker's health evaluation last found for a shop, written as one JSON value for the
 * dashboard's health page (the same numbers go to /metrics as gauges, from the same evaluation).
 */
export interface ShopHealthSnapshot {
  shopId: string;
  evaluatedAtMs: number;
  /** Window length in days → the four seller metrics. */
  metrics: Record<string, SellerMetrics>;
  /** Soonest first, at most `AT_RISK_LISTED`. */
  atRisk: OrderAtRisk[];
  atRiskTotal: number;
  overdueTotal: number;
  /** The last 30 days' ship-by compliance per day (null: nothing due that day), oldest first: the trend. */
  complianceTrend: Array<number | null>;
}

export const AT_RISK_LISTED = 50;
export const SHOP_HEALTH = 'health';

export function shopHealthKey(prefix: string, shopId: string): string {
  return shopStateKey(prefix, shopId, SHOP_HEALTH);
}
