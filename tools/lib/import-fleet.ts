import { TEMU_DEFAULT_QUOTAS } from '@temu-odoo/temu-connector';
import { demoGoods } from './demo-catalog.js';
import { startFleet, uniquePrefix, type Fleet, type FleetOptions } from './fleet.js';
import { importedCount } from './sandbox-stats.js';

/** Temu quotas (R18). The sandbox enforces them and the worker limits itself to them: always the same figures. */
export interface Quotas {
  ordersPerMinute: number;
  inventoryPerMinute: number;
  productsPerMinute: number;
  shippingPerMinute: number;
  financePerMinute: number;
  perSecond: number;
}

export const DEFAULT_QUOTAS: Quotas = {
  ordersPerMinute: TEMU_DEFAULT_QUOTAS.perMinute.orders,
  inventoryPerMinute: TEMU_DEFAULT_QUOTAS.perMinute.inventory,
  productsPerMinute: TEMU_DEFAULT_QUOTAS.perMinute.products,
  shippingPerMinute: TEMU_DEFAULT_QUOTAS.perMinute.shipping,
  financePerMinute: TEMU_DEFAULT_QUOTAS.perMinute.finance,
  perSecond: TEMU_DEFAULT_QUOTAS.perSecond,
};

export function scaleQuotas(q: Quotas, factor: number): Quotas {
  const s = (n: number) => Math.max(1, Math.round(n * factor));
  return {
    ordersPerMinute: s(q.ordersPerMinute),
    inventoryPerMinute: s(q.inventoryPerMinute),
    productsPerMinute: s(q.productsPerMinute),
    shippingPerMinute: s(q.shippingPerMinute),
    financePerMinute: s(q.financePerMinute),
    perSecond: s(q.perSecond),
  };
}

export function quotaEnv(q: Quotas): NodeJS.ProcessEnv {
  return {
    TEMU_QUOTA_ORDERS_PER_MINUTE: String(q.ordersPerMinute),
    TEMU_QUOTA_INVENTORY_PER_MINUTE: String(q.inventoryPerMinute),
    TEMU_QUOTA_PRODUCTS_PER_MINUTE: String(q.productsPerMinute),
    TEMU_QUOTA_SHIPPING_PER_MINUTE: String(q.shippingPerMinute),
    TEMU_QUOTA_FINANCE_PER_MINUTE: String(q.financePerMinute),
    TEMU_QUOTA_PER_SECOND: String(q.perSecond),
  };
}

export function sandboxRateLimits(q: Quotas) {
  return {
    appKeyPerSecond: q.perSecond,
    groupPerMinute: {
      orders: q.ordersPerMinute,
      inventory: q.inventoryPerMinute,
      products: q.productsPerMinute,
      shipping: q.shippingPerMinute,
      finance: q.financePerMinute,
    },
  };
}

export interface ImportFleetOptions {
  label: string;
  quotas: Quotas;
  redisUrl?: string;
  temu?: FleetOptions['temu'];
  odoo?: FleetOptions['odoo'];
  workerEnv?: NodeJS.ProcessEnv;
}

/**
 * Both sandboxes with the same quotas on both sides, an empty order book (orders are created by the
 * scenario), amounts available at once, and the demo catalogue on both sides.
 */
export function startImportFleet(options: ImportFleetOptions): Promise<Fleet> {
  return startFleet({
    prefix: uniquePrefix(options.label),
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    temu: {
      orderCount: 0,
      amountCalculationMs: 0,
      pendingToUnshippedMs: 3_600_000,
      rateLimits: sandboxRateLimits(options.quotas),
      catalog: demoTemuCatalog(),
      ...options.temu,
    },
    odoo: { products: demoOdooProducts(), ...options.odoo },
    // Measured in production form: the compiled worker, as the Docker image runs it.
    workerRuntime: 'dist',
    workerEnv: {
      WORKER_CONCURRENCY: 'temu-orders=8,odoo=2',
      // The worker's production default (the test harness shortens it): batches fill as in production.
      ODOO_FLUSH_DELAY_MS: '10000',
      ...quotaEnv(options.quotas),
      ...options.workerEnv,
    },
  });
}

/** The `pnpm start` demo catalogue: the same seller codes on both sides, so every order line maps. */
export function demoTemuCatalog() {
  return demoGoods().map((g) => ({
    goodsName: g.goodsName,
    skus: g.skus.map((s) => ({
      sellerSku: s.sellerSku,
      priceMinor: s.priceMinor,
      currency: s.currency,
      stock: 1_000_000,
    })),
  }));
}

export function demoOdooProducts() {
  return demoGoods().flatMap((g) =>
    g.skus.map((s) => ({
      defaultCode: s.sellerSku,
      name: s.name,
      listPriceMinor: s.priceMinor,
      qtyOnHand: 1_000_000,
    })),
  );
}

/**
 * Creates `count` unshipped (status 2) parent orders — pending ones are not expected in Odoo before
 * they become unshipped — of which `malformed` are structurally broken (sandbox kinds in turn).
 */
export async function seedUnshippedOrders(fleet: Fleet, count: number, malformed = 0): Promise<void> {
  const kinds = ['missing_order_sn', 'bad_quantity', 'missing_status'] as const;
  for (let left = count - malformed; left > 0; left -= 500) {
    await fleet.temuControl('POST', 'orders', { count: Math.min(500, left), status: 2 });
  }
  for (let i = 0; i < malformed; i++) {
    await fleet.temuControl('POST', 'orders', { count: 1, status: 2, malformed: kinds[i % kinds.length] });
  }
}

/** Cheap progress probe: sale.order record count of the Odoo sandbox (`GET /_sandbox/state`). */
export async function saleOrderCount(fleet: Fleet): Promise<number> {
  const { models } = await fleet.odooControl<{ models: Array<{ model: string; count: number }> }>(
    'GET',
    'state',
  );
  return models.find((m) => m.model === 'sale.order')?.count ?? 0;
}

export interface ImportWait {
  done: boolean;
  imported: number;
  elapsedMs: number;
}

/** Polls until `expected` sale orders exist or `timeoutMs` passed; `onTick` runs every probe. */
export async function waitForImport(
  fleet: Fleet,
  expected: number,
  timeoutMs: number,
  onTick?: (imported: number) => void | Promise<void>,
): Promise<ImportWait> {
  const started = Date.now();
  for (;;) {
    const count = await saleOrderCount(fleet);
    await onTick?.(count);
    // A record count may include duplicates; confirm with distinct refs before calling it done.
    if (count >= expected) {
      const distinct = await importedCount(fleet);
      if (distinct >= expected) return { done: true, imported: distinct, elapsedMs: Date.now() - started };
    }
    if (Date.now() - started > timeoutMs) {
      return { done: false, imported: await importedCount(fleet), elapsedMs: Date.now() - started };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
