import type { QueueRegistry } from './queue-registry.js';
import { stockRequestJobId, type ReplenishmentPlanTable } from './replenishment-plan.js';

/**
 * Queues `replenishment.apply` for every shipment of a plan (operator CLI, dashboard button, or the
 * worker after planning when the shop's `autoApply` is on). The job id is fixed per plan, warehouse
 * and shipment, so a second request while the first is kept adds nothing; the job's own Redis record
 * keeps a later replay from asking Temu twice.
 */
export async function enqueueStockRequests(
  registry: QueueRegistry,
  plan: ReplenishmentPlanTable,
): Promise<string[]> {
  const shipments = plan.shipments.filter((s) => s.units > 0);
  await registry.enqueueBulk(
    'replenishment.apply',
    shipments.map((s) => ({
      data: {
        shopId: plan.shopId,
        planId: plan.planId,
        warehouseId: s.warehouseId,
        shipmentId: s.shipmentId,
      },
      opts: { jobId: stockRequestJobId(plan.planId, s.warehouseId, s.shipmentId) },
    })),
  );
  return shipments.map((s) => stockRequestJobId(plan.planId, s.warehouseId, s.shipmentId));
}
