import {
  fromDecimal,
  type ConsignmentShipment,
  type ConsignmentShipmentStatus,
  type PurchaseOrder,
  type PurchaseOrderStatus,
} from '@temu-odoo/core';
import type { TemuPurchaseOrder, TemuShipOrder } from '../calls/consignment.calls.js';

/** Purchase-order `status` (docs/temu-api.md "Selling models"): 0–9 documented, 10 seen in one SDK only. */
const PO_STATUS: Record<number, PurchaseOrderStatus> = {
  0: 'awaiting_acceptance',
  1: 'to_ship',
  2: 'shipped',
  3: 'received',
  4: 'rejected',
  5: 'returned',
  6: 'inspected',
  7: 'stored',
  8: 'voided',
  9: 'timed_out',
  10: 'cancelled',
};

/** Ship-order `status` (docs/temu-api.md "Selling models"). */
const SHIP_STATUS: Record<number, ConsignmentShipmentStatus> = {
  0: 'awaiting_packing',
  1: 'in_transit',
  2: 'received',
  3: 'stored',
  4: 'returned',
  5: 'cancelled',
  6: 'partly_received',
};

export function mapPurchaseOrder(po: TemuPurchaseOrder): PurchaseOrder {
  const info = po.deliverInfo ?? null;
  const warehouseId = info?.receiveWarehouseId ?? po.subWarehouseId ?? null;
  return {
    ref: po.subPurchaseOrderSn,
    status: PO_STATUS[po.status] ?? 'unknown',
    statusCode: po.status,
    placedAtMs: po.purchaseTime ?? null,
    warehouse: warehouseId ? { id: warehouseId, name: info?.receiveWarehouseName ?? null } : null,
    shipmentRef: info?.deliveryOrderSn ?? null,
    lines: po.skuQuantityDetailList.map((l) => ({
      lineRef: l.productSkuId,
      sellerSku: l.extCode ?? null,
      quantity: l.purchaseQuantity,
      receivedQuantity: l.realReceiveAuthenticQuantity ?? 0,
      unitPrice:
        l.supplierPrice !== null && l.supplierPrice !== undefined && l.currencyType
          ? fromDecimal(l.supplierPrice, l.currencyType)
          : null,
    })),
  };
}

export function mapShipOrder(so: TemuShipOrder): ConsignmentShipment {
  return {
    ref: so.deliveryOrderSn,
    purchaseRef: so.subPurchaseOrderSn,
    status: SHIP_STATUS[so.status] ?? 'unknown',
    statusCode: so.status,
    receivedAtMs: so.receiveTime ?? null,
    receivedQuantity: so.receiveSkcNum ?? null,
    defectiveQuantity: so.defectiveSkcNum ?? null,
    warehouseName: so.subWarehouseName ?? null,
    trackingNumber: so.expressDeliverySn ?? null,
  };
}
