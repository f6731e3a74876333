import type { BatchResult, ErpOrderDraft } from '../../ports.js';
import { missing, type ImportBatch } from './import-batch.js';
import type { Work } from './import-types.js';

/** Step 5: one create for every new order. */
export function createOrders(batch: ImportBatch): Promise<void> {
  return batchedCall(
    batch,
    'create',
    (works) => batch.erp.createOrders(works.map((w) => w.draft as ErpOrderDraft)),
    (w, created) => {
      w.erpOrderId = created.orderId;
    },
  );
}

/** Step 7: one confirmation for every order that must be confirmed. */
export function confirmOrders(batch: ImportBatch): Promise<void> {
  return batchedCall(
    batch,
    'confirm',
    (works) => batch.erp.confirmOrders(works.map((w) => w.erpOrderId as number)),
    () => undefined,
  );
}

/**
 * One ERP call for every live order whose next action is `kind`, answered one result per order in
 * order: a result missing or not ok fails that order only; the call failing fails them all.
 */
async function batchedCall<T>(
  batch: ImportBatch,
  kind: 'create' | 'confirm',
  call: (works: Work[]) => Promise<Array<BatchResult<T>>>,
  onDone: (w: Work, value: T) => void,
): Promise<void> {
  const works = batch.next(kind);
  if (works.length === 0) return;
  try {
    const results = await call(works);
    works.forEach((w, i) => {
      const r = results[i];
      if (r === undefined)
        return batch.fail(w, missing(`the ERP gave no ${kind} result for ${w.order.orderRef}`));
      if (!r.ok) return batch.fail(w, r.error);
      onDone(w, r.value);
      w.done.push(kind);
      w.next += 1;
    });
  } catch (err) {
    for (const w of works) batch.fail(w, err);
  }
}
