import { groupIncludes, statusGroup } from '../data/aftersales.js';
import type { AfterSalesCase } from '../data/model.js';
import { cancelLines } from '../data/order-actions.js';
import { ApiError, BUSINESS } from '../error-codes.js';
import { addressView } from './address.view.js';
import type { Handler } from './handler.js';
import { page, Params } from './params.js';

const OPERATE_WINDOW_MS = 24 * 3_600_000;

/** Window params' unit is undocumented (docs/temu-api.md §12); seconds are accepted and read as ms × 1000. */
function asMs(v: number): number {
  return v < 1e12 ? v * 1000 : v;
}

function windowOf(p: Params, start: string, end: string): [number, number] | null {
  const a = p.int(start, { min: 0 });
  const b = p.int(end, { min: 0 });
  if (a === undefined && b === undefined) return null;
  if (a === undefined || b === undefined)
    p.fail(a === undefined ? start : end, `${start} and ${end} must be passed together`);
  return [asMs(a), asMs(b)];
}

function filtered(p: Params, cases: AfterSalesCase[]): AfterSalesCase[] {
  const orderSns = p.strList('parentOrderSnList', 100);
  const caseSns = p.strList('parentAfterSalesSnList', 100);
  const group = p.int('afterSalesStatusGroup', { min: 1, max: 7 });
  return cases.filter(
    (c) =>
      (!orderSns || orderSns.length === 0 || orderSns.includes(c.parentOrderSn)) &&
      (!caseSns || caseSns.length === 0 || caseSns.includes(c.parentAfterSalesSn)) &&
      (group === undefined || groupIncludes(group, c.status)),
  );
}

function paging(p: Params): [number, number] {
  return [p.int('pageNo', { min: 1 }) ?? 1, p.int('pageSize', { min: 1, max: 100 }) ?? 10];
}

/** bg.aftersales.parentaftersales.list.get: refunds and returns; a time window is required (docs/temu-api.md §12). */
export const listParentAfterSales: Handler = ({ state, body }) => {
  const p = new Params(body, BUSINESS.AFTERSALES_ILLEGAL_PARAM);
  const [pageNo, pageSize] = paging(p);
  const created = windowOf(p, 'createAtStart', 'createAtEnd');
  const updated = windowOf(p, 'updateAtStart', 'updateAtEnd');
  if (!created && !updated)
    p.fail('createAtStart', 'pass createAtStart/createAtEnd or updateAtStart/updateAtEnd');
  const cases = filtered(
    p,
    [...state.afterSales.values()].filter((c) => c.kind !== 'cancel'),
  ).filter(
    (c) =>
      (!created || (c.createAtMs >= created[0] && c.createAtMs <= created[1])) &&
      (!updated || (c.updateAtMs >= updated[0] && c.updateAtMs <= updated[1])),
  );
  return {
    data: page(cases, pageNo, pageSize).map((c) => ({
      parentAfterSalesSn: c.parentAfterSalesSn,
      parentOrderSn: c.parentOrderSn,
      parentAfterSalesStatus: c.status,
      afterSalesStatusGroup: statusGroup(c.status),
      afterSalesType: c.afterSalesType,
      returnDeliveryType: c.afterSalesType === 2 ? 1 : 0,
      availableOperateList: c.status === 1 || c.status === 10 ? ['REFUND'] : [],
      operateExpireTimeMs: c.createAtMs + OPERATE_WINDOW_MS,
      createAt: c.createAtMs,
      updateAt: c.updateAtMs,
    })),
    total: cases.length,
    pageNumber: pageNo,
  };
};

