import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import type { TemuClient, TemuRequestOptions } from '../client/temu-client.js';
import { paginateByPageNo } from './paginate.js';
import {
  optionalInt,
  optionalText,
  pageNumber,
  pageSize,
  temuId,
  temuMoney,
  wireId,
} from './shared.schemas.js';

const sku = z.object({
  skuId: temuId,
  goodsId: temuId,
  /** The seller's SKU code. */
  skuSn: optionalText,
  outSkuSn: optionalText,
  goodsName: optionalText,
  specName: optionalText,
  price: z.union([z.string(), z.number()]).nullish(),
  currency: optionalText,
  retailPrice: temuMoney.nullish(),
  stock: optionalInt,
  goodsIsOnSale: z.union([z.boolean(), z.number()]).nullish(),
  status4VO: optionalInt,
});
export type TemuSku = z.output<typeof sku>;

/** `bg.local.goods.sku.list.query` (docs/temu-api.md §10.1): pages by `pageNo`; used to read current stock. */
export const skuListCall = defineCall({
  type: 'bg.local.goods.sku.list.query',
  request: z.object({
    pageNo: pageNumber,
    pageSize,
    skuSearchType: z.number().int().optional(),
    skuStatusFilterType: z.number().int().optional(),
    skuSubStatusFilterType: z.number().int().optional(),
    skuIdList: z.array(wireId).optional(),
    goodsIdList: z.array(wireId).optional(),
  }),
  response: z
    .object({ skuList: z.array(sku), pageNo: optionalInt, total: z.number().int().nonnegative() })
    .nullable()
    .transform((r) => r ?? { skuList: [], pageNo: null, total: 0 }),
});

export type SkuListFilter = Omit<z.input<typeof skuListCall.request>, 'pageNo'>;

export function iterateSkus(
  client: TemuClient,
  filter: SkuListFilter = {},
  options?: TemuRequestOptions,
): AsyncGenerator<TemuSku> {
  return paginateByPageNo(
    client,
    skuListCall,
    filter,
    (r) => ({ items: r.skuList, total: r.total }),
    options,
  );
}
