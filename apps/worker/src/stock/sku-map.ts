import { resolveErpSku, type MarketplaceSku, type SkuMapping } from '@temu-odoo/core';
import type { ShopContext } from '../worker-deps.js';
import { refreshSkus } from '../products/refresh-skus.js';

/** ERP SKU code → the Temu SKU it feeds (R17 mapping first, else the seller code is the ERP code). */
export async function erpSkuMap(
  shop: ShopContext,
  mapping: SkuMapping,
): Promise<Map<string, Pick<MarketplaceSku, 'goodsId' | 'skuId'>>> {
  let skus = await shop.state.skus();
  if (!skus.length) skus = await refreshSkus(shop);
  const map = new Map<string, Pick<MarketplaceSku, 'goodsId' | 'skuId'>>();
  for (const sku of skus) {
    const erpSku = resolveErpSku({ skuId: sku.skuId, sellerSku: sku.sellerSku }, mapping);
    if (erpSku) map.set(erpSku, { goodsId: sku.goodsId, skuId: sku.skuId });
  }
  return map;
}
