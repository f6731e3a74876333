import { BadInputError } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { consignmentShop } from '../consignment/consignment-shop.js';
import { shippedDeliveriesKey } from './consignment-ship-scan.processor.js';

/**
 * One Odoo delivery of a purchase order → Temu's ship order (desk, ship order, box marks, tracking).
 * Temu's refusal, an SKU the purchase order does not hold, or a delivery without a tracking number
 * park the job with the reason; once shipped, the sale order's status line follows at the next poll.
 */
export function consignmentShip(deps: WorkerDeps): ProcessorFn<'consignment.ship'> {
  return async ({ shopId, deliveryId, purchaseRef, trackingNumber, carrierName, lines }, { log }) => {
    const { shop, market } = consignmentShop(deps, shopId);
    if (!trackingNumber)
      throw new BadInputError(
        `Odoo delivery ${deliveryId} of purchase order ${purchaseRef} (shop ${shopId}) has no tracking number; set it on the delivery and replay`,
        'ERR_CONSIGNMENT_NO_TRACKING',
      );
    const [po] = await market.getPurchaseOrders([purchaseRef]);
    if (!po)
      throw new BadInputError(
        `Temu has no purchase order ${purchaseRef} (shop ${shopId})`,
        'ERR_PO_NOT_FOUND',
      );
    const lineOf = new Map(po.lines.filter((l) => l.sellerSku).map((l) => [l.sellerSku!, l.lineRef]));
    const missing = lines.filter((l) => !lineOf.has(l.sku)).map((l) => l.sku);
    if (missing.length)
      throw new BadInputError(
        `Odoo delivery ${deliveryId} ships ${missing.join(', ')}, not in Temu purchase order ${purchaseRef} (shop ${shopId}); fix the delivery`,
        'ERR_CONSIGNMENT_SKU_NOT_ORDERED',
      );
    const carrierId = carrierName ? deps.settings.carriers.get(carrierName.toLowerCase()) : undefined;
    const result = await market.shipPurchaseOrder({
      purchaseRef,
      lines: lines.map((l) => ({ lineRef: lineOf.get(l.sku)!, quantity: l.quantity })),
      trackingNumber,
      carrier:
        carrierId && carrierName && /^\d+$/.test(carrierId)
          ? { id: Number(carrierId), name: carrierName }
          : null,
    });
    await deps.redis.sadd(shippedDeliveriesKey(deps.prefix, shopId), String(deliveryId));
    // The status line follows now rather than at the next poll.
    await deps.registry.enqueue(
      'consignment.poll',
      { shopId },
      { jobId: `consignment-poll-after.${shopId}.${deliveryId}` },
    );
    log.info({ purchaseRef, deliveryId, ...result }, 'ship order sent to Temu');
    void shop;
    return { purchaseRef, deliveryId, ...result };
  };
}
