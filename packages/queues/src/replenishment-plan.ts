/**
 * The last replenishment plan of a fully-managed shop as the worker's `replenishment.plan` stores it
 * under `lastReplenishmentPlanKey`, read back by `pnpm ops replenishment`, the dashboard's
 * `/ops/replenishment/<shop>` (and its CSV) and `replenishment.transfers`: one shape for all.
 */
export interface ReplenishmentPlanRow {
  warehouseId: string;
  warehouseName: string;
  sku: string;
  /** Mean forecast units per day over the plan's horizon. */
  forecastPerDay: number;
  /**
   * `history` = from daily snapshots; `last30` = too little history yet, Temu's 30-day count ÷ 30;
   * `purchase_orders` = no sales yet, units Temu ordered in the last 30 days ÷ 30 (core `chooseDemand`).
   */
  forecastBasis: 'history' | 'last30' | 'purchase_orders';
  historyDays: number;
  onHand: number;
  inTransit: number;
  target: number;
  daysOfCover: number;
  cartons: number;
  unitsPerCarton: number;
  units: number;
  shipBy: string;
  late: boolean;
}

export interface ReplenishmentShipmentRow {
  shipmentId: string;
  warehouseId: string;
  warehouseName: string;
  shipBy: string;
  cartons: number;
  units: number;
  volumeM3: number | null;
  lines: Array<{ sku: string; cartons: number; units: number }>;
  /** The Odoo draft transfer, once created on request. */
  transferId: number | null;
}

export interface ReplenishmentPlanTable {
  /** `<shopId>-<plan date>`: the transfers of a plan are made once per shipment of this id. */
  planId: string;
  shopId: string;
  plannedAtMs: number;
  today: string;
  rules: { leadTimeDays: number; safetyDays: number; reviewDays: number; maxCartonsPerShipment: number };
  rows: ReplenishmentPlanRow[];
  shipments: ReplenishmentShipmentRow[];
  /** SKUs left out, with the reason (no seller code, bad carton rule …). */
  skipped: Array<{ warehouseId: string; sku: string; reason: string }>;
}

export function lastReplenishmentPlanKey(prefix: string, shopId: string): string {
  return `${prefix}:{replenishment:${shopId}}:last-plan`;
}

/** The Odoo reference (`origin`) of a planned shipment's draft transfer. */
export function transferReference(shopId: string, shipmentId: string): string {
  return `REPL/${shopId}/${shipmentId}`;
}

/**
 * What `replenishment.apply` asked Temu for, per plan: hash field `<warehouse>/<shipment>/<sku>` →
 * JSON `StockRequestRecord`. Same shop hash tag as the plan (README "Redis Cluster").
 */
export function stockRequestsKey(prefix: string, shopId: string, planId: string): string {
  return `${prefix}:{replenishment:${shopId}}:stock-requests:${planId}`;
}

export function stockRequestField(warehouseId: string, shipmentId: string, sku: string): string {
  return `${warehouseId}/${shipmentId}/${sku}`;
}

/**
 * `applying` is written before the marketplace call, the outcome after it: an `applying` left by a
 * crash is resolved by looking for the purchase order on the marketplace before asking again.
 */
export type StockRequestRecord =
  | { state: 'applying'; atMs: number; quantity: number }
  | { state: 'requested'; atMs: number; quantity: number; purchaseRef: string | null; recovered?: boolean }
  | { state: 'refused'; atMs: number; quantity: number; code: string; reason: string };

/** The BullMQ job id of one shipment's stock request: once per plan, warehouse and shipment. */
export function stockRequestJobId(planId: string, warehouseId: string, shipmentId: string): string {
  return `replenishment.apply.${planId}.${warehouseId}.${shipmentId}`;
}
