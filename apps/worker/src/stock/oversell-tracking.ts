import { chooseSyncInterval, isNewerVersion, oversellRate, resolveErpSku, type Order } from '@temu-odoo/core';
import type { Logger } from '@temu-odoo/config';
import type { ShopContext, WorkerDeps } from '../worker-deps.js';
import { setGauge } from '@temu-odoo/coordination';

const CONFIRMABLE = new Set<Order['status']>([
  'unshipped',
  'partially_shipped',
  'shipped',
  'partially_delivered',
  'delivered',
]);

/**
 * Free stock of the SKUs of orders the import may confirm now, read before it does (two batched ERP
 * calls): orders in a confirmable status whose version was not written yet. That includes orders
 * seen before only while pending (no address yet, so not in Odoo), which is how most Temu orders
 * arrive. Null when no such order is in the batch.
 */
export async function freeStockBeforeConfirmation(
  deps: WorkerDeps,
  shop: ShopContext,
  orders: Order[],
): Promise<Map<string, number> | null> {
  const synced = await shop.state.syncedVersions(orders.map((o) => o.orderRef));
  const fresh = orders.filter((o) => {
    return CONFIRMABLE.has(o.status) && isNewerVersion(o, synced.get(o.orderRef));
  });
  if (!fresh.length) return null;
  const skus = [
    ...new Set(
      fresh.flatMap((o) =>
        o.lines.map((l) => resolveErpSku(l, deps.settings.skuMapping)).filter((s): s is string => !!s),
      ),
    ),
  ];
  const products = await deps.erp.resolveProducts(skus);
  if (!products.size) return null;
  const levels = await deps.erp.readFreeStock([...products.values()], shop.config.odooWarehouseId);
  const free = new Map<string, number>();
  for (const level of levels) free.set(level.sku, (free.get(level.sku) ?? 0) + level.freeQuantity);
  return free;
}

/**
 * Oversell control (R10): an order just confirmed is oversold when the free stock before the batch,
 * consumed in order, could not cover one of its lines. Keeps the trailing rate as a metric and,
 * when it crosses 1% (or falls back below 0.5%), stores the new stock sync mode (the scheduler applies
 * the interval) and says so.
 */
export async function recordOversell(
  deps: WorkerDeps,
  shop: ShopContext,
  confirmed: Order[],
  freeBefore: Map<string, number>,
  log: Logger,
): Promise<void> {
  const remaining = new Map(freeBefore);
  const nowMs = deps.clock.nowMs();
  const events = [...confirmed]
    .sort((a, b) => a.createdAtMs - b.createdAtMs)
    .map((order) => {
      let oversold = false;
      for (const line of order.lines) {
        const sku = resolveErpSku(line, deps.settings.skuMapping);
        if (!sku || line.quantity <= 0) continue;
        const free = remaining.get(sku) ?? 0;
        if (free < line.quantity) oversold = true;
        remaining.set(sku, free - line.quantity);
      }
      return { atMs: nowMs, orderRef: order.orderRef, oversold };
    });
  const windowMs = deps.settings.oversellWindowMs;
  await shop.state.recordOversell(events, windowMs);
  const rate = oversellRate(await shop.state.oversellEvents(nowMs - windowMs), nowMs, windowMs);
  await setGauge(deps.redis, deps.prefix, `oversell_rate{shop="${shop.config.shopId}"}`, rate.rate);
  const currentMode = await shop.state.syncMode();
  const choice = chooseSyncInterval({
    rate: rate.rate,
    currentMode,
    normalMinutes: deps.settings.stockSyncMinutes,
    nearRealTimeMinutes: deps.settings.stockSyncFastMinutes,
  });
  await setGauge(
    deps.redis,
    deps.prefix,
    `stock_sync_interval_minutes{shop="${shop.config.shopId}"}`,
    choice.intervalMinutes,
  );
  if (!choice.changed) return;
  // The scheduler owns the schedule: its next check (SCHEDULE_CHECK_SECONDS) applies the new mode.
  await shop.state.setSyncMode(choice.mode);
  // `log` is the job's logger, which already carries `shop`.
  log.warn(
    {
      event: 'stock_sync_mode_changed',
      mode: choice.mode,
      intervalMinutes: choice.intervalMinutes,
      oversellRate: rate.rate,
      orders: rate.orders,
      oversold: rate.oversold,
    },
    `oversell rate ${(rate.rate * 100).toFixed(2)}% over ${rate.orders} orders: stock sync now every ${choice.intervalMinutes} min (${choice.mode})`,
  );
}
