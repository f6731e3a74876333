import { enrichWithListPrices, needsListingRefresh, type Order } from '@temu-odoo/core';
import type { ShopContext } from '../worker-deps.js';
import { refreshSkus } from '../products/refresh-skus.js';

/**
 * Shops without the amounts permission: the order priced at the SKUs' listed Temu prices (core's
 * `enrichWithListPrices`), from the cached SKU list, refreshed first when a line's SKU is not in it.
 */
export async function enrichWithEstimate(order: Order, shop: ShopContext): Promise<Order> {
  let skus = new Map((await shop.state.skus()).map((s) => [s.skuId, s]));
  if (needsListingRefresh(order, skus)) {
    skus = new Map((await refreshSkus(shop)).map((s) => [s.skuId, s]));
  }
  return enrichWithListPrices(order, skus);
}
