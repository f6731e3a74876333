import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import type { TemuClient, TemuRequestOptions } from '../client/temu-client.js';
import { paginateByPageNo } from './paginate.js';
import { optionalInt, optionalText, pageNumber, pageSize, temuId } from './shared.schemas.js';

/** `bg.aftersales.aftersales.list.get` (docs/temu-api.md §12): the child cases of parent after-sales cases. */
export const afterSalesListCall = defineCall({
  type: 'bg.aftersales.aftersales.list.get',
  request: z.object({
    parentAfterSalesSnList: z.array(z.string().min(1)).min(1),
    pageNo: pageNumber,
    pageSize,
  }),
  response: z.object({
    data: z.array(
      z.object({
        afterSalesSn: z.string(),
        parentAfterSalesSn: z.string(),
        orderSn: optionalText,
        goodsId: temuId.nullish(),
        skuId: temuId.nullish(),
        productSkuId: temuId.nullish(),
        applyAfterSalesGoodsNumber: optionalInt,
        afterSalesStatus: optionalInt,
        afterSalesType: optionalInt,
        /** Not in the list's documented fields (the detail call has it); read when present. */
        afterSalesReasonDesc: optionalText,
        productList: z
          .array(z.object({ productSkuId: temuId.nullish(), extCode: optionalText }).passthrough())
          .nullish(),
      }),
    ),
    total: z.number().int().nonnegative().nullish(),
  }),
});

export type TemuAfterSales = z.output<typeof afterSalesListCall.response>['data'][number];

export function iterateAfterSales(
  client: TemuClient,
  filter: Omit<z.input<typeof afterSalesListCall.request>, 'pageNo'>,
  options?: TemuRequestOptions,
): AsyncGenerator<TemuAfterSales> {
  return paginateByPageNo(
    client,
    afterSalesListCall,
    filter,
    (r) => ({ items: r.data, total: r.total ?? null }),
    options,
  );
}
