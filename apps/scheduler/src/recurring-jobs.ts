import type { JobInput, JobName } from '@temu-odoo/queues';
import type { SchedulerEnv } from './scheduler-env.js';

export interface RecurringJob<N extends JobName = JobName> {
  /** Stable scheduler id: the same id across restarts and replicas makes registration idempotent. */
  id: string;
  name: N;
  everyMs: number;
  data: JobInput<N>;
  /** Its interval follows shop state the worker keeps in Redis (oversell control), not only the env. */
  followsShopState?: true;
}

const min = (m: number) => Math.round(m * 60_000);

/** Everything the fleet does on a clock, per shop. */
export function recurringJobs(
  env: SchedulerEnv,
  shopIds: string[],
  /** Shops whose oversell control put the stock sync in near-real-time mode. */
  nearRealTimeShops: ReadonlySet<string> = new Set(),
  /** Fully-managed shops (issue 16): no consumer orders or stock of their own, only consignment jobs and the replenishment plan. */
  fullShops: ReadonlySet<string> = new Set(),
): RecurringJob[] {
  const jobs: RecurringJob[] = [
    {
      id: 'system.heartbeat',
      name: 'system.heartbeat',
      everyMs: env.HEARTBEAT_SECONDS * 1000,
      data: { from: 'scheduler', sentAtMs: 0 },
    },
    // Issue 14: parked jobs, backlog, throttling and Odoo reachability, for the whole fleet.
    { id: 'alerts.fleet', name: 'alerts.fleet', everyMs: min(1), data: {} },
  ];
  for (const shopId of shopIds) {
    if (fullShops.has(shopId)) {
      jobs.push(...consignmentJobs(env, shopId));
      continue;
    }
    jobs.push(
      {
        id: `orders.poll:${shopId}`,
        name: 'orders.poll',
        everyMs: min(env.ORDER_POLL_MINUTES),
        data: { shopId },
      },
      {
        id: `orders.reconcile:${shopId}`,
        name: 'orders.reconcile',
        everyMs: min(env.RECONCILE_MINUTES),
        data: { shopId },
      },
      {
        id: `stock.sweep:${shopId}`,
        name: 'stock.sweep',
        everyMs: min(nearRealTimeShops.has(shopId) ? env.STOCK_SYNC_FAST_MINUTES : env.STOCK_SYNC_MINUTES),
        data: { shopId, full: false },
        followsShopState: true,
      },
      {
        id: `stock.full:${shopId}`,
        name: 'stock.sweep',
        everyMs: min(env.STOCK_FULL_PASS_MINUTES),
        data: { shopId, full: true },
      },
      {
        id: `stock.reconcile:${shopId}`,
        name: 'stock.reconcile',
        everyMs: min(env.RECONCILE_MINUTES),
        data: { shopId },
      },
      {
        id: `shipping.scan:${shopId}`,
        name: 'shipping.scan',
        everyMs: min(env.SHIPPING_SCAN_MINUTES),
        data: { shopId },
      },
      {
        id: `products.refresh:${shopId}`,
        name: 'products.refresh',
        everyMs: min(env.PRODUCTS_REFRESH_MINUTES),
        data: { shopId },
      },
      // Temu has no token refresh (docs/temu-api.md §7.3): the expiry is read often enough to warn weeks ahead.
      { id: `auth.check:${shopId}`, name: 'auth.check', everyMs: 6 * 3_600_000, data: { shopId } },
      {
        id: `prices.plan:${shopId}`,
        name: 'prices.plan',
        everyMs: min(env.PRICES_PLAN_MINUTES),
        data: { shopId },
      },
      // Returns follow cases to the end (R15). It replaced `aftersales.poll` (which only re-synced the
      // orders of changed cases): a cancellation's order re-sync is one of its steps, so the old
      // schedule is gone and register-schedules removes it from Redis on the next start.
      {
        id: `returns.poll:${shopId}`,
        name: 'returns.poll',
        everyMs: min(env.AFTERSALES_POLL_MINUTES),
        data: { shopId },
      },
      // Issue 11: payouts booked before all their orders were settled are matched again until reconciled.
      {
        id: `settlement.reconcile:${shopId}`,
        name: 'settlement.reconcile',
        everyMs: min(env.SETTLEMENT_RECONCILE_MINUTES),
        data: { shopId },
      },
      // Issue 14: seller metrics and ship-by risk each minute, so an order at risk is seen in time.
      { id: `health.evaluate:${shopId}`, name: 'health.evaluate', everyMs: min(1), data: { shopId } },
    );
    // Off by default: a check reads every product and its image from Odoo (publishing follows the
    // mapping's listing.autoPublish).
    if (env.LISTING_CHECK_HOURS > 0)
      jobs.push({
        id: `listing.check:${shopId}`,
        name: 'listing.check',
        everyMs: min(env.LISTING_CHECK_HOURS * 60),
        data: { shopId },
      });
  }
  return jobs;
}

/**
 * A fully-managed shop (README "Selling models"): purchase orders polled like orders (status
 * followed, receipt at Temu's warehouse included), Odoo deliveries scanned like consumer shipments.
 */
function consignmentJobs(env: SchedulerEnv, shopId: string): RecurringJob[] {
  return [
    {
      id: `consignment.poll:${shopId}`,
      name: 'consignment.poll',
      everyMs: min(env.ORDER_POLL_MINUTES),
      data: { shopId },
    },
    {
      id: `consignment.ship-scan:${shopId}`,
      name: 'consignment.ship-scan',
      everyMs: min(env.SHIPPING_SCAN_MINUTES),
      data: { shopId },
    },
    { id: `auth.check:${shopId}`, name: 'auth.check', everyMs: 6 * 3_600_000, data: { shopId } },
    // R2: what to ship to Temu's warehouses, and by when (README "Forecasting and replenishment").
    {
      id: `replenishment.plan:${shopId}`,
      name: 'replenishment.plan',
      everyMs: 24 * 3_600_000,
      data: { shopId },
    },
  ];
}
