import type { ProcessorFn } from '@temu-odoo/queues';
import { BadInputError } from '@temu-odoo/core';
import { lastReplenishmentPlanKey, transferReference } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { readReplenishmentPlan } from '../replenishment/plan-shop-replenishment.js';

/**
 * Creates the shipments of a shop's last plan as draft Odoo transfers, on request (dashboard button,
 * `pnpm ops replenishment --create-transfers`). Odoo finds a shipment's transfer by its reference,
 * so a second request — or a retry after a crash — creates nothing twice. A request for a plan that
 * is no longer the last one is refused: the operator looks at the current plan first.
 */
export function replenishmentTransfers(deps: WorkerDeps): ProcessorFn<'replenishment.transfers'> {
  return async ({ shopId, planId }, { log }) => {
    const shop = shopOf(deps, shopId);
    if (!deps.replenishment)
      throw new BadInputError('replenishment is not configured (REPLENISHMENT_FILE)', 'ERR_NO_REPLENISHMENT');
    const table = await readReplenishmentPlan(deps.redis, deps.prefix, shopId);
    if (!table || table.planId !== planId)
      throw new BadInputError(
        `plan ${planId} is not shop ${shopId}'s last plan (${table?.planId ?? 'none'}): plan again and create the transfers of the current plan`,
        'ERR_STALE_PLAN',
      );
    const results = await deps.replenishment.erp.createDraftTransfers(
      table.shipments.map((s) => ({
        reference: transferReference(shopId, s.shipmentId),
        scheduledDate: s.shipBy,
        note: `Bulk shipment to Temu ${s.warehouseName} (${s.warehouseId}): ${s.cartons} cartons, ship by ${s.shipBy}. Plan ${table.planId}.`,
        lines: s.lines.map((l) => ({ sku: l.sku, quantity: l.units })),
      })),
      { warehouseId: shop.config.odooWarehouseId },
    );
    const idOf = new Map(results.map((r) => [r.reference, r.id]));
    // Written back so the dashboard shows which shipments have a transfer (same plan only).
    const current = await readReplenishmentPlan(deps.redis, deps.prefix, shopId);
    if (current?.planId === planId) {
      for (const s of current.shipments)
        s.transferId = idOf.get(transferReference(shopId, s.shipmentId)) ?? s.transferId;
      await deps.redis.set(lastReplenishmentPlanKey(deps.prefix, shopId), JSON.stringify(current));
    }
    const summary = {
      planId,
      created: results.filter((r) => r.created).map((r) => r.reference),
      existing: results.filter((r) => !r.created).map((r) => r.reference),
    };
    log.info(
      { created: summary.created.length, existing: summary.existing.length },
      'replenishment transfers',
    );
    return summary;
  };
}
