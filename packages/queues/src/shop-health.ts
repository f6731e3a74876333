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

/** Gauge names of the four metrics in the operator-gauge hash (`temu_odoo_` is added on /metrics). */
export const SELLER_METRIC_GAUGES = {
  shipByCompliance: 'seller_ship_by_compliance',
  trackingUploadRate: 'seller_tracking_upload_rate',
  deliverySuccess: 'seller_delivery_success',
  lateShipmentRate: 'seller_late_shipment_rate',
} as const;
export const SHOP_HEALTH = 'health';

export function shopHealthKey(prefix: string, shopId: string): string {
  return shopStateKey(prefix, shopId, SHOP_HEALTH);
}
