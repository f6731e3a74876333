import { ApiError, BUSINESS, GATEWAY_ERRORS } from '../error-codes.js';
import { PARENT_STATUSES, type ParentOrder } from '../data/model.js';
import type { Handler } from './handler.js';
import { activeLabels, orderView } from './order.view.js';
import { page, Params } from './params.js';

/** Paired second-precision windows of bg.order.list.v2.get (docs/temu-api.md §8.3, §15.4). */
const WINDOWS = [
  ['createAfter', 'createBefore', (o: ParentOrder) => o.createdAt],
  ['updateAtStart', 'updateAtEnd', (o: ParentOrder) => o.updatedAt],
  ['expectShipLatestTimeStart', 'expectShipLatestTimeEnd', (o: ParentOrder) => o.expectShipLatestAt],
  ['parentConfirmTimeStart', 'parentConfirmTimeEnd', (o: ParentOrder) => o.confirmAt],
] as const;

/** Anything above this is a millisecond timestamp (year 5138 in seconds): 140020014. */
const MAX_SECONDS = 99_999_999_999;

function window(p: Params, startName: string, endName: string): [number, number] | null {
  const start = p.int(startName, { min: 0 });
  const end = p.int(endName, { min: 0 });
  if (start === undefined && end === undefined) return null;
  if (start === undefined) throw new ApiError(BUSINESS.ORDER_PARAM_MISSING, `${startName} not passed in`);
  if (end === undefined) throw new ApiError(BUSINESS.ORDER_PARAM_MISSING, `${endName} not passed in`);
  for (const [name, v] of [
    [startName, start],
    [endName, end],
  ] as const) {
    if (v > MAX_SECONDS) {
      throw new ApiError(BUSINESS.ORDER_SECONDS_REQUIRED, `${name} requires a second level timestamp`);
    }
  }
  if (startName === 'parentConfirmTimeStart' && end <= start) {
    throw new ApiError(
      BUSINESS.ORDER_TIME_RANGE,
      'parentConfirmTimeEnd must be greater than parentConfirmTimeStart',
    );
  }
  return [start, end];
}

export const listOrders: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, GATEWAY_ERRORS.BAD_PARAMS[0]);
  const pageNumber = p.int('pageNumber', { min: 1 }) ?? 1;
  const pageSize = p.int('pageSize', { min: 1, max: 100 }) ?? 10;
  const status = p.int('parentOrderStatus') ?? 0;
  if (status !== 0 && !PARENT_STATUSES.includes(status as never)) {
    p.fail('parentOrderStatus', 'expected 0, 1, 2, 3, 4, 5, 41 or 51');
  }
  const sns = p.strList('parentOrderSnList', 20);
  const regionId = p.int('regionId');
  const skuId = p.id('skuId');
  const labels = p.strList('parentOrderLabel');
  const fulfillmentTypes = p.strList('fulfillmentTypeList');
  const sortby = p.str('sortby') ?? 'createTime';
  if (sortby !== 'createTime' && sortby !== 'updateTime')
    p.fail('sortby', 'expected updateTime or createTime');
  p.bool('hasPreSaleOrder');
  p.bool('hasQualificationRequiredOrder');
  const windows = WINDOWS.map(([a, b, get]) => [window(p, a, b), get] as const);

  const nowS = Math.floor(nowMs / 1000);
  // All sandbox orders are seller-fulfilled; asking only for co-warehouse orders finds none (docs/temu-api.md §8.3).
  const sellerFulfilled =
    !fulfillmentTypes || fulfillmentTypes.length === 0 || fulfillmentTypes.includes('fulfillBySeller');
  const matches = [...state.orders.values()].filter((o) => {
    if (!sellerFulfilled) return false;
    if (status !== 0 && o.status !== status) return false;
    if (sns && sns.length > 0 && !sns.includes(o.parentOrderSn)) return false;
    if (regionId !== undefined && o.regionId !== regionId) return false;
    if (skuId !== undefined && !o.children.some((c) => c.skuId === skuId)) return false;
    if (labels && labels.length > 0) {
      const active = activeLabels(o, nowS);
      if (!labels.some((l) => active.has(l))) return false;
    }
    for (const [range, get] of windows) {
      if (!range) continue;
      const v = get(o);
      if (v === null || v < range[0] || v > range[1]) return false;
    }
    return true;
  });
  const key = sortby === 'updateTime' ? (o: ParentOrder) => o.updatedAt : (o: ParentOrder) => o.createdAt;
  matches.sort((a, b) => key(b) - key(a) || (a.parentOrderSn < b.parentOrderSn ? 1 : -1));
  return {
    totalItemNum: matches.length,
    pageItems: page(matches, pageNumber, pageSize).map((o) => orderView(state, o, nowS)),
  };
};

export function findParent(
  state: { orders: Map<string, ParentOrder> },
  p: Params,
  missingCode: number = BUSINESS.ORDER_PARAM_MISSING,
): ParentOrder {
  const sn = p.str('parentOrderSn');
  if (!sn) throw new ApiError(missingCode, 'parentOrderSn not passed in');
  const parent = state.orders.get(sn);
  if (!parent) throw new ApiError(BUSINESS.ORDER_NOT_FOUND, `order ${sn} not found`);
  return parent;
}

export const orderDetail: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, GATEWAY_ERRORS.BAD_PARAMS[0]);
  p.strList('fulfillmentTypeList');
  const parent = findParent(state, p);
  return orderView(state, parent, Math.floor(nowMs / 1000), true);
};
