import { ApiError } from '../error-codes.js';
import { APPLY_SUB_WAREHOUSE, consignmentOf, newSn } from '../data/consignment.js';
import type { GoodsRecord, SkuRecord } from '../data/model.js';
import type { Handler } from './handler.js';
import { Params } from './params.js';
import { CONSIGNMENT_ERROR } from './consignment.handler.js';

/**
 * The documented refusals of `bg.purchaseorder.apply` (docs/temu-api.md "Selling models"), with
 * Temu's Chinese wording as the APCN copy gives it and an English gloss.
 */
export const APPLY_ERRORS = {
  ABOVE_ADVISED: [1002, '超过建议备货量 (above the advised stocking quantity)'],
  ZERO_QUANTITY: [1007, '下单量不能为0 (the quantity cannot be 0)'],
  SKU_DELISTED: [1008, '货品SKU已下架 (the SKU is delisted)'],
  NO_SKU_TO_ORDER: [2004, 'SKC下没有需要下单的SKU (no SKU of the SKC to order)'],
  DAILY_CAP: [61001, '当日备货总额已超出上限值，下单失败 (the daily stocking amount cap is exceeded)'],
} as const;

function refuse(which: keyof typeof APPLY_ERRORS, detail: string): never {
  const [code, msg] = APPLY_ERRORS[which];
  throw new ApiError(code, `${msg}: ${detail}`);
}

/** The sandbox's fully-managed SKC id is the one `bg.goods.salesv2.get` gives (productId + 1); goodsId also works. */
function goodsOfSkc(goods: Iterable<GoodsRecord>, skcId: bigint): GoodsRecord | undefined {
  for (const g of goods) if (BigInt(g.productId + 1) === skcId || g.goodsId === skcId) return g;
  return undefined;
}

/** salesv2 gives productSkuId; the catalogue's skuId is accepted too. */
function skuOf(goods: GoodsRecord, skuId: bigint): SkuRecord | undefined {
  return goods.skus.find((s) => BigInt(s.productSkuId) === skuId || s.skuId === skuId);
}

/**
 * `bg.purchaseorder.apply`: the seller asks Temu to buy stock of one SKC. All or nothing: every SKU
 * line is checked (known and listed, quantity above 0 and within the advised quantity), then the
 * day's value cap; a pass creates one purchase order (a WB sub-order under a WP parent) awaiting
 * Temu's acceptance (status 0) at each SKU's supply price, received by the sub-warehouse Temu picks.
 * Temu documents `result` as an object without fields: the sandbox answers `{}` and the new order is
 * found with `bg.purchaseorderv2.get`.
 */
export const purchaseOrderApply: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, CONSIGNMENT_ERROR);
  const skcId = p.requireId('productSkcId');
  const details = p.objects('purchaseDetailList') ?? [];
  if (!details.length) p.fail('purchaseDetailList', 'is required');
  const latestDeliver = p.int('expectLatestDeliverTime', { min: 0 });
  const latestArrival = p.int('expectLatestArrivalTime', { min: 0 });
  const goods = goodsOfSkc(state.goods.values(), skcId);
  if (!goods) refuse('SKU_DELISTED', `productSkcId ${skcId} is not a listed SKC of this shop`);
  const store = consignmentOf(state);
  const lines = details.map((d) => {
    const skuId = d.requireId('productSkuId');
    const quantity = d.requireInt('productSkuPurchaseQuantity', { min: 0 });
    const sku = skuOf(goods, skuId);
    if (!sku || store.stocking.delisted.has(sku.sellerSku))
      refuse('SKU_DELISTED', `productSkuId ${skuId} of SKC ${skcId}`);
    if (quantity === 0) refuse('ZERO_QUANTITY', `productSkuId ${skuId}`);
    const advised = store.stocking.advisedQuantity.get(sku.sellerSku);
    if (advised !== undefined && quantity > advised)
      refuse('ABOVE_ADVISED', `productSkuId ${skuId} asks ${quantity}, advised ${advised}`);
    return { skuId, sku, quantity };
  });
  if (new Set(lines.map((l) => l.skuId)).size !== lines.length)
    p.fail('purchaseDetailList', 'each productSkuId at most once');
  const day = new Date(nowMs).toISOString().slice(0, 10);
  const valueMinor = lines.reduce((n, l) => n + l.sku.priceMinor * l.quantity, 0);
  const before = store.appliedMinorByDay.get(day) ?? 0;
  const cap = store.stocking.dailyCapMinor;
  if (cap !== null && before + valueMinor > cap)
    refuse('DAILY_CAP', `${before} + ${valueMinor} above ${cap} (minor units) on ${day}`);
  store.appliedMinorByDay.set(day, before + valueMinor);
  const sn = newSn(store, 'WB', 13);
  store.purchaseOrders.set(sn, {
    subPurchaseOrderSn: sn,
    originalPurchaseOrderSn: newSn(store, 'WP', 13),
    status: 0,
    productId: goods.productId,
    productSkcId: skcId,
    productName: goods.goodsName,
    purchaseTime: nowMs,
    subWarehouseId: APPLY_SUB_WAREHOUSE.id,
    subWarehouseName: APPLY_SUB_WAREHOUSE.name,
    staged: false,
    deliveryOrderSn: null,
    deliverTime: null,
    receiveTime: null,
    ...(latestDeliver !== undefined ? { latestDeliverTime: latestDeliver } : {}),
    ...(latestArrival !== undefined ? { latestArrivalTime: latestArrival } : {}),
    lines: lines.map((l) => ({
      productSkuId: l.skuId,
      extCode: l.sku.sellerSku,
      className: l.sku.specName,
      purchaseQuantity: l.quantity,
      deliverQuantity: 0,
      realReceiveAuthenticQuantity: 0,
      supplierPrice: (l.sku.priceMinor / 100).toFixed(2),
      currency: l.sku.currency,
    })),
  });
  return {};
};
