import {
  chooseSyncInterval,
  erpSkusOf,
  ordersAboutToConfirm,
  oversellRate,
  oversoldOrders,
  type Order,
} from '@temu-odoo/core';
import type { Logger } from '@temu-odoo/config';
import type { ShopContext, WorkerDeps } from '../worker-deps.js';
import { setGauge } from '@temu-odoo/coordination';

/**
 * Free stock of the SKUs of orders the import may confirm now (core's `ordersAboutToConfirm`), read
 * before it does (two batched ERP calls). Null when no such order is in the batch.
 */
export async function freeStockBeforeConfirmation(
  deps: WorkerDeps,
  shop: ShopContext,
  orders: Order[],
): Promise<Map<string, number> | null> {
  const synced = await shop.state.syncedVersions(orders.map((o) => o.orderRef));
  const fresh = ordersAboutToConfirm(orders, synced);
  if (!fresh.length) return null;
  const skus = erpSkusOf(fresh, deps.settings.skuMapping);
  const products = await deps.erp.resolveProducts(skus);
  if (!products.size) return null;
  const levels = await deps.erp.readFreeStock([...products.values()], shop.config.odooWarehouseId);
  const free = new Map<string, number>();
  for (const level of levels) free.set(level.sku, (free.get(level.sku) ?? 0) + level.freeQuantity);
  return free;
}

/**
 * Oversell control (R10): which orders just confirmed were oversold is core's `oversoldOrders`. Keeps the trailing rate as a metric and,
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
  const nowMs = deps.clock.nowMs();
  const events = oversoldOrders(confirmed, freeBefore, nowMs, deps.settings.skuMapping);
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
