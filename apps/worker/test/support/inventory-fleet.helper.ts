/**
 * Shared pieces of the inventory end-to-end tests (issue 6): one catalogue seeded into both
 * sandboxes under the same seller codes, the allocation formula computed independently of core
 * (integer arithmetic, so no floating-point rounding can hide a wrong floor), and waits on BullMQ
 * state that end when the work is done rather than after a fixed sleep.
 */
import type { Job } from 'bullmq';
import type { QueueName } from '@temu-odoo/queues';
import { waitUntil, type Fleet } from '../../../../tools/lib/fleet.js';

/** The policy every inventory test runs with: shares in percent, safety stock in units. */
export const POLICY = {
  env: { STOCK_ALLOCATION: 'temu=0.4,own_site=0.35,other=0.25', SAFETY_STOCK: 'fixed:2' },
  temuPercent: 40,
  safety: 2,
};

/** `floor(max(0, free − safety) × share)` (issue 6 "What Temu gets"), in integers. */
export function expectedTarget(free: number): number {
  return Math.floor((Math.max(0, free - POLICY.safety) * POLICY.temuPercent) / 100);
}

export interface CatalogueSku {
  code: string;
  qty: number;
}

export interface Catalogue {
  goods: CatalogueSku[][];
  temu: Array<{
    goodsName: string;
    skus: Array<{ sellerSku: string; priceMinor: number; currency: string; stock: number }>;
  }>;
  odoo: Array<{ defaultCode: string; name: string; listPrice: number; qtyOnHand: number }>;
}

/**
 * `goodsCount` goods × `skusPerGoods` SKUs, Odoo on-hand `qty(g, s)`. Temu starts with a stock
 * (999) that no target of these quantities equals, so a SKU the worker skipped would show.
 */
export function catalogue(
  label: string,
  goodsCount: number,
  skusPerGoods: number,
  qty: (g: number, s: number) => number,
): Catalogue {
  const goods = Array.from({ length: goodsCount }, (_, g) =>
    Array.from({ length: skusPerGoods }, (_, s) => ({
      code: `${label}-${String(g + 1).padStart(4, '0')}-${String.fromCharCode(65 + s)}`,
      qty: qty(g, s),
    })),
  );
  return {
    goods,
    temu: goods.map((skus, g) => ({
      goodsName: `${label} goods ${g + 1}`,
      skus: skus.map((sku) => ({ sellerSku: sku.code, priceMinor: 1299, currency: 'USD', stock: 999 })),
    })),
    odoo: goods.flatMap((skus) =>
      skus.map((sku) => ({
        defaultCode: sku.code,
        name: `${sku.code} product`,
        listPrice: 12.99,
        qtyOnHand: sku.qty,
      })),
    ),
  };
}

/** Current Temu stock per seller SKU code, from the sandbox's control view. */
export async function temuStock(fleet: Fleet): Promise<Map<string, number>> {
  const { skus } = await fleet.temuControl<{
    skus: Array<{ sellerSku: string; stock: number; skuId: string }>;
  }>('GET', 'state/skus');
  return new Map(skus.map((s) => [s.sellerSku, s.stock]));
}

export interface TemuStats {
  callsByType: Record<string, number>;
  maxObserved: { groupPerMinute: Record<string, number>; appKeyPerSecond: Record<string, number> };
  throttled: { total: number };
}

export async function temuStats(fleet: Fleet): Promise<TemuStats> {
  return fleet.temuControl<TemuStats>('GET', 'stats');
}

export const STOCK_EDIT = 'bg.local.goods.stock.edit';

export async function setOdooStock(fleet: Fleet, changes: CatalogueSku[]): Promise<void> {
  for (const c of changes) await fleet.odooControl('POST', 'stock', { defaultCode: c.code, qty: c.qty });
}

/** Resolves with the job's return value once it completed; a failed job fails the wait at once. */
export async function jobResult<T = unknown>(fleet: Fleet, job: Job, timeoutMs: number): Promise<T> {
  const queue = fleet.registry.queue(job.queueName as QueueName);
  return waitUntil(
    async () => {
      const state = await job.getState();
      if (state === 'failed') {
        const failed = await queue.getJob(job.id!);
        throw new Error(`job ${job.name} ${job.id} failed: ${failed?.failedReason ?? 'no reason recorded'}`);
      }
      if (state !== 'completed') return null;
      const done = await queue.getJob(job.id!);
      return { value: done?.returnvalue as T };
    },
    timeoutMs,
    `job ${job.name} ${job.id} to complete`,
  ).then((r) => r.value);
}

/** Waits until none of `queues` has a job waiting, delayed, prioritized or running. */
export async function drained(fleet: Fleet, queues: QueueName[], timeoutMs: number): Promise<void> {
  await waitUntil(
    async () => {
      for (const name of queues) {
        const counts = await fleet.registry
          .queue(name)
          .getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        if (Object.values(counts).some((n) => n > 0)) return false;
      }
      return true;
    },
    timeoutMs,
    `queues ${queues.join(', ')} to drain`,
  );
}

/** What the stock.sweep processor returns. */
export interface SweepSummary {
  full: boolean;
  productsRead: number;
  goodsToPush: number;
  skusToPush: number;
}

/** Enqueues one sweep as the scheduler would and waits until its pushes are all done. */
export async function sweepAndSettle(fleet: Fleet, full: boolean, timeoutMs: number): Promise<SweepSummary> {
  const job = await fleet.registry.enqueue('stock.sweep', { shopId: fleet.shopId, full });
  const summary = await jobResult<SweepSummary>(fleet, job, timeoutMs);
  await drained(fleet, ['odoo', 'temu-inventory'], timeoutMs);
  return summary;
}

/** Jobs of the inventory queue that ended in `failed` (none expected in a healthy run). */
export async function failedPushes(fleet: Fleet): Promise<string[]> {
  const failed = await fleet.registry.queue('temu-inventory').getFailed(0, 50);
  return failed.map((j) => `${j.name} ${j.id}: ${j.failedReason}`);
}
