import type { Order } from '../../order.js';
import type { ErpOrderSummary } from '../../ports.js';
import { planOrderActions } from '../order-state-machine.js';
import { pickSummary, type ImportBatch } from './import-batch.js';

/**
 * Step 1: one lookup for every reference (search-before-create, R8), then each order's plan from
 * what the ERP has. Throws when the lookup fails: nothing can be decided for any order then.
 */
export async function findExistingOrders(batch: ImportBatch, latest: Map<string, Order>): Promise<void> {
  const summaries = latest.size === 0 ? [] : await batch.erp.findOrdersByRefs([...latest.keys()]);
  const byRef = new Map<string, ErpOrderSummary[]>();
  for (const s of summaries) byRef.set(s.orderRef, [...(byRef.get(s.orderRef) ?? []), s]);

  for (const [ref, order] of latest) {
    const found = pickSummary(byRef.get(ref) ?? [], batch.log);
    batch.works.set(ref, {
      order,
      erp: found,
      plan: planOrderActions(order, found, {
        mapping: batch.mapping,
        importCancelled: batch.importCancelled,
      }),
      next: 0,
      done: [],
      erpOrderId: found?.orderId,
      draft: undefined,
      customerKey: undefined,
      error: undefined,
    });
  }
}
