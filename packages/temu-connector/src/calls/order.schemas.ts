import { z } from 'zod';
import { optionalInt, optionalText, temuId, temuLabels } from './shared.schemas.js';

/** Parent order as in list/detail v2 (docs/temu-api.md §8.3, §8.4). Times are UNIX seconds. */
export const temuParentOrder = z.object({
  parentOrderSn: z.string().min(1),
  parentOrderStatus: z.number().int(),
  parentOrderTime: z.number().nullish(),
  updateTime: z.number().nullish(),
  parentConfirmTime: z.number().nullish(),
  parentOrderPendingFinishTime: z.number().nullish(),
  expectShipLatestTime: z.number().nullish(),
  latestDeliveryTime: z.number().nullish(),
  parentShippingTime: z.number().nullish(),
  regionId: z.number().int(),
  siteId: optionalInt,
  shippingMethod: optionalInt,
  orderPaymentType: optionalText,
  hasShippingFee: z.boolean().nullish(),
  fulfillmentWarning: z.array(z.string()).nullish(),
  parentOrderLabel: temuLabels,
  regionName1: optionalText,
  regionName2: optionalText,
  regionName3: optionalText,
});
export type TemuParentOrder = z.output<typeof temuParentOrder>;

/** Child order: exactly one SKU with a quantity (docs/temu-api.md §8.1, §8.3). */
export const temuChildOrder = z.object({
  orderSn: z.string().min(1),
  orderStatus: z.number().int(),
  goodsId: temuId,
  skuId: temuId.nullish(),
  goodsName: optionalText,
  originalGoodsName: optionalText,
  spec: optionalText,
  originalSpecName: optionalText,
  thumbUrl: optionalText,
  /** originalOrderQuantity − canceledQuantityBeforeShipment; may be 0 (docs/temu-api.md §15.14). */
  quantity: z.number().int().nonnegative(),
  originalOrderQuantity: optionalInt,
  canceledQuantityBeforeShipment: optionalInt,
  isCancelledDuringPending: z.boolean().nullish(),
  fulfillmentType: optionalText,
  fulfillmentWarning: z.array(z.string()).nullish(),
  orderLabel: temuLabels,
  inventoryDeductionWarehouseId: temuId.nullish(),
  inventoryDeductionWarehouseName: optionalText,
  orderCreateTime: z.number().nullish(),
  orderShippingTime: z.number().nullish(),
  productList: z
    .array(
      z.object({
        productId: temuId.nullish(),
        productSkuId: temuId.nullish(),
        soldFactor: z.number().nullish(),
        /** The seller's SKU code; may be "". */
        extCode: optionalText,
      }),
    )
    .nullish(),
  packageSnInfo: z
    .array(
      z.object({
        packageSn: optionalText,
        packageDeliveryType: optionalInt,
        callSuccess: z.boolean().nullish(),
      }),
    )
    .nullish(),
});
export type TemuChildOrder = z.output<typeof temuChildOrder>;

export const temuOrderWithLines = z.object({
  parentOrderMap: temuParentOrder,
  orderList: z.array(temuChildOrder),
});
export type TemuOrderWithLines = z.output<typeof temuOrderWithLines>;
