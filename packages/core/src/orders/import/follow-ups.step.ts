import type { OrderAction } from '../order-state-machine.js';
import { missing, type ImportBatch } from './import-batch.js';
import type { Work } from './import-types.js';

/**
 * Steps 6 and 8: each live order runs its next per-order actions (reduce, deliver, invoice, cancel)
 * until a batched one (create/confirm) or the end; an order stops at its first failure.
 */
export async function runFollowUps(batch: ImportBatch, products: ReadonlyMap<string, number>): Promise<void> {
  for (const w of batch.alive()) await runUntilBarrier(batch, w, products);
}

async function runUntilBarrier(
  batch: ImportBatch,
  w: Work,
  products: ReadonlyMap<string, number>,
): Promise<void> {
  while (w.error === undefined) {
    const action = w.plan[w.next];
    if (action === undefined || action.kind === 'create' || action.kind === 'confirm') return;
    if (action.kind === 'ignore') return;
    try {
      await execute(batch, action, w, products);
      w.done.push(action.kind);
      w.next += 1;
    } catch (err) {
      batch.fail(w, err);
    }
  }
}

async function execute(
  { erp }: ImportBatch,
  action: Exclude<OrderAction, { kind: 'create' | 'confirm' | 'ignore' }>,
  w: Work,
  products: ReadonlyMap<string, number>,
): Promise<void> {
  const orderId = w.erpOrderId;
  if (orderId === undefined) throw missing(`order ${w.order.orderRef} has no ERP id for ${action.kind}`);
  switch (action.kind) {
    case 'reduce_lines':
      return erp.updateLineQuantities(
        orderId,
        action.lines.map((l) => ({ lineId: l.erpLineId, quantity: l.quantity })),
      );
    case 'validate_delivery': {
      const productOf = new Map(w.erp?.lines.map((l) => [l.sku, l.productId]));
      const shipped = action.shipped.map(({ sku, quantity }) => {
        const productId = productOf.get(sku) ?? products.get(sku);
        if (productId === undefined) {
          throw missing(`no ERP product known for SKU ${sku} of order ${w.order.orderRef}`);
        }
        return { productId, quantity };
      });
      // The marketplace shipped it (its own label or a seller upload elsewhere): its tracking
      // numbers go on the ERP delivery, so the ERP shows what the buyer was sent.
      const tracking = w.order.trackingNumbers?.length ? w.order.trackingNumbers.join(', ') : null;
      await erp.validateDelivery(orderId, shipped, tracking);
      return;
    }
    case 'invoice_and_pay':
      await erp.invoiceAndRegisterPayment(orderId);
      return;
    case 'cancel':
      return erp.cancelOrder(orderId);
  }
}
