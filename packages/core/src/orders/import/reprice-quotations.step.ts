import { toDecimal, type Money } from '../../money.js';
import { erpOrderNote, resolveErpSku, type SkuMapping } from '../order-mapping.js';
import type { ImportBatch } from './import-batch.js';
import type { Work } from './import-types.js';

/**
 * A quotation created while the order was pending had no marketplace prices; before it is
 * confirmed, its lines take them, and its note says so (one call per such order, only on that
 * transition).
 */
export async function repriceQuotations(batch: ImportBatch): Promise<void> {
  for (const w of batch.alive()) {
    const changes = repricing(w, batch.mapping);
    if (!changes.length) continue;
    try {
      await batch.erp.updateLineQuantities(
        w.erpOrderId!,
        changes,
        erpOrderNote(w.order, batch.marketplaceName),
      );
      w.done.push('reprice');
    } catch (err) {
      batch.fail(w, err);
    }
  }
}

/** Line price changes for an open quotation about to be confirmed, from the order's known prices. */
function repricing(
  w: Work,
  mapping: SkuMapping,
): Array<{ lineId: number; quantity: number; unitPrice: Money }> {
  const erp = w.erp;
  if (erp === null || w.erpOrderId === undefined || w.order.pricing === null) return [];
  if (erp.state !== 'quotation' || !w.plan.some((a) => a.kind === 'confirm')) return [];
  const prices = new Map<string, Money>();
  for (const line of w.order.lines) {
    const sku = resolveErpSku(line, mapping);
    if (sku !== null && line.unitPrice !== null) prices.set(sku, line.unitPrice);
  }
  // Only lines whose price differs (by more than half a minor unit) cost a write.
  return erp.lines
    .filter((l) => {
      const price = prices.get(l.sku);
      return (
        price !== undefined && (l.unitPrice === undefined || Math.abs(l.unitPrice - toDecimal(price)) > 0.005)
      );
    })
    .map((l) => ({ lineId: l.lineId, quantity: l.quantity, unitPrice: prices.get(l.sku)! }));
}
