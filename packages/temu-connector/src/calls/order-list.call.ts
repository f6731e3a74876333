import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import type { TemuClient, TemuRequestOptions } from '../client/temu-client.js';
import { temuOrderWithLines } from './order.schemas.js';
import type { TemuOrderWithLines } from './order.schemas.js';
import { paginate } from './paginate.js';
import { checkPairs, epochSeconds, pageNumber, pageSize, wireId } from './shared.schemas.js';

/**
 * `updateAtStart/End` are whole seconds over a closed interval (docs/temu-api.md §8.3, §15.1): the
 * resolution core's poll windows align to. The list pages to at most 100 pages of 100 (§8.3, §17),
 * so a window must hold fewer than 10,000 orders (the worker splits long windows into days).
 */
export const TEMU_ORDER_TIME_RESOLUTION_MS = 1_000;

/** Parent order statuses (docs/temu-api.md §8.2); 0 = all (filter only). */
export const TEMU_ORDER_STATUSES = [0, 1, 2, 3, 4, 5, 41, 51] as const;

const PARENT_ORDER_LABELS = [
  'soon_to_be_overdue',
  'past_due',
  'pending_buyer_cancellation',
  'pending_buyer_address_change',
  'pending_risk_control_alert',
  'signature_required_on_delivery',
] as const;

const PACKAGE_ABNORMAL_TYPES = [
  'WRONG_SHIPPING_ADDRESS',
  'SUSPECTED_ERROR_PROVIDER',
  'NO_TRACK',
  'TRACK_TOO_EARLY',
  'OVERTIME_COLLECTION',
  'TRACK_COLLECT_FAIL',
] as const;

const filterFields = {
  parentOrderStatus: z
    .number()
    .int()
    .refine(
      (s) => (TEMU_ORDER_STATUSES as readonly number[]).includes(s),
      `expected one of ${TEMU_ORDER_STATUSES.join(', ')}`,
    )
    .optional(),
  parentOrderSnList: z.array(z.string().min(1)).max(20).optional(),
  createAfter: epochSeconds.optional(),
  createBefore: epochSeconds.optional(),
  updateAtStart: epochSeconds.optional(),
  updateAtEnd: epochSeconds.optional(),
  expectShipLatestTimeStart: epochSeconds.optional(),
  expectShipLatestTimeEnd: epochSeconds.optional(),
  parentConfirmTimeStart: epochSeconds.optional(),
  parentConfirmTimeEnd: epochSeconds.optional(),
  regionId: z.number().int().positive().optional(),
  fulfillmentTypeList: z.array(z.enum(['fulfillBySeller', 'fulfillByCooperativeWarehouse'])).optional(),
  parentOrderLabel: z.array(z.enum(PARENT_ORDER_LABELS)).optional(),
  packageAbnormalTypeList: z.array(z.enum(PACKAGE_ABNORMAL_TYPES)).optional(),
  /** Always descending; default createTime. */
  sortby: z.enum(['updateTime', 'createTime']).optional(),
  hasPreSaleOrder: z.boolean().optional(),
  hasQualificationRequiredOrder: z.boolean().optional(),
  skuId: wireId.optional(),
};

const PAIRS = [
  ['createAfter', 'createBefore'],
  ['updateAtStart', 'updateAtEnd'],
  ['expectShipLatestTimeStart', 'expectShipLatestTimeEnd'],
  ['parentConfirmTimeStart', 'parentConfirmTimeEnd'],
] as const;

/** `bg.order.list.v2.get` (docs/temu-api.md §8.3): every documented filter; pages by `pageNumber`. */
export const orderListCall = defineCall({
  type: 'bg.order.list.v2.get',
  request: z.object({ pageNumber, pageSize, ...filterFields }).superRefine(checkPairs(PAIRS)),
  response: z.object({
    totalItemNum: z.number().int().nonnegative(),
    pageItems: z.array(temuOrderWithLines),
  }),
});

export type OrderListFilter = Omit<z.input<typeof orderListCall.request>, 'pageNumber'>;

/**
 * The same call with each page item left unvalidated, for callers that must survive one malformed
 * order in a page (the sync validates item by item).
 */
export const orderListItemsCall = defineCall({
  type: 'bg.order.list.v2.get',
  request: orderListCall.request,
  response: z.object({
    totalItemNum: z.number().int().nonnegative(),
    pageItems: z.array(z.unknown()),
  }),
});

/** Every page item matching the filter, unvalidated (see orderListItemsCall). */
export function iterateOrderItems(
  client: TemuClient,
  filter: OrderListFilter = {},
  options?: TemuRequestOptions,
): AsyncGenerator<unknown> {
  const size = filter.pageSize ?? 100;
  return paginate(async (page) => {
    const result = await client.call(
      orderListItemsCall,
      { ...filter, pageSize: size, pageNumber: page },
      options,
    );
    return { items: result.pageItems, total: result.totalItemNum };
  }, size);
}

/** Every parent order matching the filter, page after page. */
export function iterateOrders(
  client: TemuClient,
  filter: OrderListFilter = {},
  options?: TemuRequestOptions,
): AsyncGenerator<TemuOrderWithLines> {
  const size = filter.pageSize ?? 100;
  return paginate(async (page) => {
    const result = await client.call(orderListCall, { ...filter, pageSize: size, pageNumber: page }, options);
    return { items: result.pageItems, total: result.totalItemNum };
  }, size);
}
