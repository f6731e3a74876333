import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { refreshSkus } from '../products/refresh-skus.js';

/** Keeps the shop's SKU map (goodsId, skuId, seller code, listed price) fresh. */
export function productsRefresh(deps: WorkerDeps): ProcessorFn<'products.refresh'> {
  return async ({ shopId }, { log }) => {
    const skus = await refreshSkus(shopOf(deps, shopId));
    const unmapped = skus.filter((s) => !s.sellerSku).length;
    log.info({ skus: skus.length, withoutSellerCode: unmapped }, 'SKU map refreshed');
    return { skus: skus.length, withoutSellerCode: unmapped };
  };
}
