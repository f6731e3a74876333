import { BadInputError, allocateShipment } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { recordSellerEvents } from '../seller-metrics/record-order-events.js';

/**
 * Uploads one Odoo delivery's tracking number to Temu (`bg.logistics.shipment.v2.confirm`), once:
 * the job id is per delivery, a marker records success, and "already shipped" counts as success.
 */
export function shippingConfirm(deps: WorkerDeps): ProcessorFn<'shipping.confirm'> {
  return async ({ shopId, orderRef, deliveryId, trackingNumber, carrierName, lines }, { log }) => {
    const shop = shopOf(deps, shopId);
    const marker = `shipped:${deliveryId}`;
    if (await shop.state.isMarked(marker)) return { skipped: 'already uploaded' };
    const carrierId = carrierFor(deps, carrierName, shopId);
    const order = await shop.market.getOrder(orderRef);
    const items = allocateShipment({
      order,
      deliveryId,
      shipped: lines,
      skuMapping: deps.settings.skuMapping,
    });
    const outcome = await shop.market.confirmShipment([{ carrierId, trackingNumber, items }]);
    await shop.state.markOnce(marker, deps.settings.retention.deliveryMarkersMs);
    await recordSellerEvents(deps, shopId, [
      { orderRef, event: { kind: 'confirmed', atMs: deps.clock.nowMs() } },
    ]);
    log.info({ odooDeliveryId: deliveryId, outcome, lines: items.length }, 'tracking uploaded to Temu');
    return { outcome, carrierId, items: items.length };
  };
}

function carrierFor(deps: WorkerDeps, carrierName: string | null, shopId: string): string {
  const mapped = carrierName ? deps.settings.carriers.get(carrierName.toLowerCase()) : undefined;
  const carrierId = mapped ?? deps.settings.defaultCarrierId;
  if (!carrierId) {
    throw new BadInputError(
      `no Temu carrier for Odoo carrier "${carrierName ?? '(none)'}" (shop ${shopId}): add it under "carriers" in MAPPING_FILE or set TEMU_DEFAULT_CARRIER_ID`,
      'ERR_UNMAPPED_CARRIER',
    );
  }
  return carrierId;
}
