import type { Redis } from 'ioredis';
import type { ShopReplenishment } from '@temu-odoo/config';
import {
  PURCHASE_ORDER_WINDOW_DAYS,
  chooseDemand,
  orderedPerDay,
  planReplenishment,
  type ConsignmentMarketplacePort,
  type DemandChoice,
  type MarketplaceWarehouseSalesPort,
  type PurchaseOrder,
  type ReplenishmentItem,
} from '@temu-odoo/core';
import {
  lastReplenishmentPlanKey,
  type ReplenishmentPlanRow,
  type ReplenishmentPlanTable,
} from '@temu-odoo/queues';
import { SalesHistory } from './sales-history.js';

/** Days of snapshots the forecast reads (8 weeks of weekday pattern + the 28-day window fit in it). */
const HISTORY_DAYS = 120;
const DAY_MS = 86_400_000;

export interface ShopReplenishmentInput {
  shopId: string;
  rules: ShopReplenishment;
  sales: MarketplaceWarehouseSalesPort;
  /** The shop's purchase orders (consignment.poll's listing); absent → no purchase-order fallback. */
  purchaseOrders?: Pick<ConsignmentMarketplacePort, 'listPurchaseOrders'> | undefined;
  redis: Redis;
  prefix: string;
  nowMs: number;
}

/**
 * One plan of a fully-managed shop (README "Forecasting and replenishment"): per configured Temu
 * warehouse group, today's counters and stock are read and snapshotted, each SKU's daily history is
 * rebuilt from the snapshots and forecast (core/forecast), and core plans what to ship, how much
 * and by when; the table is stored for the dashboard, `pnpm ops replenishment` and the transfers job.
 */
export async function planShopReplenishment(input: ShopReplenishmentInput): Promise<ReplenishmentPlanTable> {
  const { shopId, rules, redis, prefix, nowMs } = input;
  const today = new Date(nowMs).toISOString().slice(0, 10);
  const history = new SalesHistory(redis, prefix, shopId);
  const rows: ReplenishmentPlanRow[] = [];
  const skipped: ReplenishmentPlanTable['skipped'] = [];
  const shipments: ReplenishmentPlanTable['shipments'] = [];
  // Temu's purchase orders name the receiving sub-warehouse, not the warehouse group the sales call
  // and REPLENISHMENT_FILE use (docs/temu-api.md "Fully-managed sales and warehouse stock"), so the
  // units ordered are shop-wide and shared evenly among the configured groups.
  const orders: PurchaseOrder[] = [];
  if (input.purchaseOrders)
    for await (const po of input.purchaseOrders.listPurchaseOrders({
      fromMs: nowMs - PURCHASE_ORDER_WINDOW_DAYS * DAY_MS,
      toMs: nowMs,
    }))
      orders.push(po);
  const ordered = orderedPerDay(orders, PURCHASE_ORDER_WINDOW_DAYS);
  const groups = rules.warehouses.length;
  for (const wh of rules.warehouses) {
    const leadTimeDays = wh.leadTimeDays ?? rules.leadTimeDays;
    const planRules = {
      leadTimeDays,
      safetyDays: rules.safetyDays,
      reviewDays: rules.reviewDays,
      maxCartonsPerShipment: rules.maxCartonsPerShipment,
      ...(rules.maxVolumeM3PerShipment !== undefined
        ? { maxVolumeM3PerShipment: rules.maxVolumeM3PerShipment }
        : {}),
    };
    const horizon = leadTimeDays + rules.reviewDays + rules.safetyDays;
    const stock = await input.sales.warehouseSales(wh.id);
    const totals = new Map<string, number>();
    for (const s of stock) if (s.sku) totals.set(s.sku, s.totalSold);
    await history.record(wh.id, today, totals);
    const series = await history.dailySeries(wh.id, today, HISTORY_DAYS);

    const items: ReplenishmentItem[] = [];
    const basis = new Map<string, DemandChoice>();
    for (const s of stock) {
      if (!s.sku) {
        skipped.push({
          warehouseId: wh.id,
          sku: `temu:${s.skuId}`,
          reason: 'Temu row has no seller SKU code (skuExtCode)',
        });
        continue;
      }
      const carton = rules.skus[s.sku] ?? {};
      const unitsPerCarton = carton.unitsPerCarton ?? rules.unitsPerCarton;
      const cartonVolumeM3 = carton.cartonVolumeM3 ?? rules.cartonVolumeM3;
      if (rules.maxVolumeM3PerShipment !== undefined && cartonVolumeM3 === undefined) {
        skipped.push({
          warehouseId: wh.id,
          sku: s.sku,
          reason: 'a shipment volume cap is set but the SKU has no cartonVolumeM3 (REPLENISHMENT_FILE)',
        });
        continue;
      }
      const demand = chooseDemand({
        history: series.get(s.sku),
        last30DaysSold: s.last30DaysSold,
        orderedPerDay: (ordered.get(s.sku) ?? 0) / groups,
        horizonDays: horizon,
      });
      basis.set(s.sku, demand);
      items.push({
        sku: s.sku,
        warehouseId: wh.id,
        forecast: demand.forecast,
        onHand: s.onHand,
        inTransit: s.inTransit,
        unitsPerCarton,
        ...(cartonVolumeM3 !== undefined ? { cartonVolumeM3 } : {}),
      });
    }
    const plan = planReplenishment(items, planRules, today);
    for (const line of plan.lines) {
      const b = basis.get(line.sku)!;
      rows.push({
        warehouseId: wh.id,
        warehouseName: wh.name,
        sku: line.sku,
        forecastPerDay: round2(b.perDay),
        forecastBasis: b.source,
        historyDays: b.historyDays,
        onHand: line.onHand,
        inTransit: line.inTransit,
        target: line.target,
        daysOfCover: line.daysOfCover,
        cartons: line.cartons,
        unitsPerCarton: line.unitsPerCarton,
        units: line.units,
        shipBy: line.shipBy,
        late: line.late,
      });
    }
    for (const s of plan.shipments) shipments.push({ ...s, warehouseName: wh.name, transferId: null });
  }
  const table: ReplenishmentPlanTable = {
    planId: `${shopId}-${today}`,
    shopId,
    plannedAtMs: nowMs,
    today,
    rules: {
      leadTimeDays: rules.leadTimeDays,
      safetyDays: rules.safetyDays,
      reviewDays: rules.reviewDays,
      maxCartonsPerShipment: rules.maxCartonsPerShipment,
    },
    rows: rows.sort((a, b) => a.warehouseId.localeCompare(b.warehouseId) || a.sku.localeCompare(b.sku)),
    shipments,
    skipped,
  };
  await redis.set(lastReplenishmentPlanKey(prefix, shopId), JSON.stringify(table));
  return table;
}

export async function readReplenishmentPlan(
  redis: Redis,
  prefix: string,
  shopId: string,
): Promise<ReplenishmentPlanTable | null> {
  const raw = await redis.get(lastReplenishmentPlanKey(prefix, shopId));
  return raw ? (JSON.parse(raw) as ReplenishmentPlanTable) : null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
