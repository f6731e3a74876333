import { addDays } from './demand-forecast.js';

/**
 * Replenishment plan for the marketplace's warehouses (README "Forecasting and replenishment").
 * Per SKU and warehouse, in plain words:
 *
 * - position = stock in the warehouse + units already on their way there (in transit);
 * - target = forecast units for lead time + review days + safety days, rounded up: what must be
 *   there (or on the way) now so the warehouse does not run dry before the next shipment after
 *   this one lands, with `safetyDays` of demand to spare;
 * - ship = target − position, rounded UP to whole cartons (nothing when ≤ 0);
 * - days of cover = whole days the position lasts on the forecast; ship by = today + days of cover
 *   − lead time − safety days (never before today). `late` = even shipped today it lands after the
 *   warehouse runs out (days of cover < lead time).
 *
 * Lines are then packed per warehouse, most urgent first, into shipments of at most
 * `maxCartonsPerShipment` cartons and `maxVolumeM3PerShipment` m³; a line larger than a shipment
 * is split. A shipment's ship-by is its most urgent line's.
 */

export interface ReplenishmentRules {
  leadTimeDays: number;
  safetyDays: number;
  /** Days one shipment should last after it lands, until the next one (default 14). */
  reviewDays: number;
  maxCartonsPerShipment: number;
  /** Optional volume cap per shipment (m³); needs each SKU's carton volume. */
  maxVolumeM3PerShipment?: number | undefined;
}

export interface ReplenishmentItem {
  sku: string;
  warehouseId: string;
  /** Forecast units per day from `today` on; at least lead + review + safety days long. */
  forecast: number[];
  onHand: number;
  inTransit: number;
  unitsPerCarton: number;
  cartonVolumeM3?: number | undefined;
}

export interface ReplenishmentLine {
  sku: string;
  warehouseId: string;
  onHand: number;
  inTransit: number;
  /** Forecast units over lead + review + safety days, rounded up. */
  target: number;
  /** target − position (may be ≤ 0: nothing to ship). */
  shortfall: number;
  cartons: number;
  units: number;
  unitsPerCarton: number;
  daysOfCover: number;
  shipBy: string;
  late: boolean;
}

export interface ShipmentLine {
  sku: string;
  cartons: number;
  units: number;
}

export interface PlannedShipment {
  /** `<warehouseId>-<plan date>-<n>`: the same plan on the same day names its shipments the same. */
  shipmentId: string;
  warehouseId: string;
  shipBy: string;
  cartons: number;
  units: number;
  volumeM3: number | null;
  lines: ShipmentLine[];
}

export interface ReplenishmentPlan {
  today: string;
  lines: ReplenishmentLine[];
  shipments: PlannedShipment[];
}

