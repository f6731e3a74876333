import { loadReplenishment, type ShopConfig } from '@temu-odoo/config';

/**
 * REPLENISHMENT_FILE read and checked at start: every shop it names must be served by this fleet
 * and be fully-managed, or the worker refuses to start naming the shop to fix.
 */
export function loadReplenishmentRules(file: string, shops: ShopConfig[]) {
  const rules = loadReplenishment(file).shops;
  for (const shopId of Object.keys(rules)) {
    const shop = shops.find((s) => s.shopId === shopId);
    if (!shop)
      throw new Error(
        `REPLENISHMENT_FILE: shop ${shopId} is not served by this fleet (${shops.map((s) => s.shopId).join(', ')})`,
      );
    if (shop.sellingModel !== 'full')
      throw new Error(
        `REPLENISHMENT_FILE: shop ${shopId} has sellingModel ${shop.sellingModel}; replenishment plans are for fully-managed shops ("sellingModel": "full")`,
      );
  }
  return rules;
}
