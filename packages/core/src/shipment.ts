/** One package of an outgoing shipment to report to the marketplace. */
export interface ShipmentPackage {
  carrierId: string;
  trackingNumber: string;
  items: Array<{ orderRef: string; lineId: string; quantity: number; goodsId?: string; skuId?: string }>;
  warehouseId?: string;
}

/** A validated ERP delivery of a marketplace order, with what it shipped. */
export interface ErpDelivery {
  deliveryId: number;
  orderId: number;
  orderRef: string;
  trackingRef: string | null;
  carrierName: string | null;
  doneAtMs: number;
  lines: Array<{ sku: string; quantity: number }>;
}

export type ShipmentOutcome = 'shipped' | 'already_shipped';
