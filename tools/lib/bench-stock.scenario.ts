import type { Fleet } from './fleet.js';
import { startFleet, uniquePrefix } from './fleet.js';
import { benchCatalog, pickIndexes } from './bench-catalog.js';
import { quotaEnv, sandboxRateLimits, type Quotas } from './import-fleet.js';
import { odooStats, resetStats, temuStats } from './sandbox-stats.js';
import { waitForWorkersReady } from './bench-import.scenario.js';
import { percentile, round } from './report.js';

export interface StockRunResult {
  params: {
    skus: number;
    changedShare: number;
    workers: number;
    quotas: Quotas;
    nearRealTimeSweepMs: number;
    latencySamples: number;
  };
  warmUp: { seconds: number; temuStockCalls: number };
  sweep: {
    completed: boolean;
    changedSkus: number;
    changedGoods: number;
    durationSeconds: number;
    temuStockCalls: number;
    temuCallsEqualChangedGoods: boolean;
    temuCallsTotal: number;
    odooCalls: number;
    odooCallsByMethod: Record<string, number>;
  };
  propagation: {
    samples: number;
    timedOut: number;
    p50Ms: number | null;
    p95Ms: number | null;
    maxMs: number | null;
  };
}

const STOCK_EDIT = 'bg.local.goods.stock.edit';

/**
 * Scenario 3: `skus` SKUs on both sides. A warm-up full sweep makes Temu equal to Odoo; then
 * `changedShare` of the SKUs change in Odoo and one incremental sweep is timed until every push is
 * done. Last, near-real-time mode: a sweep every `nearRealTimeSweepMs` (as the scheduler does with
 * STOCK_SYNC_FAST_MINUTES) while single Odoo changes are timed until Temu shows them.
 */
export async function runStockSweep(p: StockRunResult['params']): Promise<StockRunResult> {
  const catalog = benchCatalog(p.skus);
  const fleet = await startFleet({
    prefix: uniquePrefix('stock'),
    temu: { orderCount: 0, catalog: catalog.temu, rateLimits: sandboxRateLimits(p.quotas) },
    odoo: { products: catalog.odoo },
    workerEnv: { WORKER_CONCURRENCY: 'temu-inventory=8,odoo=2', ...quotaEnv(p.quotas) },
    workerRuntime: 'dist',
  });
  try {
    for (let i = 0; i < p.workers; i++) fleet.startWorker();
    await waitForWorkersReady(fleet);
    const shopId = fleet.shopId;
    let t = Date.now();
    await runSweep(fleet, true, 600_000);
    const warm = await temuStats(fleet);
    const warmUp = {
      seconds: round((Date.now() - t) / 1000, 1),
      temuStockCalls: warm.callsByType[STOCK_EDIT] ?? 0,
    };

    const changed = pickIndexes(p.skus, Math.round(p.skus * p.changedShare), 7);
    const goods = new Set(changed.map((i) => Math.floor(i / catalog.skusPerGoods)));
    for (const i of changed)
      await fleet.odooControl('POST', 'stock', { defaultCode: catalog.codes[i], qty: 7 + (i % 13) });
    await resetStats(fleet);
    t = Date.now();
    const completed = await runSweep(fleet, false, 300_000);
    const durationSeconds = round((Date.now() - t) / 1000, 1);
    const [temu, odoo] = await Promise.all([temuStats(fleet), odooStats(fleet)]);
    const stockCalls = temu.callsByType[STOCK_EDIT] ?? 0;

    const latencies: number[] = [];
    let timedOut = 0;
    let stop = false;
    const sweeper = (async () => {
      while (!stop) {
        await fleet.registry.enqueue('stock.sweep', { shopId, full: false });
        await new Promise((r) => setTimeout(r, p.nearRealTimeSweepMs));
      }
    })();
    for (let s = 0; s < p.latencySamples; s++) {
      const i = pickIndexes(p.skus, 1, 1000 + s)[0]!;
      const code = catalog.codes[i]!;
      const qty = 200 + s;
      const changedAt = Date.now();
      await fleet.odooControl('POST', 'stock', { defaultCode: code, qty });
      const ms = await waitForTemuStock(fleet, code, qty, p.nearRealTimeSweepMs * 4 + 30_000);
      if (ms === null) timedOut += 1;
      else latencies.push(ms - changedAt);
      // Land the next change at a different point of the sweep cycle.
      await new Promise((r) => setTimeout(r, (p.nearRealTimeSweepMs * ((s * 37) % 100)) / 100));
    }
    stop = true;
    await sweeper;
    return {
      params: p,
      warmUp,
      sweep: {
        completed,
        changedSkus: changed.length,
        changedGoods: goods.size,
        durationSeconds,
        temuStockCalls: stockCalls,
        temuCallsEqualChangedGoods: stockCalls === goods.size,
        temuCallsTotal: temu.callsTotal,
        odooCalls: odoo.totalCalls,
        odooCallsByMethod: odoo.calls,
      },
      propagation: {
        samples: latencies.length,
        timedOut,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        maxMs: latencies.length ? Math.max(...latencies) : null,
      },
    };
  } finally {
    await fleet.stop();
  }
}

/** Enqueues one sweep and waits until it and every stock push it caused are finished. */
async function runSweep(fleet: Fleet, full: boolean, timeoutMs: number): Promise<boolean> {
  const job = await fleet.registry.enqueue('stock.sweep', { shopId: fleet.shopId, full });
  const inventory = fleet.registry.queue('temu-inventory');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await job.getState();
    if (state === 'failed')
      throw new Error(
        `stock.sweep ${job.id} failed: ${(await fleet.registry.queue('odoo').getJob(job.id!))?.failedReason}`,
      );
    if (state === 'completed') {
      const c = await inventory.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (!Object.values(c).some(Boolean)) return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function waitForTemuStock(
  fleet: Fleet,
  code: string,
  qty: number,
  timeoutMs: number,
): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { skus } = await fleet.temuControl<{ skus: Array<{ sellerSku: string; stock: number }> }>(
      'GET',
      'state/skus',
    );
    if (skus.find((s) => s.sellerSku === code)?.stock === qty) return Date.now();
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}
