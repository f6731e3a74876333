import { ApiError, BUSINESS } from '../error-codes.js';
import type { Handler } from './handler.js';
import { amountToMinor, minorToAmount } from './money.js';
import { Params } from './params.js';
import { OPEN_PRICE_ORDER_STATUSES } from '../data/price-orders.js';
import type { PriceOrder } from '../data/price-orders.js';

/** bg.local.goods.sku.list.price.query (docs/temu-api.md §10.4, whitelisted). */
export const queryPrices: Handler = ({ state, body, nowMs }) => {
  state.advancePriceOrders(nowMs);
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const queries = p.objects('querySupplierPriceBaseList', 100);
  if (!queries || queries.length === 0)
    throw p.error('querySupplierPriceBaseList', 'at least one {goodsId, skuIdList} is required');
  return {
    openapiGoodsSupplierPriceDTOList: queries.map((q) => {
      const goodsId = q.requireId('goodsId');
      const goods = state.goods.get(goodsId.toString());
      if (!goods)
        throw new ApiError(BUSINESS.GOODS_MALL_MISMATCH, `goodsId ${goodsId} does not belong to this mall`);
      const skuIds = q.idList('skuIdList', 100);
      return {
        goodsId,
        openapiSkuSupplierPriceDTOList: goods.skus
          .filter((s) => !skuIds || skuIds.length === 0 || skuIds.includes(s.skuId))
          .map((s) => ({
            skuId: s.skuId,
            supplierPrice: { amount: minorToAmount(s.priceMinor, s.currency), currency: s.currency },
          })),
      };
    }),
  };
};

/**
 * bg.local.goods.priceorder.change.sku.price (docs/temu-api.md §10.4): files one price order (status 100)
 * per SKU; the listed price changes only when Temu's review passes it. A SKU with an open order (100,
 * 101, 204) is refused, as Temu does; with `rejectSkuPricing` an order awaiting the merchant (101) is
 * refused (205) first and the new price goes through.
 */
export const changePrices: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const goodsId = p.requireId('goodsId');
  const goods = state.goods.get(goodsId.toString());
  if (!goods)
    throw new ApiError(BUSINESS.GOODS_MALL_MISMATCH, `goodsId ${goodsId} does not belong to this mall`);
  const rejectPending = p.bool('rejectSkuPricing') ?? false;
  const changes = p.objects('changeSkuPriceDTOList');
  if (!changes || changes.length === 0)
    throw p.error('changeSkuPriceDTOList', 'at least one price change is required');
  state.advancePriceOrders(nowMs);
  const success: bigint[] = [];
  const failed: bigint[] = [];
  const reasons: Record<string, string> = {};
  const successPriceOrderList: Array<{ priceOrderSn: string; skuIdList: bigint[] }> = [];
  for (const change of changes) {
    const reason = change.str('reason') ?? null;
    for (const item of change.objects('skuChangePriceBaseDTOList') ?? []) {
      const skuId = item.requireId('skuId');
      const price = item.object('newSupplierPrice');
      if (!price) throw item.error('newSupplierPrice', 'is required ({amount, currency})');
      const amount = price.str('amount', true)!;
      const currency = price.str('currency', true)!;
      const sku = goods.skus.find((s) => s.skuId === skuId);
      const minor = amountToMinor(amount, currency);
      const open = state.priceOrders.find(
        (o) => o.skuId === skuId && OPEN_PRICE_ORDER_STATUSES.has(o.status),
      );
      if (open && open.status === 101 && rejectPending) open.status = 205;
      const key = skuId.toString();
      if (!sku) reasons[key] = `skuId ${skuId} is not a SKU of goods ${goodsId}`;
      else if (currency !== sku.currency) reasons[key] = `currency must be ${sku.currency}`;
      else if (minor === null)
        reasons[key] = `amount ${JSON.stringify(amount)} is not a positive price with at most 2 decimals`;
      else if (open && OPEN_PRICE_ORDER_STATUSES.has(open.status))
        reasons[key] = `price order in status ${open.status} is still open for skuId ${skuId}`;
      if (reasons[key] || !sku || minor === null) {
        failed.push(skuId);
        continue;
      }
      const seq = state.nextSeq();
      const order: PriceOrder = {
        priceOrderSn: `PPO-${seq.toString().padStart(10, '0')}`,
        priceOrderId: PRICE_ORDER_ID_BASE + BigInt(seq),
        goodsId,
        skuId,
        currency,
        sourceMinor: sku.priceMinor,
        targetMinor: minor,
        suggestMinor: null,
        finalMinor: null,
        status: 100,
        priceCommitId: 9_000_000 + seq,
        priceCommitVersion: 1,
        reason,
        createdAtMs: nowMs,
        decideAtMs: nowMs + state.priceReview.latencyMs,
      };
      state.priceOrders.push(order);
      success.push(skuId);
      successPriceOrderList.push({ priceOrderSn: order.priceOrderSn, skuIdList: [skuId] });
    }
  }
  return {
    successSkuList: success,
    failedSkuList: failed,
    failedSkuReasonMap: reasons,
    successPriceOrderList,
  };
};

/** Price-order ids go beyond 2^53 on Temu (docs/temu-api.md §10.4); so do the sandbox's. */
const PRICE_ORDER_ID_BASE = 710_125_012_236_000_000n;
