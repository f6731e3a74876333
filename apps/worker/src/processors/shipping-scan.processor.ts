import type { ErpDelivery } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { recordSellerEvents } from '../seller-metrics/record-order-events.js';
import { closeShipByActivities } from '../seller-metrics/ship-by-activities.js';

const FIRST_SCAN_LOOKBACK_MS = 7 * 86_400_000;
/** Deliveries validated while the previous scan ran are seen again, never missed. */
const OVERLAP_MS = 60_000;
/**
 * Deliveries handled per Redis round trip and per bulk enqueue. A large shop's scan window can hold
 * hundreds of thousands: nothing here spreads the whole list into one call (a call takes at most
 * ~120k arguments), and each page costs three round trips instead of one per delivery.
 */
const PAGE = 1_000;

/** R7: validated Odoo deliveries of this shop's Temu orders → one tracking upload job each. */
export function shippingScan(deps: WorkerDeps): ProcessorFn<'shipping.scan'> {
  return async ({ shopId }, { log }) => {
    const shop = shopOf(deps, shopId);
    const nowMs = deps.clock.nowMs();
    const since = (await shop.state.watermark('shipping')) ?? nowMs - FIRST_SCAN_LOOKBACK_MS;
    const deliveries = await deps.erp.listDoneDeliveriesSince(since - OVERLAP_MS);
    let enqueued = 0;
    let withoutTracking = 0;
    let newestDoneMs = Math.max(since, nowMs - OVERLAP_MS);
    for (let i = 0; i < deliveries.length; i += PAGE) {
      const page = deliveries.slice(i, i + PAGE);
      for (const d of page) if (d.doneAtMs > newestDoneMs) newestDoneMs = d.doneAtMs;
      // Only orders this shop imported (the synced-version table is per shop).
      const ours = await shop.state.syncedVersions([...new Set(page.map((d) => d.orderRef))]);
      // Handed over in the ERP: the shipment time of the seller metrics, and the ship-by activity is done (#14).
      const shipped = page.filter((d) => ours.has(d.orderRef));
      await recordSellerEvents(
        deps,
        shopId,
        shipped.map((d) => ({ orderRef: d.orderRef, event: { kind: 'shipped' as const, atMs: d.doneAtMs } })),
      );
      await closeShipByActivities(
        deps,
        shopId,
        shipped.map((d) => d.orderRef),
      );
      const candidates: ErpDelivery[] = [];
      for (const d of page) {
        if (!ours.has(d.orderRef)) continue;
        if (d.trackingRef) candidates.push(d);
        else withoutTracking += 1;
      }
      const uploaded = await shop.state.markedAmong(candidates.map((d) => `shipped:${d.deliveryId}`));
      const toUpload = candidates.filter((d) => !uploaded.has(`shipped:${d.deliveryId}`));
      await deps.registry.enqueueBulk(
        'shipping.confirm',
        toUpload.map((d) => ({
          data: {
            shopId,
            orderRef: d.orderRef,
            deliveryId: d.deliveryId,
            trackingNumber: d.trackingRef!,
            carrierName: d.carrierName,
            lines: d.lines.filter((l) => l.quantity > 0),
          },
          opts: { jobId: `ship.${shopId}.${d.deliveryId}` },
        })),
      );
      enqueued += toUpload.length;
    }
    await shop.state.setWatermark('shipping', newestDoneMs);
    if (withoutTracking)
      log.warn({ withoutTracking }, 'validated deliveries without a tracking reference are not uploaded');
    log.info({ deliveries: deliveries.length, enqueued }, 'deliveries scanned');
    return { deliveries: deliveries.length, enqueued, withoutTracking };
  };
}
