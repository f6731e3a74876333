import type { Order } from '../order.js';
import { silentLog } from '../use-case-log.js';
import { DEFAULT_MARKETPLACE_NAME } from '../marketplace-name.js';
import { EMPTY_SKU_MAPPING } from './order-mapping.js';
import { asError, ImportBatch, latestPerRef } from './import/import-batch.js';
import type { ImportOrderResult, ImportOrdersDeps } from './import/import-types.js';
import { findExistingOrders } from './import/find-existing-orders.step.js';
import { resolveProducts } from './import/resolve-products.step.js';
import { settleCustomers } from './import/settle-customers.step.js';
import { repriceQuotations } from './import/reprice-quotations.step.js';
import { confirmOrders, createOrders } from './import/create-and-confirm.step.js';
import { runFollowUps } from './import/follow-ups.step.js';
import { errorResult, report, resultOf, supersededResult } from './import/import-results.js';

export type { ImportOrderResult, ImportOrdersDeps, ImportOutcome } from './import/import-types.js';

/**
 * Imports a batch of marketplace orders into the ERP with batched calls: one `findOrdersByRefs`, one
 * `resolveProducts`, one `findOrCreateCustomers`, one `createOrders` and one `confirmOrders` for the
 * whole batch, then per-order follow-ups (reduce, deliver, invoice, cancel) only for the orders that
 * need them. A backlog of N new unshipped orders therefore costs 5 port calls, not 5×N.
 *
 * Products are resolved before customers so that an order parked for an unknown SKU creates no
 * customer. One bad order never fails the others: each gets its own result. Each step is its own
 * file under ./import, in the order below.
 */
export async function importOrders(orders: Order[], deps: ImportOrdersDeps): Promise<ImportOrderResult[]> {
  const log = deps.log ?? silentLog;
  const batch = new ImportBatch(
    deps.erp,
    deps.mapping ?? EMPTY_SKU_MAPPING,
    log,
    deps.taxPolicy,
    deps.importCancelled ?? false,
    deps.marketplaceName ?? DEFAULT_MARKETPLACE_NAME,
  );
  const latest = latestPerRef(orders);

  try {
    await findExistingOrders(batch, latest);
  } catch (err) {
    const results = orders.map((o) => errorResult(o, asError(err), undefined, []));
    report(results, log);
    return results;
  }
  const products = await resolveProducts(batch);
  await settleCustomers(batch, products);
  await repriceQuotations(batch);
  await createOrders(batch);
  // Follow-ups that come before confirmation (a partial cancellation of a quotation).
  await runFollowUps(batch, products);
  await confirmOrders(batch);
  // Per-order follow-ups: deliveries, invoices, cancellations.
  await runFollowUps(batch, products);

  const results = orders.map((order) => {
    const w = batch.works.get(order.orderRef);
    return w === undefined || w.order !== order ? supersededResult(order) : resultOf(w);
  });
  report(results, log);
  return results;
}
