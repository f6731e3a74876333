import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { temuId, wireId } from './shared.schemas.js';

/** Prices go out as decimal strings (docs/temu-api.md §10.4), e.g. `{ amount: "19.99", currency: "USD" }`. */
const decimalPrice = z.object({
  amount: z.string().regex(/^\d+(\.\d{1,3})?$/, 'expected a decimal string like "19.99"'),
  currency: z.string().length(3),
});

/**
 * `bg.local.goods.priceorder.change.sku.price` (docs/temu-api.md §10.4): creates price orders that Temu
 * reviews; the result lists the SKUs accepted and refused.
 */
export const priceChangeCall = defineCall({
  type: 'bg.local.goods.priceorder.change.sku.price',
  request: z.object({
    goodsId: wireId,
    changeSkuPriceDTOList: z
      .array(
        z.object({
          reason: z.string().optional(),
          skuChangePriceBaseDTOList: z
            .array(z.object({ skuId: wireId, newSupplierPrice: decimalPrice }))
            .min(1),
        }),
      )
      .min(1),
    rejectSkuPricing: z.boolean().optional(),
  }),
  response: z.object({
    successSkuList: z.array(temuId).nullish(),
    failedSkuList: z.array(temuId).nullish(),
    failedSkuReasonMap: z.record(z.string(), z.unknown()).nullish(),
    successPriceOrderList: z
      .array(z.object({ priceOrderSn: z.string(), skuIdList: z.array(temuId).nullish() }))
      .nullish(),
  }),
});
