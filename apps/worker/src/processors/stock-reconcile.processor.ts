import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { refreshSkus } from '../products/refresh-skus.js';
import { assertStockSupported } from './stock-sweep.processor.js';

/**
 * Drift correction: Temu's actual stock (from the SKU list, one call per 100 SKUs) replaces what we
 * believed Temu had, then a full sweep pushes every SKU whose target differs from Temu's real value.
 */
export function stockReconcile(deps: WorkerDeps): ProcessorFn<'stock.reconcile'> {
  return async ({ shopId }, { log }) => {
    const shop = shopOf(deps, shopId);
    assertStockSupported(shop);
    const believed = await shop.state.acknowledgedStock();
    const skus = await refreshSkus(shop);
    const actual = skus.filter((s) => s.stock !== null).map((s) => ({ skuId: s.skuId, quantity: s.stock! }));
    const drifted = actual.filter((a) => believed.has(a.skuId) && believed.get(a.skuId) !== a.quantity);
    await shop.state.replaceAcknowledgedStock(actual);
    const nowMs = deps.clock.nowMs();
    await deps.registry.enqueue(
      'stock.sweep',
      { shopId, full: true },
      { jobId: `stock.full.${shopId}.${nowMs}` },
    );
    const report = {
      skus: skus.length,
      drifted: drifted.length,
      driftedSkus: drifted.slice(0, 50).map((d) => d.skuId),
    };
    log[drifted.length ? 'warn' : 'info'](report, 'stock reconciled against Temu');
    return report;
  };
}
