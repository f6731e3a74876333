import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import type { TemuClient, TemuRequestOptions } from '../client/temu-client.js';
import { paginateByPageNo } from './paginate.js';
import {
  epochMillis,
  optionalInt,
  optionalText,
  pageNumber,
  pageSize,
  temuId,
  temuMoney,
  wireId,
} from './shared.schemas.js';

const goods = z.object({
  goodsId: temuId,
  goodsName: optionalText,
  outGoodsSn: optionalText,
  catId: temuId.nullish(),
  price: z.union([z.string(), z.number()]).nullish(),
  currency: optionalText,
  retailPrice: temuMoney.nullish(),
  listPrice: temuMoney.nullish(),
  quantity: optionalInt,
  thumbUrl: optionalText,
  skuInfoList: z
    .array(z.object({ skuId: temuId, skuSn: optionalText, specList: z.array(z.unknown()).nullish() }))
    .nullish(),
  skuIdList: z.array(temuId).nullish(),
  outSkuSnList: z.array(z.string()).nullish(),
  status4VO: optionalInt,
  subStatus4VO: optionalInt,
  crtTime: z.number().nullish(),
});
export type TemuGoods = z.output<typeof goods>;

/**
 * `bg.local.goods.list.query` (docs/temu-api.md §10.1): pages by **`pageNo`**; `crtFrom`/`crtTo` are ms;
 * `result` is null for an empty shop (OMNI), normalised to an empty page.
 */
export const goodsListCall = defineCall({
  type: 'bg.local.goods.list.query',
  request: z.object({
    pageNo: pageNumber,
    pageSize,
    /** 1 active/inactive, 4 incomplete, 5 draft, 6 deleted; required by Temu (OMNI). */
    goodsSearchType: z.number().int().default(1),
    goodsStatusFilterType: z.number().int().optional(),
    goodsSubStatusFilterType: z.number().int().optional(),
    orderField: z.enum(['goodsId', 'createTime', 'goodsName', 'outGoodsSn', 'quantity', 'price']).optional(),
    orderType: z.union([z.literal(0), z.literal(1)]).optional(),
    searchText: z.string().optional(),
    crtFrom: epochMillis.optional(),
    crtTo: epochMillis.optional(),
    goodsIdList: z.array(wireId).optional(),
    catIdList: z.array(wireId).optional(),
    goodsStatusChangeTimeFrom: epochMillis.optional(),
    goodsStatusChangeTimeTo: epochMillis.optional(),
    goodsSearchTags: z.array(z.number().int()).optional(),
  }),
  response: z
    .object({ goodsList: z.array(goods), pageNo: optionalInt, total: z.number().int().nonnegative() })
    .nullable()
    .transform((r) => r ?? { goodsList: [], pageNo: null, total: 0 }),
});

export type GoodsListFilter = Omit<z.input<typeof goodsListCall.request>, 'pageNo'>;

export function iterateGoods(
  client: TemuClient,
  filter: GoodsListFilter = {},
  options?: TemuRequestOptions,
): AsyncGenerator<TemuGoods> {
  return paginateByPageNo(
    client,
    goodsListCall,
    filter,
    (r) => ({ items: r.goodsList, total: r.total }),
    options,
  );
}