function check(item: ReplenishmentItem, rules: ReplenishmentRules): void {
  const where = `${item.sku} @ ${item.warehouseId}`;
  if (!Number.isInteger(item.unitsPerCarton) || item.unitsPerCarton < 1)
    throw new RangeError(`${where}: unitsPerCarton must be a whole number ≥ 1, got ${item.unitsPerCarton}`);
  for (const [name, v] of [
    ['onHand', item.onHand],
    ['inTransit', item.inTransit],
  ] as const)
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${where}: ${name} must be ≥ 0, got ${v}`);
  const need = rules.leadTimeDays + rules.reviewDays + rules.safetyDays;
  if (item.forecast.length < need)
    throw new RangeError(`${where}: forecast covers ${item.forecast.length} days, the plan needs ${need}`);
  if (rules.maxVolumeM3PerShipment !== undefined && !(item.cartonVolumeM3 && item.cartonVolumeM3 > 0))
    throw new RangeError(`${where}: a volume cap per shipment is set, so the SKU needs cartonVolumeM3 > 0`);
  if (rules.maxVolumeM3PerShipment !== undefined && item.cartonVolumeM3! > rules.maxVolumeM3PerShipment)
    throw new RangeError(`${where}: one carton (${item.cartonVolumeM3} m³) exceeds the shipment volume cap`);
}

function checkRules(rules: ReplenishmentRules): void {
  for (const k of ['leadTimeDays', 'safetyDays', 'reviewDays'] as const)
    if (!Number.isInteger(rules[k]) || rules[k] < 0)
      throw new RangeError(`${k} must be a whole number of days ≥ 0, got ${rules[k]}`);
  if (!Number.isInteger(rules.maxCartonsPerShipment) || rules.maxCartonsPerShipment < 1)
    throw new RangeError(
      `maxCartonsPerShipment must be a whole number ≥ 1, got ${rules.maxCartonsPerShipment}`,
    );
}

/** Tolerance so 9.999999 forecast units are not rounded up to 11 by float noise. */
const ceil = (x: number) => Math.ceil(x - 1e-9);

/** One SKU in one warehouse: how much to ship (whole cartons) and by when. */
export function planLine(
  item: ReplenishmentItem,
  rules: ReplenishmentRules,
  today: string,
): ReplenishmentLine {
  check(item, rules);
  const horizon = rules.leadTimeDays + rules.reviewDays + rules.safetyDays;
  const target = ceil(item.forecast.slice(0, horizon).reduce((a, b) => a + b, 0));
  const position = item.onHand + item.inTransit;
  const shortfall = target - position;
  const cartons = shortfall > 0 ? Math.ceil(shortfall / item.unitsPerCarton) : 0;
  // Whole days the position lasts: day d is covered while cumulative forecast through d ≤ position.
  let daysOfCover = 0;
  let used = 0;
  while (daysOfCover < item.forecast.length) {
    used += item.forecast[daysOfCover]!;
    if (used > position + 1e-9) break;
    daysOfCover++;
  }
  const slack = Math.max(0, daysOfCover - rules.leadTimeDays - rules.safetyDays);
  return {
    sku: item.sku,
    warehouseId: item.warehouseId,
    onHand: item.onHand,
    inTransit: item.inTransit,
    target,
    shortfall,
    cartons,
    units: cartons * item.unitsPerCarton,
    unitsPerCarton: item.unitsPerCarton,
    daysOfCover,
    shipBy: addDays(today, slack),
    late: cartons > 0 && daysOfCover < rules.leadTimeDays,
  };
}

/** The whole plan: a line per SKU and warehouse, and the shipments per warehouse. */
export function planReplenishment(
  items: ReplenishmentItem[],
  rules: ReplenishmentRules,
  today: string,
): ReplenishmentPlan {
  checkRules(rules);
  const lines = items.map((i) => planLine(i, rules, today));
  const volumeOf = new Map(items.map((i) => [`${i.warehouseId}\u0000${i.sku}`, i.cartonVolumeM3 ?? null]));
  const shipments: PlannedShipment[] = [];
  const warehouses = [...new Set(lines.map((l) => l.warehouseId))].sort();
  for (const warehouseId of warehouses) {
    const due = lines
      .filter((l) => l.warehouseId === warehouseId && l.cartons > 0)
      .sort((a, b) => a.shipBy.localeCompare(b.shipBy) || a.sku.localeCompare(b.sku));
    let current: PlannedShipment | null = null;
    const open = (shipBy: string): PlannedShipment => {
      const s: PlannedShipment = {
        shipmentId: `${warehouseId}-${today}-${shipments.filter((x) => x.warehouseId === warehouseId).length + 1}`,
        warehouseId,
        shipBy,
        cartons: 0,
        units: 0,
        volumeM3: rules.maxVolumeM3PerShipment !== undefined ? 0 : null,
        lines: [],
      };
      shipments.push(s);
      return s;
    };
    for (const line of due) {
      const cartonVolume = volumeOf.get(`${warehouseId}\u0000${line.sku}`) ?? 0;
      let left = line.cartons;
      while (left > 0) {
        current ??= open(line.shipBy);
        const byCount = rules.maxCartonsPerShipment - current.cartons;
        const byVolume =
          rules.maxVolumeM3PerShipment !== undefined
            ? Math.floor((rules.maxVolumeM3PerShipment - current.volumeM3! + 1e-9) / cartonVolume)
            : Infinity;
        const take = Math.min(left, byCount, byVolume);
        if (take <= 0) {
          current = null;
          continue;
        }
        const existing = current.lines.find((l) => l.sku === line.sku);
        if (existing) {
          existing.cartons += take;
          existing.units += take * line.unitsPerCarton;
        } else current.lines.push({ sku: line.sku, cartons: take, units: take * line.unitsPerCarton });
        current.cartons += take;
        current.units += take * line.unitsPerCarton;
        if (current.volumeM3 !== null) current.volumeM3 = round6(current.volumeM3 + take * cartonVolume);
        left -= take;
      }
    }
  }
  return { today, lines, shipments };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
