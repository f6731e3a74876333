import { afterEach, describe, expect, it } from '@jest/globals';
import type { ErpDelivery, ErpPort } from '@temu-odoo/core';
import { shippingScan } from '../src/processors/shipping-scan.processor.js';
import {
  SHOP_ID,
  startInProcessWorld,
  type InProcessWorld,
  jobContext,
} from './support/in-process-worker.js';

/**
 * Issue 20 "Large shops": a scan window with 150,000 validated deliveries (a large shop's week, or
 * a first scan after a long outage). Before, the scan spread the whole list into one call
 * (`Math.max(...)`, `HMGET key ...refs`), which throws past ~120k arguments and stalls the scan for
 * good. The deliveries come from a test double of the ERP port (150,000 pickings would take the
 * Odoo sandbox minutes to build); Redis and the queue are real.
 */
const NOW = 1_750_000_000_000;
const DELIVERIES = 150_000;

let world: InProcessWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
}, 60_000);

describe('shipping scan of a large shop', () => {
  it('scans 150,000 deliveries: enqueues the ones of this shop not yet uploaded and moves the watermark', async () => {
    world = await startInProcessWorld('scan-150k');
    const deps = world.worker();
    deps.clock = { nowMs: () => NOW };
    // Delivery i belongs to order PO-i, validated at NOW − 100,000 ms + i.
    const deliveries: ErpDelivery[] = Array.from({ length: DELIVERIES }, (_, i) => ({
      deliveryId: i + 1,
      orderId: i + 1,
      orderRef: `PO-${i}`,
      trackingRef: `TRK-${i}`,
      carrierName: null,
      doneAtMs: NOW - 100_000 + i,
      lines: [{ sku: 'MUG-RED', quantity: 1 }],
    }));
    deps.erp = {
      listDoneDeliveriesSince: async () => deliveries,
    } as Partial<ErpPort> as ErpPort;
    // This shop imported every 500th order (300 of them); the others belong to other shops.
    const ours = Array.from({ length: DELIVERIES / 500 }, (_, k) => `PO-${k * 500}`);
    const state = deps.shops.get(SHOP_ID)!.state;
    await state.markSynced(
      ours.map((orderRef) => ({ orderRef, updatedAtMs: NOW - 200_000, status: 'shipped' })),
    );
    // Tracking of the first 50 of ours was uploaded already (deliveries 1, 501, 1001, …).
    for (let k = 0; k < 50; k++) await state.markOnce(`shipped:${k * 500 + 1}`, 60_000);

    const result = await shippingScan(deps)({ shopId: SHOP_ID }, jobContext());

    // 300 of ours − 50 already uploaded = 250 uploads; every delivery has a tracking reference.
    expect(result).toEqual({ deliveries: DELIVERIES, enqueued: 250, withoutTracking: 0 });
    const jobs = await deps.registry.queue('temu-shipping').getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs).toHaveLength(250);
    expect(new Set(jobs.map((j) => j.id))).toContain(`ship.${SHOP_ID}.${50 * 500 + 1}`);
    expect(new Set(jobs.map((j) => j.id))).not.toContain(`ship.${SHOP_ID}.1`);
    // Newest delivery: NOW − 100,000 + 149,999 = NOW + 49,999 (later than NOW − the 60 s overlap).
    expect(await state.watermark('shipping')).toBe(NOW + 49_999);
  }, 180_000);
});
