import type { WorkerDeps } from '../worker-deps.js';

/**
 * Asks for a batched Odoo write soon. Deduplicated per shop for the flush delay: the orders read in
 * that time go to Odoo together, which is what keeps Odoo near one call per order.
 */
export async function scheduleFlush(
  deps: WorkerDeps,
  shopId: string,
  delayMs = deps.settings.flushDelayMs,
): Promise<void> {
  await deps.registry.enqueue(
    'orders.flush',
    { shopId },
    { delay: delayMs, deduplication: { id: `flush.${shopId}`, ttl: Math.max(delayMs, 1) } },
  );
}
