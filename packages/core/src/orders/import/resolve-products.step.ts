import { erpLinesOf, resolveErpSku, type SkuMapping } from '../order-mapping.js';
import type { ImportBatch } from './import-batch.js';
import type { Work } from './import-types.js';

/**
 * Step 2: one product lookup for every SKU the batch needs (lines of new orders, deliveries to
 * validate). A failed lookup fails only the orders that needed products.
 */
export async function resolveProducts(batch: ImportBatch): Promise<Map<string, number>> {
  const skus = new Set<string>();
  const needingProducts: Work[] = [];
  for (const w of batch.alive()) {
    const wanted = skusWanted(w, batch.mapping);
    for (const sku of wanted) skus.add(sku);
    if (wanted.length > 0) needingProducts.push(w);
  }
  if (skus.size === 0) return new Map();
  try {
    return await batch.erp.resolveProducts([...skus].sort());
  } catch (err) {
    for (const w of needingProducts) batch.fail(w, err);
    return new Map();
  }
}

/** SKUs whose ERP product id the order's plan needs and the ERP summary does not give. */
function skusWanted(w: Work, mapping: SkuMapping): string[] {
  const wanted = new Set<string>();
  if (w.plan[w.next]?.kind === 'create') {
    for (const { line } of erpLinesOf(w.order)) {
      const sku = resolveErpSku(line, mapping);
      if (sku !== null) wanted.add(sku);
    }
  }
  const known = new Set(w.erp?.lines.map((l) => l.sku));
  for (const action of w.plan) {
    if (action.kind !== 'validate_delivery') continue;
    for (const s of action.shipped) if (!known.has(s.sku)) wanted.add(s.sku);
  }
  return [...wanted];
}
