import type { AfterSalesCase, ParentOrder, Shipment, SkuRecord } from '../data/model.js';
import { currentQuantity } from '../data/order-status.js';

/** Control API views: plain JSON, ids as decimal strings (the domain keeps ids as strings). */
export function orderState(o: ParentOrder) {
  return {
    parentOrderSn: o.parentOrderSn,
    status: o.status,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    expectShipLatestAt: o.expectShipLatestAt,
    labels: [...o.labels],
    malformed: o.malformed,
    currency: o.currency,
    address: o.address,
    children: o.children.map((c) => ({
      orderSn: c.orderSn,
      status: c.status,
      goodsId: c.goodsId.toString(),
      skuId: c.skuId.toString(),
      sellerSku: c.sellerSku,
      quantity: currentQuantity(c),
      originalQuantity: c.originalQuantity,
      canceledQuantity: c.canceledQuantity,
      shippedQuantity: c.shippedQuantity,
      unitBaseMinor: c.unitBaseMinor,
      unitRetailMinor: c.unitRetailMinor,
    })),
  };
}

export function skuState(s: SkuRecord) {
  return {
    skuId: s.skuId.toString(),
    goodsId: s.goodsId.toString(),
    sellerSku: s.sellerSku,
    stock: s.stock,
    preSaleStock: s.preSaleStock,
    priceMinor: s.priceMinor,
    currency: s.currency,
  };
}

export function shipmentState(s: Shipment) {
  return {
    packageSn: s.packageSn,
    sendType: s.sendType,
    carrierId: s.carrierId,
    carrierName: s.carrierName,
    trackingNumber: s.trackingNumber,
    warehouseId: s.warehouseId,
    createdAt: s.createdAt,
    lines: s.lines.map((l) => ({ ...l, goodsId: l.goodsId.toString(), skuId: l.skuId.toString() })),
    subPackages: s.subPackages,
  };
}

export function afterSalesState(c: AfterSalesCase) {
  return {
    ...c,
    lines: c.lines.map((l) => ({ ...l, goodsId: l.goodsId.toString(), skuId: l.skuId.toString() })),
  };
}
