import { pickIndexes } from './bench-catalog.js';
import { demoGoods } from './demo-catalog.js';
import { seedUnshippedOrders, startImportFleet, type Quotas } from './import-fleet.js';
import { resetStats, temuStats, type Group } from './sandbox-stats.js';
import { waitForWorkersReady } from './bench-import.scenario.js';

export interface QuotaRunResult {
  workers: number;
  durationSeconds: number;
  quotas: Quotas;
  admittedByGroup: Record<Group, number>;
  maxObservedPerGroupPerMinute: Record<Group, number>;
  maxObservedPerAppKeyPerSecond: Record<string, number>;
  /** Every group and app key at or below its quota. */
  withinQuota: boolean;
  throttled: number;
  throttledByReason: Record<string, number>;
  /** Groups that saw no call at all (nothing to do for them in this run). */
  idleGroups: Group[];
}

/**
 * Scenario 2: `workers` worker processes hammering every endpoint group they have work for for
 * `seconds`: an order backlog larger than the run can finish (orders), Odoo stock changes swept every
 * second (inventory), SKU refreshes (products), after-sales polls (finance). The sandbox's own
 * sliding windows say whether the fleet ever went over.
 */
export async function runQuotaAdherence(p: {
  workers: number;
  seconds: number;
  quotas: Quotas;
  orders: number;
}): Promise<QuotaRunResult> {
  const fleet = await startImportFleet({ label: `quota-w${p.workers}`, quotas: p.quotas });
  try {
    await seedUnshippedOrders(fleet, p.orders);
    for (let i = 0; i < p.workers; i++) fleet.startWorker();
    await waitForWorkersReady(fleet);
    await resetStats(fleet);
    const codes = demoGoods().flatMap((g) => g.skus.map((s) => s.sellerSku));
    const shopId = fleet.shopId;
    await fleet.registry.enqueue('orders.poll', { shopId });
    const started = Date.now();
    let tick = 0;
    while (Date.now() - started < p.seconds * 1000) {
      tick += 1;
      for (const i of pickIndexes(codes.length, 6, tick)) {
        await fleet.odooControl('POST', 'stock', { defaultCode: codes[i], qty: 10 + ((tick * 7 + i) % 50) });
      }
      await fleet.registry.enqueue('stock.sweep', { shopId, full: tick % 5 === 0 });
      await fleet.registry.enqueue('products.refresh', { shopId });
      await fleet.registry.enqueue('returns.poll', { shopId });
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const stats = await temuStats(fleet);
    const perGroup = stats.maxObserved.groupPerMinute;
    const limits: Record<Group, number> = {
      orders: p.quotas.ordersPerMinute,
      inventory: p.quotas.inventoryPerMinute,
      products: p.quotas.productsPerMinute,
      shipping: p.quotas.shippingPerMinute,
      finance: p.quotas.financePerMinute,
    };
    const withinQuota =
      (Object.keys(limits) as Group[]).every((g) => (perGroup[g] ?? 0) <= limits[g]) &&
      Object.values(stats.maxObserved.appKeyPerSecond).every((n) => n <= p.quotas.perSecond);
    return {
      workers: p.workers,
      durationSeconds: p.seconds,
      quotas: p.quotas,
      admittedByGroup: stats.admittedByGroup,
      maxObservedPerGroupPerMinute: perGroup,
      maxObservedPerAppKeyPerSecond: stats.maxObserved.appKeyPerSecond,
      withinQuota,
      throttled: stats.throttled.total,
      throttledByReason: stats.throttled.byReason,
      idleGroups: (Object.keys(limits) as Group[]).filter((g) => !stats.admittedByGroup[g]),
    };
  } finally {
    await fleet.stop();
  }
}
