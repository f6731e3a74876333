import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import type { TemuClient, TemuRequestOptions } from '../client/temu-client.js';
import { paginateByPageNo } from './paginate.js';
import { checkPairs, optionalInt, optionalText, pageNumber, pageSize, temuId } from './shared.schemas.js';

const bound = z.number().int().nonnegative();

/**
 * `bg.aftersales.cancel.list.get` (docs/temu-api.md §12): buyer cancellation requests before shipment.
 * Request fields are not fully documented; we send the after-sales paging and window conventions.
 */
export const cancelListCall = defineCall({
  type: 'bg.aftersales.cancel.list.get',
  request: z
    .object({
      pageNo: pageNumber,
      pageSize,
      parentOrderSnList: z.array(z.string().min(1)).optional(),
      parentAfterSalesSnList: z.array(z.string().min(1)).optional(),
      createAtStart: bound.optional(),
      createAtEnd: bound.optional(),
      updateAtStart: bound.optional(),
      updateAtEnd: bound.optional(),
    })
    .superRefine(
      checkPairs([
        ['createAtStart', 'createAtEnd'],
        ['updateAtStart', 'updateAtEnd'],
      ]),
    ),
  response: z.object({
    data: z.array(
      z.object({
        parentAfterSalesSn: z.string(),
        parentAfterSalesStatus: z.number().int(),
        parentOrderSn: optionalText,
        afterSalesInfoList: z.array(
          z.object({
            afterSalesSn: z.string(),
            orderSn: z.string(),
            parentOrderSn: z.string(),
            goodsId: temuId.nullish(),
            skuId: temuId.nullish(),
            productSkuId: temuId.nullish(),
            applyGoodsNumber: optionalInt,
            createAtMillis: z.number().nullish(),
            productList: z
              .array(z.object({ productSkuId: temuId.nullish(), extCode: optionalText }).passthrough())
              .nullish(),
          }),
        ),
      }),
    ),
    total: z.number().int().nonnegative().nullish(),
  }),
});

export type TemuCancelRequest = z.output<typeof cancelListCall.response>['data'][number];

export function iterateCancelRequests(
  client: TemuClient,
  filter: Omit<z.input<typeof cancelListCall.request>, 'pageNo'> = {},
  options?: TemuRequestOptions,
): AsyncGenerator<TemuCancelRequest> {
  return paginateByPageNo(
    client,
    cancelListCall,
    filter,
    (r) => ({ items: r.data, total: r.total ?? null }),
    options,
  );
}
