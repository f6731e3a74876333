import type { Order } from '../order.js';
import { resolveErpSku, type SkuMapping } from '../orders/order-mapping.js';
import { isNewerVersion, type OrderVersion } from '../orders/order-version.js';
import type { OversellEvent } from './oversell-monitor.js';

/** Statuses in which the import confirms an order in the ERP (stock is then reserved). */
const CONFIRMABLE = new Set<Order['status']>([
  'unshipped',
  'partially_shipped',
  'shipped',
  'partially_delivered',
  'delivered',
]);

/**
 * The orders of a batch the import may confirm now: in a confirmable status and newer than the
 * version last written. That includes orders seen before only while pending (no address yet, so
 * not in the ERP), which is how most marketplace orders arrive. Their free stock must be read
 * before the import confirms them, for `oversoldOrders`.
 */
export function ordersAboutToConfirm(
  orders: readonly Order[],
  synced: ReadonlyMap<string, OrderVersion>,
): Order[] {
  return orders.filter((o) => CONFIRMABLE.has(o.status) && isNewerVersion(o, synced.get(o.orderRef)));
}

/** The ERP SKUs of these orders' lines, each once (lines without one are left out). */
export function erpSkusOf(orders: readonly Order[], skuMapping?: SkuMapping): string[] {
  const skus = orders.flatMap((o) => o.lines.map((l) => resolveErpSku(l, skuMapping)));
  return [...new Set(skus.filter((s): s is string => !!s))];
}

/**
 * The oversold decision (R10): orders just confirmed, oldest first, consume the free stock read
 * before the batch; an order is oversold when one of its lines found less free stock than it
 * needs. Lines without an ERP SKU or with nothing left to ship consume nothing.
 */
export function oversoldOrders(
  confirmed: readonly Order[],
  freeBefore: ReadonlyMap<string, number>,
  atMs: number,
  skuMapping?: SkuMapping,
): OversellEvent[] {
  const remaining = new Map(freeBefore);
  return [...confirmed]
    .sort((a, b) => a.createdAtMs - b.createdAtMs)
    .map((order) => {
      let oversold = false;
      for (const line of order.lines) {
        const sku = resolveErpSku(line, skuMapping);
        if (!sku || line.quantity <= 0) continue;
        const free = remaining.get(sku) ?? 0;
        if (free < line.quantity) oversold = true;
        remaining.set(sku, free - line.quantity);
      }
      return { atMs, orderRef: order.orderRef, oversold };
    });
}
