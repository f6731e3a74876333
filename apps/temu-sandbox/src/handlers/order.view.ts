import { ORDER_LABELS, PARENT_LABELS, type ChildOrder, type ParentOrder } from '../data/model.js';
import { currentQuantity } from '../data/order-status.js';
import type { SandboxState } from '../state.js';

const DAY_S = 24 * 3600;

/** Labels that depend on the clock (ship-by deadline) plus the stored ones. */
export function activeLabels(parent: ParentOrder, nowS: number): Set<string> {
  const labels = new Set<string>(parent.labels);
  if (parent.status === 2 || parent.status === 41) {
    if (nowS > parent.expectShipLatestAt) labels.add('past_due');
    else if (parent.expectShipLatestAt - nowS < DAY_S) labels.add('soon_to_be_overdue');
  }
  return labels;
}

/** Every label is listed with value 0/1, as Temu does (docs/temu-api.md §8.3, FIX). */
function labelList(names: readonly string[], active: Set<string>) {
  return names.map((name) => ({ name, value: active.has(name) ? 1 : 0 }));
}

function parentMap(parent: ParentOrder, nowS: number, detail: boolean) {
  const map: Record<string, unknown> = {
    parentOrderSn: parent.parentOrderSn,
    parentOrderStatus: parent.status,
    parentOrderTime: parent.createdAt,
    updateTime: parent.updatedAt,
    parentConfirmTime: parent.confirmAt,
    parentOrderPendingFinishTime: Math.floor(parent.pendingFinishAtMs / 1000),
    expectShipLatestTime: parent.expectShipLatestAt,
    latestDeliveryTime: parent.latestDeliveryAt,
    parentShippingTime: parent.shippedAt,
    regionId: parent.regionId,
    siteId: parent.siteId,
    shippingMethod: 1,
    orderPaymentType: 'PPD',
    hasShippingFee: parent.shippingMinor > 0,
    batchOrderNumberList: null,
    fulfillmentWarning: [...parent.fulfillmentWarnings],
    parentOrderLabel: labelList(PARENT_LABELS, activeLabels(parent, nowS)),
  };
  if (parent.labels.has('signature_required_on_delivery')) {
    (map.fulfillmentWarning as string[]).push('SUGGEST_SIGNATURE_ON_DELIVERY');
  }
  if (detail) {
    map.regionName1 = parent.address.regionName1;
    map.regionName2 = parent.address.regionName2;
    map.regionName3 = parent.address.regionName3;
    map.paymentInfo = [
      {
        paymentMethod: 'CARD',
        paymentProcessorRegister: 'Sandbox Pay',
        paymentCardBrand: 'VISA',
        paymentAuthCode: null,
      },
    ];
  }
  if (parent.malformed === 'missing_status') delete map.parentOrderStatus;
  return map;
}

function childView(state: SandboxState, parent: ParentOrder, child: ChildOrder, detail: boolean) {
  const view: Record<string, unknown> = {
    orderSn: child.orderSn,
    orderStatus: child.status,
    goodsId: child.goodsId,
    skuId: child.skuId,
    goodsName: child.goodsName,
    originalGoodsName: child.goodsName,
    spec: child.spec,
    originalSpecName: child.spec,
    thumbUrl: `https://img.temu-sandbox.example/${child.goodsId}.jpg`,
    quantity: currentQuantity(child),
    originalOrderQuantity: child.originalQuantity,
    canceledQuantityBeforeShipment: child.canceledQuantity,
    isCancelledDuringPending: child.cancelledDuringPending,
    fulfillmentType: 'fulfillBySeller',
    fulfillmentWarning: [],
    orderLabel: labelList(ORDER_LABELS, new Set()),
    orderPaymentType: 'PPD',
    inventoryDeductionWarehouseId: 'WH-06351001',
    inventoryDeductionWarehouseName: 'Sandbox Main Warehouse',
    orderCreateTime: child.createdAt,
    orderShippingTime: child.shippedAt,
    earliestTimeGetShippingDocument: null,
    earliestTimeBuyShippingLabel: null,
    qualificationUploadEndTime: null,
    packageAbnormalTypeList: [],
    productList: [
      {
        productId: child.productId,
        productSkuId: child.productSkuId,
        soldFactor: 1,
        extCode: child.sellerSku,
      },
    ],
  };
  if (detail) {
    view.packageSnInfo = state.shipments
      .filter((s) => s.lines.some((l) => l.orderSn === child.orderSn))
      .map((s) => ({ packageSn: s.packageSn, packageDeliveryType: 1, callSuccess: true }));
    view.hasUploadedEvidence = false;
  }
  if (parent.malformed === 'missing_order_sn') delete view.orderSn;
  if (parent.malformed === 'bad_quantity') view.quantity = 'two';
  return view;
}

/** `{ parentOrderMap, orderList }` as in list v2 (detail adds fields, docs/temu-api.md §8.3–8.4). */
export function orderView(state: SandboxState, parent: ParentOrder, nowS: number, detail = false) {
  return {
    parentOrderMap: parentMap(parent, nowS, detail),
    orderList: parent.children.map((child) => childView(state, parent, child, detail)),
  };
}
