import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { consignmentShop } from '../consignment/consignment-shop.js';

/** Redis set of the Odoo deliveries already shipped to Temu, so old ones are not looked at again. */
export function shippedDeliveriesKey(prefix: string, shopId: string): string {
  return `${prefix}:{consignment:${shopId}}:shipped-deliveries`;
}

/**
 * Issue 16: validated Odoo deliveries of purchase-order sale orders become ship orders, one job
 * per delivery (job id = delivery id: a rescan never doubles it; the connector also refuses a second
 * ship order for a purchase order that has one).
 */
export function consignmentShipScan(deps: WorkerDeps): ProcessorFn<'consignment.ship-scan'> {
  return async ({ shopId }, { log }) => {
    const { erp } = consignmentShop(deps, shopId);
    const deliveries = await erp.doneConsignmentDeliveries(shopId);
    const key = shippedDeliveriesKey(deps.prefix, shopId);
    const shipped = new Set(deliveries.length ? await deps.redis.smembers(key) : []);
    const todo = deliveries.filter((d) => !shipped.has(String(d.deliveryId)) && d.lines.length > 0);
    await deps.registry.enqueueBulk(
      'consignment.ship',
      todo.map((d) => ({
        data: {
          shopId,
          deliveryId: d.deliveryId,
          purchaseRef: d.purchaseRef,
          trackingNumber: d.trackingNumber,
          carrierName: d.carrierName,
          lines: d.lines,
        },
        opts: { jobId: `consignment-ship.${shopId}.${d.deliveryId}` },
      })),
    );
    log.info({ deliveries: deliveries.length, toShip: todo.length }, 'consignment deliveries scanned');
    return { deliveries: deliveries.length, toShip: todo.length };
  };
}
