import { BadInputError, IntegrationError } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { writeOrders } from '../orders/write-orders.js';

/**
 * Writes given orders now (a parked order's own job, or a manual trigger). A parked outcome fails
 * the job with the reason, so it waits in `failed` until someone fixes the cause and replays it.
 */
export function ordersUpsert(deps: WorkerDeps): ProcessorFn<'orders.upsert'> {
  return async ({ shopId, orders }, { log }) => {
    const { results, busy } = await writeOrders(deps, shopId, orders, log);
    if (busy.length) {
      throw new IntegrationError(
        `orders ${busy.map((o) => o.orderRef).join(', ')} are being written by another worker`,
        {
          kind: 'transient',
          code: 'ERR_ORDER_LOCKED',
        },
      );
    }
    const parked = results.filter((r) => r.outcome === 'parked');
    if (parked.length) {
      throw new BadInputError(
        parked.map((r) => `${r.orderRef}: ${r.reason}`).join('; '),
        parked[0]!.code ?? 'ERR_ORDER_PARKED',
      );
    }
    const failed = results.find((r) => r.outcome === 'failed');
    if (failed) {
      throw new IntegrationError(`${failed.orderRef}: ${failed.reason}`, {
        kind: 'transient',
        code: failed.code ?? 'ERR_ODOO_WRITE',
        cause: failed.error,
      });
    }
    return results.map((r) => ({
      orderRef: r.orderRef,
      outcome: r.outcome,
      odooOrderId: r.erpOrderId,
      actions: r.actions,
    }));
  };
}