/** bg.aftersales.aftersales.list.get: the lines of given parent cases. */
export const listAfterSales: Handler = ({ state, body }) => {
  const p = new Params(body, BUSINESS.AFTERSALES_ILLEGAL_PARAM);
  const [pageNo, pageSize] = paging(p);
  const sns = p.strList('parentAfterSalesSnList', 100);
  if (!sns || sns.length === 0) throw p.error('parentAfterSalesSnList', 'is required');
  const lines = sns.flatMap((sn) => {
    const c = state.afterSales.get(sn);
    return c ? c.lines.map((l) => ({ c, l })) : [];
  });
  return {
    data: page(lines, pageNo, pageSize).map(({ c, l }) => ({
      afterSalesSn: l.afterSalesSn,
      parentAfterSalesSn: c.parentAfterSalesSn,
      orderSn: l.orderSn,
      goodsId: l.goodsId,
      skuId: l.skuId,
      productSkuId: l.productSkuId,
      applyAfterSalesGoodsNumber: l.quantity,
      afterSalesStatus: c.status,
      afterSalesType: c.afterSalesType,
      productList: [{ productSkuId: l.productSkuId, extCode: l.sellerSku }],
      ...(l.reason ? { afterSalesReasonDesc: l.reason } : {}),
    })),
    total: lines.length,
    pageNumber: pageNo,
  };
};

/** bg.aftersales.cancel.list.get: buyer cancellation requests before shipment. */
export const listCancellations: Handler = ({ state, body }) => {
  const p = new Params(body, BUSINESS.AFTERSALES_ILLEGAL_PARAM);
  const [pageNo, pageSize] = paging(p);
  const cases = filtered(
    p,
    [...state.afterSales.values()].filter((c) => c.kind === 'cancel'),
  );
  return {
    data: page(cases, pageNo, pageSize).map((c) => ({
      parentAfterSalesSn: c.parentAfterSalesSn,
      parentAfterSalesStatus: c.status,
      afterSalesInfoList: c.lines.map((l) => ({
        afterSalesSn: l.afterSalesSn,
        orderSn: l.orderSn,
        parentOrderSn: c.parentOrderSn,
        goodsId: l.goodsId,
        productSkuId: l.productSkuId,
        applyGoodsNumber: l.quantity,
        createAtMillis: c.createAtMs,
        productList: [{ productSkuId: l.productSkuId, extCode: l.sellerSku }],
      })),
    })),
    total: cases.length,
    pageNumber: pageNo,
  };
};

/** bg.aftersales.cancel.agree: accept a pending cancellation; its lines are canceled and refunded. */
export const agreeCancellation: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, BUSINESS.AFTERSALES_ILLEGAL_PARAM);
  const sn = p.str('parentAfterSalesSn', true)!;
  const parentOrderSn = p.str('parentOrderSn');
  const c = state.afterSales.get(sn);
  if (!c || c.kind !== 'cancel' || (parentOrderSn !== undefined && parentOrderSn !== c.parentOrderSn)) {
    throw new ApiError(
      BUSINESS.AFTERSALES_NOT_FOUND,
      `no cancellation ${sn}${parentOrderSn ? ` for ${parentOrderSn}` : ''}`,
    );
  }
  if (c.status !== 1)
    throw new ApiError(
      BUSINESS.AFTERSALES_FORBID,
      `operate forbid: cancellation ${sn} is in status ${c.status}`,
    );
  const parent = state.orders.get(c.parentOrderSn)!;
  const open = c.lines.filter((l) => {
    const child = parent.children.find((ch) => ch.orderSn === l.orderSn);
    return child && (child.status === 1 || child.status === 2);
  });
  if (open.length === 0)
    throw new ApiError(BUSINESS.AFTERSALES_FULLY_SHIPPED, 'The order has been fully shipped.');
  cancelLines(
    state,
    parent,
    open.map((l) => ({ orderSn: l.orderSn, quantity: l.quantity })),
  );
  parent.labels.delete('pending_buyer_cancellation');
  c.status = 5;
  c.updateAtMs = nowMs;
  state.afterSalesChanged(c);
  return null;
};

