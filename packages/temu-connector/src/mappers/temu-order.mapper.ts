import type { Address, Buyer, Order, OrderAmounts, OrderChange, OrderLine } from '@temu-odoo/core';
import type { TemuChildOrder, TemuOrderWithLines, TemuParentOrder } from '../calls/order.schemas.js';
import { lineStatusOf, orderStatusOf } from './temu-status.mapper.js';
import { TEMU_REGION_IDS } from './temu-regions.js';

export interface TemuOrderParts {
  shopId: string;
  order: TemuOrderWithLines;
  shipping?: { buyer: Buyer; address: Address } | null;
  amounts?: OrderAmounts | null;
}

const secondsToMs = (s: number | null | undefined): number | null =>
  s === null || s === undefined ? null : s * 1000;

/** ISO 4217 "no currency", used only when neither amounts nor the region tell the currency. */
const UNKNOWN_CURRENCY = 'XXX';

/**
 * Quantities of one child order (docs/temu-api.md §8.3, §15.14): `quantity` = original − cancelled before
 * shipment; a child in status 3 is cancelled whole.
 */
function lineQuantities(
  child: TemuChildOrder,
): Pick<OrderLine, 'quantity' | 'originalQuantity' | 'cancelledQuantity'> {
  const cancelledBefore = child.canceledQuantityBeforeShipment ?? 0;
  const original = child.originalOrderQuantity ?? child.quantity + cancelledBefore;
  if (child.orderStatus === 3)
    return { quantity: 0, originalQuantity: original, cancelledQuantity: original };
  const cancelled = child.canceledQuantityBeforeShipment ?? Math.max(0, original - child.quantity);
  return { quantity: child.quantity, originalQuantity: original, cancelledQuantity: cancelled };
}

function mapLine(child: TemuChildOrder, amounts: OrderAmounts | null | undefined): OrderLine {
  const qty = lineQuantities(child);
  const priced = amounts?.lines.find((l) => l.lineId === child.orderSn);
  const extCode = child.productList?.find((p) => p.extCode)?.extCode ?? null;
  const status =
    qty.quantity === 0 && qty.cancelledQuantity > 0 ? 'cancelled' : lineStatusOf(child.orderStatus);
  return {
    lineId: child.orderSn,
    goodsId: child.goodsId,
    // skuId is for LOCAL sellers, productSkuId for SEMI sellers (docs/temu-api.md §1.3).
    skuId: child.skuId ?? child.productList?.find((p) => p.productSkuId)?.productSkuId ?? '',
    sellerSku: extCode === '' ? null : extCode,
    title: child.originalGoodsName ?? child.goodsName ?? '',
    ...qty,
    status,
    unitPrice: priced?.unitPrice ?? null,
    taxAmount: priced?.taxAmount ?? null,
    taxRate: priced?.taxRate ?? null,
  };
}

/** Temu parent order + child orders (+ address, + amounts) → the domain Order. Pure. */
export function mapTemuOrder(parts: TemuOrderParts): Order {
  const parent = parts.order.parentOrderMap;
  const amounts = parts.amounts ?? null;
  const createdAtMs = secondsToMs(parent.parentOrderTime) ?? 0;
  return {
    shopId: parts.shopId,
    region: String(parent.regionId),
    orderRef: parent.parentOrderSn,
    status: orderStatusOf(parent.parentOrderStatus),
    createdAtMs,
    updatedAtMs: secondsToMs(parent.updateTime) ?? createdAtMs,
    shipByMs: secondsToMs(parent.expectShipLatestTime),
    currency: amounts?.currency ?? TEMU_REGION_IDS[parent.regionId]?.currency ?? UNKNOWN_CURRENCY,
    lines: parts.order.orderList.map((child) => mapLine(child, amounts)),
    buyer: parts.shipping?.buyer ?? null,
    shippingAddress: parts.shipping?.address ?? null,
    shippingFee: amounts?.shippingFee ?? null,
    pricing: amounts ? 'marketplace_amounts' : null,
  };
}

/** A list entry → the change the poller needs. */
export function mapTemuOrderChange(shopId: string, parent: TemuParentOrder): OrderChange {
  return {
    shopId,
    orderRef: parent.parentOrderSn,
    status: orderStatusOf(parent.parentOrderStatus),
    updatedAtMs: secondsToMs(parent.updateTime) ?? secondsToMs(parent.parentOrderTime) ?? 0,
  };
}
