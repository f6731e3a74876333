import type { ConsignmentShipment, PurchaseOrder } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { consignmentShop } from '../consignment/consignment-shop.js';

const DAY_MS = 86_400_000;

/**
 * Issue 16: a fully-managed shop's purchase orders of the last ORDER_BACKFILL_DAYS (Temu filters by
 * purchase time only, so the whole window is read to follow statuses), with their ship orders'
 * receipt. One upsert per order and state: the job id carries both statuses, so a re-poll of an
 * unchanged order enqueues nothing, and a change enqueues exactly one.
 */
export function consignmentPoll(deps: WorkerDeps): ProcessorFn<'consignment.poll'> {
  return async ({ shopId }, { log }) => {
    const { market } = consignmentShop(deps, shopId);
    const nowMs = deps.clock.nowMs();
    const orders: PurchaseOrder[] = [];
    for await (const po of market.listPurchaseOrders({
      fromMs: nowMs - deps.settings.backfillDays * DAY_MS,
      toMs: nowMs,
    }))
      orders.push(po);
    const shipmentRefs = orders.map((o) => o.shipmentRef).filter((r): r is string => r !== null);
    const shipments = new Map<string, ConsignmentShipment>(
      (shipmentRefs.length ? await market.getShipments(shipmentRefs) : []).map((s) => [s.ref, s]),
    );
    // Every order goes to the upsert: it creates sale orders only for orders to supply, and a voided
    // or cancelled order's status still reaches a sale order made earlier.
    await deps.registry.enqueueBulk(
      'consignment.upsert',
      orders.map((purchaseOrder) => {
        const shipment = purchaseOrder.shipmentRef
          ? (shipments.get(purchaseOrder.shipmentRef) ?? null)
          : null;
        return {
          data: { shopId, purchaseOrder, shipment },
          opts: {
            jobId: `consignment.${shopId}.${purchaseOrder.ref}.${purchaseOrder.statusCode}.${shipment?.statusCode ?? 'none'}`,
          },
        };
      }),
    );
    const summary = { purchaseOrders: orders.length, shipments: shipments.size };
    log.info(summary, 'purchase orders polled');
    return summary;
  };
}