/**
 * temu.aftersales.refund.issue (docs/temu-api.md §12): full refund only (`openApiRefundType` 1), allowed
 * on a refund-only request (1) or a return the warehouse received (3); anything else is 130010005.
 * Real Temu passes through 4/9 (refund initiated) first; the sandbox settles at once (status 5).
 */
export const issueRefund: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, BUSINESS.AFTERSALES_ILLEGAL_PARAM);
  const sn = p.str('parentAfterSalesSn', true)!;
  const parentOrderSn = p.str('parentOrderSn', true)!;
  const type = p.int('openApiRefundType', { min: 1, max: 1 });
  if (type === undefined) throw p.error('openApiRefundType', 'is required (1: full refund)');
  const c = state.afterSales.get(sn);
  if (!c || c.kind === 'cancel' || c.parentOrderSn !== parentOrderSn)
    throw new ApiError(BUSINESS.AFTERSALES_NOT_FOUND, `no after-sales ${sn} for ${parentOrderSn}`);
  const allowed = c.kind === 'refund' ? c.status === 1 : c.status === 3;
  if (!allowed)
    throw new ApiError(
      BUSINESS.AFTERSALES_FORBID,
      `operate forbid: after-sales ${sn} is in status ${c.status}`,
    );
  c.status = 5;
  c.updateAtMs = nowMs;
  state.afterSalesChanged(c);
  return null;
};

/** A return case waiting for the seller's label (status 8), or the API's own error. */
function labelCase(p: Params, state: Parameters<Handler>[0]['state']) {
  const sn = p.str('parentAfterSalesSn', true)!;
  const parentOrderSn = p.str('parentOrderSn', true)!;
  const c = state.afterSales.get(sn);
  if (!c || c.kind !== 'return' || c.parentOrderSn !== parentOrderSn)
    throw new ApiError(BUSINESS.AFTERSALES_NOT_FOUND, `no return ${sn} for ${parentOrderSn}`);
  if (c.status !== 8)
    throw new ApiError(
      BUSINESS.AFTERSALES_FORBID,
      `operate forbid: return ${sn} is in status ${c.status}, not waiting for a label`,
    );
  return c;
}

/** temu.aftersales.returnlabel.prepare.get: the shop's one return warehouse while a label is due. */
export const prepareReturnLabel: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, BUSINESS.AFTERSALES_ILLEGAL_PARAM);
  labelCase(p, state);
  return {
    availableReturnWarehouseList: [{ warehouseId: 9_000_001, warehouseName: 'Sandbox return warehouse' }],
    userPickUpTimezone: 'UTC',
    userSelectedPickUpTimeList: [],
    merchantLatestPickUpTime: nowMs + OPERATE_WINDOW_MS,
  };
};

/**
 * temu.aftersales.returnaddress.get: the buyer's address (the order's receiver) while the seller's
 * label is due; 180021002 refund-only, 180021003 label already uploaded, 180021004 no label needed.
 */
export const returnAddress: Handler = ({ state, body }) => {
  const p = new Params(body, BUSINESS.AFTERSALES_ILLEGAL_PARAM);
  const sn = p.str('parentAfterSalesSn', true)!;
  const c = state.afterSales.get(sn);
  if (!c) throw new ApiError(BUSINESS.AFTERSALES_NOT_FOUND, `no after-sales ${sn}`);
  if (c.kind !== 'return')
    throw new ApiError(BUSINESS.RETURN_ADDRESS_REFUND_ONLY, `after-sales ${sn} is not a return`);
  if (c.returnLabel)
    throw new ApiError(BUSINESS.RETURN_ADDRESS_LABEL_UPLOADED, `a label was already uploaded for ${sn}`);
  if (c.status !== 8)
    throw new ApiError(
      BUSINESS.RETURN_ADDRESS_NO_LABEL_NEEDED,
      `return ${sn} needs no seller label (status ${c.status})`,
    );
  const order = state.orders.get(c.parentOrderSn);
  if (!order) throw new ApiError(BUSINESS.AFTERSALES_NOT_FOUND, `no order ${c.parentOrderSn} for ${sn}`);
  return addressView(order.address);
};

