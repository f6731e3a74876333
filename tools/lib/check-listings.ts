import type { Redis } from 'ioredis';
import { readListingReport, type ListingReportEntry, type QueueRegistry } from '@temu-odoo/queues';

export interface CheckListingsOptions {
  shopId: string;
  product?: string;
  publish: boolean;
  waitMs: number;
}

/** One line per failing product and reason, as the seller reads it. */
export function formatListingReport(entries: ListingReportEntry[]): string {
  const lines: string[] = [];
  for (const e of entries) {
    if (e.passed && !e.publishError) {
      lines.push(`PASS  ${e.code}  ${e.title}${e.goodsId ? `  (Temu goods ${e.goodsId})` : ''}`);
      if (e.priceNote) lines.push(`      ${e.priceNote}`);
      continue;
    }
    lines.push(`FAIL  ${e.code}  ${e.title}`);
    for (const i of e.issues) lines.push(`      ${i.field}: ${i.reason}`);
    if (e.publishError) lines.push(`      Temu refused it: ${e.publishError}`);
  }
  return lines.join('\n');
}

/**
 * `pnpm ops check-listings`: enqueues `listing.check` (a worker runs it), waits for it and prints the
 * report of the products it checked.
 */
export async function checkListings(
  registry: QueueRegistry,
  redis: Redis,
  o: CheckListingsOptions,
): Promise<string> {
  const job = await registry.enqueue(
    'listing.check',
    { shopId: o.shopId, ...(o.product ? { productCodes: [o.product] } : {}), publish: o.publish },
    { jobId: `listing.check-${o.shopId}-${o.product ?? 'all'}-${Date.now()}` },
  );
  const deadline = Date.now() + o.waitMs;
  for (;;) {
    const state = await job.getState();
    if (state === 'completed') break;
    if (state === 'failed') {
      const failed = await registry.queue('temu-products').getJob(job.id!);
      throw new Error(`listing.check ${job.id} failed: ${failed?.failedReason}`);
    }
    if (Date.now() > deadline)
      throw new Error(
        `listing.check ${job.id} is still ${state} after ${o.waitMs / 1000} s: is a worker serving temu-products?`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
  const done = await registry.queue('temu-products').getJob(job.id!);
  const summary = done!.returnvalue as {
    checked: number;
    passed: number;
    failed: number;
    published: number;
    notFound: string[];
    checkedCodes: string[];
  };
  const shown = await readListingReport(redis, registry.prefix, o.shopId, summary.checkedCodes);
  const head = `${summary.checked} checked, ${summary.passed} pass, ${summary.failed} to fix, ${summary.published} published${
    summary.notFound.length ? `; not in Odoo: ${summary.notFound.join(', ')}` : ''
  }`;
  return `${head}\n${formatListingReport(shown)}`;
}
