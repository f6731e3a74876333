import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalInt, optionalText, temuId, wireId } from './shared.schemas.js';

/**
 * Semi-managed virtual stock on the PARTNER gateway (docs/temu-api.md "Selling models", semi stock):
 * stock is kept per (`productSkuId`, `warehouseId`), read one SKC (`productSkcId`) per call.
 * `openApiUser.supplierId` is in the CN documentation and absent from the Go SDK; sent when configured.
 */
const openApiUser = z.object({ supplierId: wireId }).optional();

export const semiStockGetCall = defineCall({
  type: 'bg.btg.goods.stock.quantity.get',
  request: z.object({ productSkcId: wireId, openApiUser }),
  response: z.object({
    total: optionalInt,
    productSkuStockList: z
      .array(
        z.object({
          productSkuId: temuId,
          /** null when the seller may not view it. */
          skuStockQuantity: z.number().int().nullish(),
          warehouseId: temuId,
          warehouseName: optionalText,
          /** 1 seller ships, 2 cooperative warehouse. */
          shippingMode: optionalInt,
          tempLockQuantity: optionalInt,
        }),
      )
      .nullish(),
  }),
});

/** 1 = delta (`stockDiff` ≠ 0), 2 = overwrite (`targetStockAvailable` ≥ 0); Temu's default is 1. */
export const QUANTITY_CHANGE_MODE = { delta: 1, overwrite: 2 } as const;

export const semiStockUpdateCall = defineCall({
  type: 'bg.btg.goods.stock.quantity.update',
  request: z
    .object({
      productSkcId: wireId.optional(),
      openApiUser,
      quantityChangeMode: z.union([z.literal(1), z.literal(2)]),
      skuStockChangeList: z
        .array(
          z.object({
            productSkuId: wireId,
            warehouseId: z.string().regex(/^\d+$/, 'expected a Temu warehouseId (digits, sent as a string)'),
            stockDiff: z.number().int().optional(),
            targetStockAvailable: z.number().int().min(0).optional(),
            currentShippingMode: z.number().int().optional(),
            currentStockAvailable: z.number().int().optional(),
          }),
        )
        .min(1),
    })
    .superRefine((r, ctx) => {
      r.skuStockChangeList.forEach((c, i) => {
        const ok =
          r.quantityChangeMode === 1
            ? c.stockDiff !== undefined && c.stockDiff !== 0 && c.targetStockAvailable === undefined
            : c.targetStockAvailable !== undefined && c.stockDiff === undefined;
        if (!ok)
          ctx.addIssue({
            code: 'custom',
            path: ['skuStockChangeList', i],
            message:
              r.quantityChangeMode === 1
                ? 'delta mode (1) needs a non-zero stockDiff and no targetStockAvailable'
                : 'overwrite mode (2) needs targetStockAvailable ≥ 0 and no stockDiff',
          });
      });
    }),
  // The answer is the envelope only (success or an error code).
  response: z.unknown(),
});
