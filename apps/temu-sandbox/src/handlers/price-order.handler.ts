import { close, type PriceOrder } from '../data/price-orders.js';
import { ApiError, BUSINESS } from '../error-codes.js';
import type { CallContext, Handler } from './handler.js';
import { amountToMinor, minorToAmount } from './money.js';
import { page, Params } from './params.js';

const money = (minor: number | null, currency: string) =>
  minor === null ? null : { amount: minorToAmount(minor, currency), currency };

/**
 * bg.local.goods.priceorder.query (docs/temu-api.md §10.4): price orders, newest first, filtered by
 * price order numbers, goods ids and status. Like Temu's, the rows carry `priceOrderId` but no
 * `priceOrderSn`; the sandbox files one order per SKU, so `skuIdList` holds one id.
 */
export const queryPriceOrders: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const pageNo = p.int('page', { min: 1 }) ?? 1;
  const size = p.int('size', { min: 1, max: 99 }) ?? 20;
  const sns = p.strList('priceOrderSnList', 100);
  const goodsIds = p.strList('goodsIdList', 100);
  const status = p.int('status');
  state.advancePriceOrders(nowMs);
  const rows = state.priceOrders
    .filter((o) => !sns || sns.includes(o.priceOrderSn))
    .filter((o) => !goodsIds || goodsIds.includes(o.goodsId.toString()))
    .filter((o) => status === undefined || o.status === status)
    .sort((a, b) => b.createdAtMs - a.createdAtMs);
  return {
    pageNum: pageNo,
    total: rows.length,
    priceAuditList: page(rows, pageNo, size).map((o) => ({
      priceOrderId: o.priceOrderId,
      goodsId: o.goodsId,
      skuIdList: [o.skuId],
      pricingType: 2,
      status: o.status,
      sourceSupplierPrice: money(o.sourceMinor, o.currency),
      targetSupplierPrice: money(o.targetMinor, o.currency),
      suggestSupplierPrice: money(o.suggestMinor, o.currency),
      supplierPrice: money(o.finalMinor, o.currency),
      reason: o.reason,
      rejectTypeDesc: o.status === 202 || o.status === 206 ? o.reason : null,
      priceCommitId: o.priceCommitId,
      priceCommitVersion: o.priceCommitVersion,
    })),
  };
};

/** The order awaiting the merchant (101) that a request names, with its commit version checked. */
function awaiting(ctx: CallContext, item: Params, by: 'id' | 'sn'): PriceOrder {
  const goodsId = item.requireId('goodsId');
  const version = item.requireInt('priceCommitVersion', { min: 1 });
  const order =
    by === 'id'
      ? ctx.state.priceOrders.find((o) => o.priceOrderId === item.requireId('priceOrderId'))
      : ctx.state.priceOrders.find((o) => o.priceOrderSn === item.str('priceOrderSn', true));
  if (!order || order.goodsId !== goodsId)
    throw new ApiError(BUSINESS.GOODS_INVALID_PARAMS, `no price order of goods ${goodsId} matches`);
  if (order.status !== 101)
    throw new ApiError(
      BUSINESS.GOODS_INVALID_PARAMS,
      `price order ${order.priceOrderSn} is in status ${order.status}; only 101 awaits the merchant`,
    );
  if (order.priceCommitVersion !== version)
    throw new ApiError(
      BUSINESS.GOODS_INVALID_PARAMS,
      `priceCommitVersion ${version} is stale; the order is at ${order.priceCommitVersion}`,
    );
  return order;
}

/** bg.local.goods.priceorder.accept: the merchant takes Temu's proposal (101 → 203, listed at once). */
export const acceptPriceOrders: Handler = (ctx) => {
  ctx.state.advancePriceOrders(ctx.nowMs);
  const p = new Params(ctx.body, BUSINESS.GOODS_INVALID_PARAMS);
  const items = p.objects('priceOrderInfoList', 100);
  if (!items || items.length === 0)
    throw p.error('priceOrderInfoList', 'at least one price order is required');
  const orders = items.map((item) => awaiting(ctx, item, 'id'));
  for (const order of orders) close(order, 203, order.suggestMinor!, ctx.state.sku(order.skuId));
  return {};
};

/** temu.local.goods.priceorder.reject: the merchant refuses the proposal (101 → 205), price unchanged. */
export const rejectPriceOrders: Handler = (ctx) => {
  ctx.state.advancePriceOrders(ctx.nowMs);
  const p = new Params(ctx.body, BUSINESS.GOODS_INVALID_PARAMS);
  const items = p.objects('priceOrderBaseList', 100);
  if (!items || items.length === 0)
    throw p.error('priceOrderBaseList', 'at least one price order is required');
  p.bool('rejectDelist');
  const orders = items.map((item) => awaiting(ctx, item, 'sn'));
  for (const order of orders) order.status = 205;
  return {};
};

/**
 * bg.local.goods.priceorder.negotiate: the merchant answers with its own price (101 → 204); Temu
 * reviews it again after the review latency (the control API decides pass or reject).
 */
export const negotiatePriceOrder: Handler = (ctx) => {
  ctx.state.advancePriceOrders(ctx.nowMs);
  const p = new Params(ctx.body, BUSINESS.GOODS_INVALID_PARAMS);
  const order = awaiting(ctx, p, 'id');
  const commitId = p.requireInt('priceCommitId');
  if (commitId !== order.priceCommitId) throw p.error('priceCommitId', `expected ${order.priceCommitId}`);
  const skus = p.objects('negotiatedPriceSkuList', 100);
  const mine = skus?.find((s) => s.requireId('skuId') === order.skuId);
  if (!mine) throw p.error('negotiatedPriceSkuList', `must name skuId ${order.skuId}`);
  const price = mine.object('newSupplierPrice');
  if (!price) throw mine.error('newSupplierPrice', 'is required ({amount, currency})');
  const minor = amountToMinor(price.str('amount', true)!, order.currency);
  if (minor === null || price.str('currency', true) !== order.currency)
    throw mine.error('newSupplierPrice', `expected a positive amount in ${order.currency}`);
  order.targetMinor = minor;
  order.status = 204;
  order.priceCommitVersion += 1;
  order.decideAtMs = ctx.nowMs + ctx.state.priceReview.latencyMs;
  return {};
};

/** temu.local.goods.recommendedprice.query: Temu's suggested base prices (those set by the control API). */
export const queryRecommendedPrices: Handler = ({ state, body }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const type = p.requireInt('recommendedPriceType');
  if (type !== 10 && type !== 20)
    p.fail('recommendedPriceType', 'expected 10 (low traffic) or 20 (restricted traffic)');
  const goodsIds = p.idList('goodsIdList', 100);
  if (!goodsIds || goodsIds.length === 0) throw p.error('goodsIdList', '1–100 goods ids are required');
  return {
    goodsList: goodsIds.map((goodsId) => {
      const goods = state.goods.get(goodsId.toString());
      if (!goods)
        throw new ApiError(BUSINESS.GOODS_MALL_MISMATCH, `goodsId ${goodsId} does not belong to this mall`);
      return {
        goodsId,
        skuList: goods.skus
          .filter((s) => state.recommendedPrices.has(s.skuId.toString()))
          .map((s) => ({
            skuId: s.skuId,
            recommendedSupplyPrice: money(state.recommendedPrices.get(s.skuId.toString())!, s.currency),
          })),
      };
    }),
  };
};
