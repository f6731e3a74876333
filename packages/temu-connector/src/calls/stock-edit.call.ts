import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalText, temuId, wireId } from './shared.schemas.js';

/** Temu accepts stock quantities 0–1,000,000 (`150013002`, docs/temu-api.md §10.3). */
export const MAX_STOCK = 1_000_000;
/** The key of Temu's share in the stock allocation (`CHANNEL_SHARES`, e.g. {"temu": 0.4}). */
export const TEMU_STOCK_CHANNEL = 'temu';

/**
 * `bg.local.goods.stock.edit` (docs/temu-api.md §10.3): one goodsId per call; `skuStockTargetList`
 * (overwrite) or `skuStockChangeList` (increment), never both for one SKU (`150013003`), no duplicate
 * SKUs (`150013001`); `requestUniqueKey` makes a retry idempotent. Per-SKU outcome in the result.
 */
export const stockEditCall = defineCall({
  type: 'bg.local.goods.stock.edit',
  request: z
    .object({
      goodsId: wireId,
      skuStockTargetList: z
        .array(z.object({ skuId: wireId, stockTarget: z.number().int().min(0).max(MAX_STOCK) }))
        .min(1)
        .optional(),
      skuStockChangeList: z
        .array(z.object({ skuId: wireId, stockDiff: z.number().int().min(-MAX_STOCK).max(MAX_STOCK) }))
        .min(1)
        .optional(),
      /** 0 ordinary (default), 1 pre-sale. */
      stockType: z.union([z.literal(0), z.literal(1)]).optional(),
      requestUniqueKey: z.string().min(1).max(128).optional(),
    })
    .superRefine((r, ctx) => {
      if (!r.skuStockTargetList && !r.skuStockChangeList) {
        ctx.addIssue({
          code: 'custom',
          path: ['skuStockTargetList'],
          message: 'give skuStockTargetList or skuStockChangeList',
        });
      }
      const seen = new Set<string>();
      const skus = [...(r.skuStockTargetList ?? []), ...(r.skuStockChangeList ?? [])].map((s) =>
        String(s.skuId),
      );
      for (const skuId of skus) {
        if (seen.has(skuId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['skuStockTargetList'],
            message: `SKU ${skuId} appears twice (150013001/150013003)`,
          });
        }
        seen.add(skuId);
      }
    }),
  response: z.object({
    goodsId: temuId.nullish(),
    operateResult: z.boolean().nullish(),
    msg: optionalText,
    skuStockEditStatusInfoList: z
      .array(
        z.object({
          skuId: temuId,
          stockEditStatus: z.union([z.boolean(), z.number()]),
          errorCode: z.union([z.number(), z.string()]).nullish(),
          errorMsg: optionalText,
        }),
      )
      .nullish(),
  }),
});

export type StockEditRequest = z.input<typeof stockEditCall.request>;
