import type { MarketplaceSku } from '@temu-odoo/core';
import type { ShopContext } from '../worker-deps.js';

/** Reads the shop's whole SKU list from Temu (products group) and keeps it as the SKU map. */
export async function refreshSkus(shop: ShopContext): Promise<MarketplaceSku[]> {
  const skus: MarketplaceSku[] = [];
  for await (const sku of shop.market.listSkus()) skus.push(sku);
  await shop.state.replaceSkus(skus);
  return skus;
}
