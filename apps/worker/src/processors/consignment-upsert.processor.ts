import { IntegrationError, OPEN_PURCHASE_STATUSES, planConsignmentSaleOrder } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { CONSIGNMENT_CUSTOMER, consignmentNote, consignmentShop } from '../consignment/consignment-shop.js';

/** Longer than one create + confirm + note in Odoo; expires by itself if the worker dies. */
const LOCK_MS = 120_000;

/**
 * One purchase order → its Odoo sale order, exactly once: the sale order is looked up by the
 * purchase order number (`client_order_ref`) first, under the order lock, so a re-poll, a retry or
 * a replay never creates a second one. An unknown SKU or a missing price parks the job whole.
 * Afterwards only the status line (the sale order's note) follows Temu.
 */
export function consignmentUpsert(deps: WorkerDeps): ProcessorFn<'consignment.upsert'> {
  return async ({ shopId, purchaseOrder, shipment }, { log }) => {
    const { erp } = consignmentShop(deps, shopId);
    const note = consignmentNote(purchaseOrder, shipment);
    const { token, locked } = await deps.locks.acquire(shopId, [purchaseOrder.ref], LOCK_MS);
    if (!locked.size)
      throw new IntegrationError(`purchase order ${purchaseOrder.ref} is being written by another worker`, {
        kind: 'not_ready',
        code: 'ERR_ORDER_LOCKED',
      });
    try {
      const existing = (await erp.findConsignmentOrders([purchaseOrder.ref])).get(purchaseOrder.ref);
      if (existing) {
        if (existing.note === note) return { saleOrderId: existing.saleOrderId, changed: false };
        await erp.noteConsignmentStatus(existing.saleOrderId, note);
        log.info(
          { purchaseRef: purchaseOrder.ref, status: purchaseOrder.status },
          'consignment status followed',
        );
        return { saleOrderId: existing.saleOrderId, changed: true, note };
      }
      if (!OPEN_PURCHASE_STATUSES.has(purchaseOrder.status))
        return {
          skipped: `purchase order ${purchaseOrder.ref} is ${purchaseOrder.status}: nothing to supply`,
        };
      const products = await deps.erp.resolveProducts(
        purchaseOrder.lines.map((l) => l.sellerSku).filter((s): s is string => s !== null),
      );
      const plan = planConsignmentSaleOrder(purchaseOrder, products, shopId);
      const saleOrderId = await erp.createConsignmentOrder(plan, CONSIGNMENT_CUSTOMER, shopId);
      await erp.noteConsignmentStatus(saleOrderId, note);
      log.info(
        { purchaseRef: purchaseOrder.ref, saleOrderId, totalMinor: plan.totalMinor },
        'purchase order in Odoo',
      );
      return { saleOrderId, created: true, totalMinor: plan.totalMinor, currency: plan.currency };
    } finally {
      await deps.locks.release(shopId, [purchaseOrder.ref], token);
    }
  };
}
