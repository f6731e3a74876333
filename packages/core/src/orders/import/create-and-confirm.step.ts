import type { ErpOrderDraft } from '../../ports.js';
import { missing, type ImportBatch } from './import-batch.js';

/** Step 5: one create for every new order. */
export async function createOrders(batch: ImportBatch): Promise<void> {
  const creating = batch.next('create');
  if (creating.length === 0) return;
  try {
    const results = await batch.erp.createOrders(creating.map((w) => w.draft as ErpOrderDraft));
    creating.forEach((w, i) => {
      const r = results[i];
      if (r === undefined)
        return batch.fail(w, missing(`the ERP gave no create result for ${w.order.orderRef}`));
      if (!r.ok) return batch.fail(w, r.error);
      w.erpOrderId = r.value.orderId;
      w.done.push('create');
      w.next += 1;
    });
  } catch (err) {
    for (const w of creating) batch.fail(w, err);
  }
}

/** Step 7: one confirmation for every order that must be confirmed. */
export async function confirmOrders(batch: ImportBatch): Promise<void> {
  const confirming = batch.next('confirm');
  if (confirming.length === 0) return;
  try {
    const results = await batch.erp.confirmOrders(confirming.map((w) => w.erpOrderId as number));
    confirming.forEach((w, i) => {
      const r = results[i];
      if (r === undefined)
        return batch.fail(w, missing(`the ERP gave no confirm result for ${w.order.orderRef}`));
      if (!r.ok) return batch.fail(w, r.error);
      w.done.push('confirm');
      w.next += 1;
    });
  } catch (err) {
    for (const w of confirming) batch.fail(w, err);
  }
}
