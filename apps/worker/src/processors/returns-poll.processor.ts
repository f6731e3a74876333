import type { ProcessorFn } from '@temu-odoo/queues';
import type { ReturnCase } from '@temu-odoo/core';
import type { WorkerDeps } from '../worker-deps.js';
import { returnsOf, returnsSyncJobId } from '../returns/returns-deps.js';

const FIRST_POLL_LOOKBACK_MS = 7 * 86_400_000;

/**
 * Finds refund, return and cancellation cases changed since the watermark (overlapping windows, as
 * orders do) and every case still open (its next step may depend on Odoo alone: the warehouse
 * receiving a return), and enqueues one `returns.sync` each.
 */
export function returnsPoll(deps: WorkerDeps): ProcessorFn<'returns.poll'> {
  return async ({ shopId }, { log }) => {
    const { market, open } = returnsOf(deps, shopId);
    const nowMs = deps.clock.nowMs();
    const since = (await open.watermark(shopId)) ?? nowMs - FIRST_POLL_LOOKBACK_MS;
    const window = { fromMs: since - deps.settings.pollOverlapMs, toMs: nowMs };
    const seen = new Map<string, ReturnCase>();
    for await (const c of market.listReturnCases(window)) seen.set(c.caseRef, c);
    for await (const c of market.listCancellations(window)) seen.set(c.caseRef, c);
    // An open case is re-checked every poll under a fresh id (below): its next step may depend on
    // Odoo alone, and under its unchanged Temu version the sync would be a duplicate id, skipped —
    // a cancellation refunded after shipment stays 'refunded' on Temu while its goods come back.
    const openCases = (await open.list(shopId)).filter((c) => c.parked === null);
    const openRefs = new Set(openCases.map((c) => c.caseRef));
    for (const c of seen.values()) {
      if (openRefs.has(c.caseRef)) continue;
      await deps.registry.enqueue(
        'returns.sync',
        { shopId, caseRef: c.caseRef, orderRef: c.orderRef, updatedAtMs: c.updatedAtMs },
        { jobId: returnsSyncJobId(shopId, c.caseRef, `${c.status}.${c.updatedAtMs}`) },
      );
    }
    for (const c of openCases) {
      await deps.registry.enqueue(
        'returns.sync',
        {
          shopId,
          caseRef: c.caseRef,
          orderRef: c.orderRef,
          updatedAtMs: seen.get(c.caseRef)?.updatedAtMs ?? c.seenAtMs,
        },
        { jobId: returnsSyncJobId(shopId, c.caseRef, `open.${nowMs}`) },
      );
    }
    await open.setWatermark(shopId, nowMs);
    log.info({ changed: seen.size, open: openCases.length }, 'after-sales cases polled');
    return { changed: seen.size, rechecked: openCases.length };
  };
}
