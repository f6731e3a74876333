import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { temuId, temuMoney, wireId } from './shared.schemas.js';

/** Prices go out as decimal strings (docs/temu-api.md §10.4). */
const decimalPrice = z.object({
  amount: z.string().regex(/^\d+(\.\d{1,3})?$/, 'expected a decimal string like "19.99"'),
  currency: z.string().length(3),
});

/**
 * `bg.local.goods.priceorder.query` (docs/temu-api.md §10.4): price orders with their review status.
 * Rows carry `priceOrderId` (beyond 2^53, kept as a string) but not the `priceOrderSn` the change
 * returned; filter by `priceOrderSnList` to find one's rows.
 */
export const priceOrderQueryCall = defineCall({
  type: 'bg.local.goods.priceorder.query',
  request: z.object({
    page: z.number().int().min(1).optional(),
    size: z.number().int().min(1).max(99).optional(),
    priceOrderType: z.number().int().optional(),
    priceOrderSnList: z.array(z.string().min(1)).max(100).optional(),
    goodsIdList: z.array(z.string().regex(/^\d+$/)).max(100).optional(),
    status: z.number().int().optional(),
  }),
  response: z.object({
    pageNum: z.number().int().nullish(),
    total: z.number().int().nullish(),
    priceAuditList: z
      .array(
        z.object({
          priceOrderId: temuId,
          goodsId: temuId,
          skuIdList: z.array(temuId).nullish(),
          status: z.number().int(),
          sourceSupplierPrice: temuMoney.nullish(),
          targetSupplierPrice: temuMoney.nullish(),
          suggestSupplierPrice: temuMoney.nullish(),
          supplierPrice: temuMoney.nullish(),
          reason: z.string().nullish(),
          rejectTypeDesc: z.string().nullish(),
          priceCommitId: temuId.nullish(),
          priceCommitVersion: z.number().int().nullish(),
        }),
      )
      .nullish(),
  }),
});

/** `bg.local.goods.priceorder.accept`: take Temu's counter-offer (status 101). */
export const priceOrderAcceptCall = defineCall({
  type: 'bg.local.goods.priceorder.accept',
  request: z.object({
    priceOrderInfoList: z
      .array(z.object({ priceOrderId: wireId, goodsId: wireId, priceCommitVersion: z.number().int() }))
      .min(1),
  }),
  response: z.unknown(),
});

/** `temu.local.goods.priceorder.reject`: refuse Temu's counter-offer; takes the order's number. */
export const priceOrderRejectCall = defineCall({
  type: 'temu.local.goods.priceorder.reject',
  request: z.object({
    priceOrderBaseList: z
      .array(
        z.object({ goodsId: wireId, priceOrderSn: z.string().min(1), priceCommitVersion: z.number().int() }),
      )
      .min(1),
    rejectDelist: z.boolean().optional(),
  }),
  response: z.unknown(),
});

/** `bg.local.goods.priceorder.negotiate`: answer a counter-offer with our own price. */
export const priceOrderNegotiateCall = defineCall({
  type: 'bg.local.goods.priceorder.negotiate',
  request: z.object({
    priceOrderId: wireId,
    goodsId: wireId,
    priceCommitVersion: z.number().int(),
    priceCommitId: wireId,
    negotiatedPriceSkuList: z
      .array(z.object({ skuId: wireId, newSupplierPrice: decimalPrice, reason: z.string().min(1) }))
      .min(1),
  }),
  response: z.unknown(),
});

/** `temu.local.goods.recommendedprice.query`: Temu's suggested base prices (type 10 low / 20 restricted traffic). */
export const recommendedPriceQueryCall = defineCall({
  type: 'temu.local.goods.recommendedprice.query',
  request: z.object({
    recommendedPriceType: z.union([z.literal(10), z.literal(20)]),
    goodsIdList: z.array(wireId).min(1).max(100),
  }),
  response: z.object({
    goodsList: z
      .array(
        z.object({
          goodsId: temuId,
          skuList: z
            .array(z.object({ skuId: temuId, recommendedSupplyPrice: temuMoney.nullish() }))
            .nullish(),
        }),
      )
      .nullish(),
  }),
});
