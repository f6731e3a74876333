import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';

const FIRST_SCAN_LOOKBACK_MS = 7 * 86_400_000;
/** Deliveries validated while the previous scan ran are seen again, never missed. */
const OVERLAP_MS = 60_000;

/** R7: validated Odoo deliveries of this shop's Temu orders → one tracking upload job each. */
export function shippingScan(deps: WorkerDeps): ProcessorFn<'shipping.scan'> {
  return async ({ shopId }, { log }) => {
    const shop = shopOf(deps, shopId);
    const nowMs = deps.clock.nowMs();
    const since = (await shop.state.watermark('shipping')) ?? nowMs - FIRST_SCAN_LOOKBACK_MS;
    const deliveries = await deps.erp.listDoneDeliveriesSince(since - OVERLAP_MS);
    // Only orders this shop imported (the synced-version table is per shop).
    const ours = await shop.state.syncedVersions([...new Set(deliveries.map((d) => d.orderRef))]);
    let enqueued = 0;
    let withoutTracking = 0;
    for (const d of deliveries) {
      if (!ours.has(d.orderRef)) continue;
      if (!d.trackingRef) {
        withoutTracking += 1;
        continue;
      }
      if (await shop.state.isMarked(`shipped:${d.deliveryId}`)) continue;
      await deps.registry.enqueue(
        'shipping.confirm',
        {
          shopId,
          orderRef: d.orderRef,
          deliveryId: d.deliveryId,
          trackingNumber: d.trackingRef,
          carrierName: d.carrierName,
          lines: d.lines.filter((l) => l.quantity > 0),
        },
        { jobId: `ship.${shopId}.${d.deliveryId}` },
      );
      enqueued += 1;
    }
    await shop.state.setWatermark(
      'shipping',
      Math.max(since, ...deliveries.map((d) => d.doneAtMs), nowMs - OVERLAP_MS),
    );
    if (withoutTracking)
      log.warn({ withoutTracking }, 'validated deliveries without a tracking reference are not uploaded');
    log.info({ deliveries: deliveries.length, enqueued }, 'deliveries scanned');
    return { deliveries: deliveries.length, enqueued, withoutTracking };
  };
}
