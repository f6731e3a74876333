import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { temuId, temuMoney, wireId } from './shared.schemas.js';

/** `bg.local.goods.sku.list.price.query` (docs/temu-api.md §10.4, whitelisted): the seller's base (supplier) prices. */
export const skuPriceQueryCall = defineCall({
  type: 'bg.local.goods.sku.list.price.query',
  request: z.object({
    querySupplierPriceBaseList: z
      .array(z.object({ goodsId: wireId, skuIdList: z.array(wireId).min(1) }))
      .min(1),
  }),
  response: z.object({
    openapiGoodsSupplierPriceDTOList: z.array(
      z.object({
        goodsId: temuId,
        openapiSkuSupplierPriceDTOList: z.array(
          z.object({ skuId: temuId, supplierPrice: temuMoney.nullish() }),
        ),
      }),
    ),
  }),
});
