import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalInt, optionalText, temuId, wireId } from './shared.schemas.js';

const stock = z.object({ stock: z.number().int(), stockType: optionalInt }).nullish();

/** `temu.local.goods.sku.stock.query` (docs/temu-api.md §10.3): stock of SKUs of one goods. */
export const skuStockQueryCall = defineCall({
  type: 'temu.local.goods.sku.stock.query',
  request: z
    .object({
      goodsId: wireId,
      skuIdList: z.array(wireId).min(1).optional(),
      outSkuSnList: z.array(z.string().min(1)).min(1).optional(),
      language: z.string().optional(),
    })
    .refine((r) => r.skuIdList !== undefined || r.outSkuSnList !== undefined, {
      message: 'give skuIdList or outSkuSnList',
      path: ['skuIdList'],
    }),
  response: z.object({
    stockList: z.array(
      z.object({
        goodsId: temuId.nullish(),
        skuStockInfoList: z.array(
          z.object({
            skuId: temuId,
            outSkuSn: optionalText,
            selfOrdinaryStock: stock,
            selfPreSaleStock: z
              .object({ stock: z.number().int(), preSaleEndTime: z.number().nullish() })
              .nullish(),
            certOrdinaryStock: stock,
          }),
        ),
      }),
    ),
  }),
});
