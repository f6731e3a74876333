import { enqueueStockRequests, type ProcessorFn } from '@temu-odoo/queues';
import { BadInputError } from '@temu-odoo/core';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { planShopReplenishment } from '../replenishment/plan-shop-replenishment.js';

/**
 * Issue 16 (R2): the daily (and on demand) replenishment plan of a fully-managed shop. A shop of
 * another selling model, or a fleet without REPLENISHMENT_FILE, has nothing to plan: said, not parked.
 */
export function replenishmentPlan(deps: WorkerDeps): ProcessorFn<'replenishment.plan'> {
  return async ({ shopId }, { log }) => {
    const shop = shopOf(deps, shopId);
    if (shop.config.sellingModel !== 'full')
      return { skipped: `shop ${shopId} is not fully-managed (sellingModel ${shop.config.sellingModel})` };
    const rules = deps.replenishment?.shops[shopId];
    if (!rules) return { skipped: `no replenishment rules for shop ${shopId} (REPLENISHMENT_FILE)` };
    if (!shop.warehouseSales)
      throw new BadInputError(
        `shop ${shopId}: no Temu warehouse sales reader was built`,
        'ERR_NO_SALES_PORT',
      );
    const table = await planShopReplenishment({
      shopId,
      rules,
      sales: shop.warehouseSales,
      purchaseOrders: shop.consignment,
      redis: deps.redis,
      prefix: deps.prefix,
      nowMs: deps.clock.nowMs(),
    });
    const summary = {
      planId: table.planId,
      lines: table.rows.length,
      toShip: table.rows.filter((r) => r.cartons > 0).length,
      late: table.rows.filter((r) => r.late).length,
      shipments: table.shipments.length,
      cartons: table.shipments.reduce((a, s) => a + s.cartons, 0),
      skipped: table.skipped.length,
    };
    if (rules.autoApply && table.shipments.length > 0)
      Object.assign(summary, { stockRequests: (await enqueueStockRequests(deps.registry, table)).length });
    if (table.skipped.length > 0)
      log.warn({ skipped: table.skipped.slice(0, 20) }, 'replenishment: SKUs left out');
    log.info(summary, 'replenishment planned');
    return summary;
  };
}
