import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import type { TemuClient, TemuRequestOptions } from '../client/temu-client.js';
import { paginateByPageNo } from './paginate.js';
import { checkPairs, optionalInt, pageNumber, pageSize } from './shared.schemas.js';

/** Window bounds; the time unit is not documented (docs/temu-api.md §12, §17) — pass what the caller knows. */
const bound = z.number().int().nonnegative();

const PAIRS = [
  ['createAtStart', 'createAtEnd'],
  ['updateAtStart', 'updateAtEnd'],
] as const;

/**
 * `bg.aftersales.parentaftersales.list.get` (docs/temu-api.md §12): pages by `pageNo`, answers `pageNumber`,
 * `total`, `data`; at least one paired window is required (else `130010001`).
 */
export const afterSalesParentListCall = defineCall({
  type: 'bg.aftersales.parentaftersales.list.get',
  request: z
    .object({
      pageNo: pageNumber,
      pageSize,
      parentOrderSnList: z.array(z.string().min(1)).optional(),
      parentAfterSalesSnList: z.array(z.string().min(1)).optional(),
      afterSalesStatusGroup: z.number().int().min(1).max(7).optional(),
      createAtStart: bound.optional(),
      createAtEnd: bound.optional(),
      updateAtStart: bound.optional(),
      updateAtEnd: bound.optional(),
    })
    .superRefine(checkPairs(PAIRS))
    .refine((r) => r.createAtStart !== undefined || r.updateAtStart !== undefined, {
      message: 'give a createAtStart/End or updateAtStart/End window (130010001)',
      path: ['updateAtStart'],
    }),
  response: z.object({
    data: z.array(
      z.object({
        parentAfterSalesSn: z.string(),
        parentOrderSn: z.string(),
        parentAfterSalesStatus: z.number().int(),
        afterSalesStatusGroup: optionalInt,
        /** 1 refund only, 2 return and refund. */
        afterSalesType: optionalInt,
        returnDeliveryType: optionalInt,
        availableOperateList: z.array(z.unknown()).nullish(),
        operateExpireTimeMs: z.number().nullish(),
        createAt: z.number().nullish(),
        updateAt: z.number().nullish(),
      }),
    ),
    total: z.number().int().nonnegative(),
    pageNumber: optionalInt,
  }),
});

export type AfterSalesParentFilter = Omit<z.input<typeof afterSalesParentListCall.request>, 'pageNo'>;
export type TemuParentAfterSales = z.output<typeof afterSalesParentListCall.response>['data'][number];

export function iterateParentAfterSales(
  client: TemuClient,
  filter: AfterSalesParentFilter,
  options?: TemuRequestOptions,
): AsyncGenerator<TemuParentAfterSales> {
  return paginateByPageNo(
    client,
    afterSalesParentListCall,
    filter,
    (r) => ({ items: r.data, total: r.total }),
    options,
  );
}
