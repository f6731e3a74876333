import type { Order, SellerEvent } from '@temu-odoo/core';
import { SellerMetricsStore } from './seller-metrics.store.js';
import { DailyCounters } from './daily-counters.js';
import type { WorkerDeps } from '../worker-deps.js';

/** Marketplace statuses that mean the shipment was confirmed there (tracking known to Temu). */
const CONFIRMED = new Set<Order['status']>([
  'partially_shipped',
  'shipped',
  'partially_delivered',
  'delivered',
]);

/**
 * What an order written to the ERP tells the seller metrics: its ship-by time, and — from its
 * marketplace status — a confirmed shipment, a delivery or a cancellation (at the order's update
 * time). Each event counts once however often the order is written.
 */
export function orderEvents(order: Order): SellerEvent[] {
  const events: SellerEvent[] = [{ kind: 'imported', shipByMs: order.shipByMs }];
  if (CONFIRMED.has(order.status)) events.push({ kind: 'confirmed', atMs: order.updatedAtMs });
  if (order.status === 'delivered') events.push({ kind: 'delivered', atMs: order.updatedAtMs });
  if (order.status === 'cancelled') events.push({ kind: 'cancelled', atMs: order.updatedAtMs });
  return events;
}

export async function recordSellerEvents(
  deps: WorkerDeps,
  shopId: string,
  events: Array<{ orderRef: string; event: SellerEvent }>,
): Promise<void> {
  if (!events.length) return;
  await new SellerMetricsStore(deps.redis, deps.prefix, shopId).record(events, deps.clock.nowMs());
}

/** Orders created in the ERP now: today's count and their lag behind the marketplace update. */
export async function recordImportLag(deps: WorkerDeps, shopId: string, created: Order[]): Promise<void> {
  const nowMs = deps.clock.nowMs();
  await new DailyCounters(deps.redis, deps.prefix, shopId).recordImported(
    created.map((o) => nowMs - o.updatedAtMs),
    nowMs,
  );
}

export async function recordWrittenOrders(deps: WorkerDeps, shopId: string, orders: Order[]): Promise<void> {
  await recordSellerEvents(
    deps,
    shopId,
    orders.flatMap((o) => orderEvents(o).map((event) => ({ orderRef: o.orderRef, event }))),
  );
}