/**
 * temu.aftersales.upload.returnlabel: records the label; the case stays in 8 until the buyer ships
 * (control step `ship_back`). A second upload is 130010005 (the label is no longer due).
 */
export const uploadReturnLabel: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, BUSINESS.AFTERSALES_ILLEGAL_PARAM);
  const c = labelCase(p, state);
  if (c.returnLabel)
    throw new ApiError(
      BUSINESS.AFTERSALES_FORBID,
      `operate forbid: a label was already uploaded for ${c.parentAfterSalesSn}`,
    );
  const list = Array.isArray(body.returnLabelDTOList)
    ? (body.returnLabelDTOList as Array<Record<string, unknown>>)
    : [];
  const label = list[0];
  if (!label || typeof label.trackingNumber !== 'string' || label.trackingNumber === '')
    throw new ApiError(BUSINESS.AFTERSALES_TRACKING_INVALID, 'tracking number invalid');
  if (typeof label.returnLabelUrl !== 'string' || !/^https?:\/\//.test(label.returnLabelUrl))
    throw new ApiError(BUSINESS.AFTERSALES_LABEL_INVALID, 'return label invalid');
  c.returnLabel = { trackingNumber: label.trackingNumber, url: label.returnLabelUrl };
  c.updateAtMs = nowMs;
  state.afterSalesChanged(c);
  return null;
};

/**
 * temu.aftersales.parentaftersales.detail.get: one case with its `refundSummary` (money as order
 * amounts, integers of minor units) and `lastUpdateAtMillis`; 130010004 when unknown.
 */
export const afterSalesDetail: Handler = ({ state, body }) => {
  const p = new Params(body, BUSINESS.AFTERSALES_ILLEGAL_PARAM);
  const sn = p.str('parentAfterSalesSn', true)!;
  const parentOrderSn = p.str('parentOrderSn', true)!;
  const c = state.afterSales.get(sn);
  if (!c || c.parentOrderSn !== parentOrderSn)
    throw new ApiError(BUSINESS.AFTERSALES_NOT_FOUND, `no after-sales ${sn} for ${parentOrderSn}`);
  const currency = state.orders.get(c.parentOrderSn)?.currency ?? state.region.currency;
  const money = (amount: number) => ({ amount, currency });
  const r = c.refund;
  return {
    parentAfterSalesSn: c.parentAfterSalesSn,
    parentOrderSn: c.parentOrderSn,
    afterSalesType: c.afterSalesType,
    parentAfterSalesStatus: c.status,
    createAtMillis: c.createAtMs,
    lastUpdateAtMillis: c.updateAtMs,
    availableOperateList: c.status === 1 || c.status === 3 ? [1] : c.status === 8 ? [10] : [],
    refundSummary: r
      ? {
          buyerTotalRefund: money(r.totalMinor),
          retailPriceRefundTaxExcl: money(r.goodsMinor),
          shippingAmountRefundTaxExcl: money(r.shippingMinor),
          discountFromTEMURefund: money(r.temuDiscountMinor),
          discountFromSellerRefund: money(r.sellerDiscountMinor),
          taxTotalRefund: money(r.taxMinor),
        }
      : null,
    afterSalesList: c.lines.map((l) => ({
      afterSalesSn: l.afterSalesSn,
      orderSn: l.orderSn,
      afterSalesStatus: c.status,
      applyAfterSalesGoodsNumber: l.quantity,
      afterSalesReasonDesc: l.reason ?? null,
      afterSalesGoodsInfo: {
        goodsId: l.goodsId,
        skuId: l.skuId,
        productSkuId: l.productSkuId,
        productList: [{ productSkuId: l.productSkuId, extCode: l.sellerSku }],
      },
    })),
  };
};
