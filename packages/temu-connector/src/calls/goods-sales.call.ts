import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalText, temuId } from './shared.schemas.js';

const count = z.number().int().nullish();

/**
 * `bg.goods.salesv2.get` (docs/temu-api.md "Fully-managed sales and warehouse stock"): sales
 * counters and warehouse stock of a fully-managed shop, one row per product (SKC) with its SKUs.
 * No date parameters exist: only today / 7 / 30 days / total as of now.
 */
export const goodsSalesCall = defineCall({
  type: 'bg.goods.salesv2.get',
  request: z.object({
    pageNo: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(500),
    warehouseGroupIdList: z.array(z.union([z.number().int(), z.string().regex(/^\d+$/)])).optional(),
    skuExtCodeList: z.array(z.string().min(1)).optional(),
  }),
  response: z.object({
    total: z.number().int().nullish(),
    subOrderList: z
      .array(
        z.object({
          productSkcId: temuId.nullish(),
          skcExtCode: optionalText,
          skuQuantityDetailList: z
            .array(
              z.object({
                productSkuId: temuId,
                skuExtCode: optionalText,
                todaySaleVolume: count,
                lastSevenDaysSaleVolume: count,
                lastThirtyDaysSaleVolume: count,
                totalSaleVolume: count,
                inventoryNumInfo: z
                  .object({
                    warehouseInventoryNum: count,
                    waitReceiveNum: count,
                    waitDeliveryInventoryNum: count,
                  })
                  .nullish(),
              }),
            )
            .nullish(),
        }),
      )
      .nullish(),
  }),
});
