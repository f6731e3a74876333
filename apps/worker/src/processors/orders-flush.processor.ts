import { IntegrationError } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { writeOrders } from '../orders/write-orders.js';
import { scheduleFlush } from '../orders/schedule-flush.js';

/**
 * Drains the shop's buffer into Odoo, a batch at a time. Parked orders become their own
 * `orders.upsert` job, which fails with the reason and can be replayed once the cause is fixed;
 * orders that failed for a retryable reason go back to the buffer.
 */
export function ordersFlush(deps: WorkerDeps): ProcessorFn<'orders.flush'> {
  return async ({ shopId }, { log }) => {
    const claim = await deps.buffer.claim(shopId, deps.settings.batchSize);
    const claimed = claim.orders;
    if (!claimed.length) {
      const left = await deps.buffer.size(shopId);
      if (left.claimed > 0) await scheduleFlush(deps, shopId, 10_000);
      return { written: 0, claimedElsewhere: left.claimed };
    }
    const allRefs = claimed.map((o) => o.orderRef);
    let summary;
    try {
      summary = await deps.buffer.whileHeld(
        shopId,
        claim,
        () => writeOrders(deps, shopId, claimed, log),
        (lost, err) =>
          log.warn(
            { lostClaims: lost.slice(0, 20), err: err?.message },
            'buffer claims not renewed (another flush may take them; the locks keep Odoo writes single)',
          ),
      );
    } catch (err) {
      await deps.buffer.release(shopId, claim, allRefs);
      throw err;
    }
    const byRef = new Map(claimed.map((o) => [o.orderRef, o]));
    const parked = summary.results.filter((r) => r.outcome === 'parked').map((r) => byRef.get(r.orderRef)!);
    const failed = summary.results.filter((r) => r.outcome === 'failed').map((r) => byRef.get(r.orderRef)!);
    for (const order of parked) {
      await deps.registry.enqueue(
        'orders.upsert',
        { shopId, orders: [order] },
        { jobId: `parked.${shopId}.${order.orderRef}.${order.updatedAtMs}` },
      );
    }
    await deps.buffer.release(
      shopId,
      claim,
      [...failed, ...summary.busy].map((o) => o.orderRef),
    );
    await deps.buffer.ack(
      shopId,
      claim,
      summary.results.filter((r) => r.outcome !== 'failed').map((r) => r.orderRef),
    );
    const left = await deps.buffer.size(shopId);
    // Pending orders: go on at once (or after a pause if this batch hit trouble). Orders claimed by
    // someone else: look again later, so a claim left by a killed worker is taken back when its
    // lease runs out instead of waiting for the next order to arrive.
    if (left.pending > 0) await scheduleFlush(deps, shopId, failed.length || summary.busy.length ? 5_000 : 0);
    else if (left.claimed > 0) await scheduleFlush(deps, shopId, 10_000);
    const counts = Object.fromEntries(
      ['created', 'updated', 'unchanged', 'ignored', 'parked', 'failed'].map((o) => [
        o,
        summary.results.filter((r) => r.outcome === o).length,
      ]),
    );
    log.info({ ...counts, busy: summary.busy.length, pending: left.pending }, 'orders written to Odoo');
    if (failed.length && failed.length === claimed.length) {
      const first = summary.results.find((r) => r.outcome === 'failed');
      throw new IntegrationError(
        `no order of the batch could be written: ${first?.reason ?? 'unknown error'}`,
        {
          kind: 'transient',
          code: first?.code ?? 'ERR_ODOO_WRITE',
          cause: first?.error,
        },
      );
    }
    return { ...counts, busy: summary.busy.length };
  };
}
