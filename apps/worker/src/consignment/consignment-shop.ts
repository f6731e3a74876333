import {
  BadInputError,
  type ConsignmentErpPort,
  type ConsignmentMarketplacePort,
  type ConsignmentShipment,
  type PurchaseOrder,
} from '@temu-odoo/core';
import { shopOf, type ShopContext, type WorkerDeps } from '../worker-deps.js';

/** The customer of consignment sale orders: the marketplace buys the goods (README "Selling models"). */
export const CONSIGNMENT_CUSTOMER = 'Temu';

/** A fully-managed shop with both sides wired, or a parked job naming what is wrong. */
export function consignmentShop(
  deps: WorkerDeps,
  shopId: string,
): { shop: ShopContext; market: ConsignmentMarketplacePort; erp: ConsignmentErpPort } {
  const shop = shopOf(deps, shopId);
  if (!shop.consignment)
    throw new BadInputError(
      `shop ${shopId} is a ${shop.config.sellingModel} shop; purchase orders and ship orders exist only for sellingModel "full"`,
      'ERR_NOT_FULL_MANAGED',
    );
  if (!deps.consignmentErp)
    throw new BadInputError(
      `this worker has no consignment ERP side (OdooErp.consignment())`,
      'ERR_NO_CONSIGNMENT_ERP',
    );
  return { shop, market: shop.consignment, erp: deps.consignmentErp };
}

/**
 * The line written on the sale order (its `note`): the marketplace's status of the purchase order,
 * its ship order and the warehouse receipt. One line, rewritten when anything in it changes.
 */
export function consignmentNote(po: PurchaseOrder, shipment: ConsignmentShipment | null): string {
  const parts = [
    `Temu consignment purchase order ${po.ref}: ${po.status.replace(/_/g, ' ')} (status ${po.statusCode})`,
  ];
  if (shipment) {
    parts.push(`ship order ${shipment.ref}: ${shipment.status.replace(/_/g, ' ')}`);
    if (shipment.receivedAtMs !== null)
      parts.push(
        `received ${shipment.receivedQuantity ?? 0} (defective ${shipment.defectiveQuantity ?? 0}) at ${shipment.warehouseName ?? 'Temu warehouse'} on ${new Date(shipment.receivedAtMs).toISOString().slice(0, 10)}`,
      );
  }
  const accepted = po.lines.reduce((n, l) => n + l.receivedQuantity, 0);
  if (accepted > 0) parts.push(`accepted into Temu stock ${accepted}`);
  return parts.join(' | ');
}
