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
  /** `history` = from daily snapshots; `last30` = too little history yet, Temu's 30-day count ÷ 30. */
  forecastBasis: 'history' | 'last30';
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
