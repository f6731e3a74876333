import { ApiError, BUSINESS } from '../error-codes.js';
import type { Handler } from './handler.js';
import { amountToMinor, minorToAmount } from './money.js';
import { Params } from './params.js';

/** bg.local.goods.sku.list.price.query (docs/temu-api.md §10.4, whitelisted). */
export const queryPrices: Handler = ({ state, body }) => {
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
 * bg.local.goods.priceorder.change.sku.price (docs/temu-api.md §10.4): creates a price order per call. The sandbox
 * approves it at once (status 201) and applies the new supplier price.
 */
export const changePrices: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const goodsId = p.requireId('goodsId');
  const goods = state.goods.get(goodsId.toString());
  if (!goods)
    throw new ApiError(BUSINESS.GOODS_MALL_MISMATCH, `goodsId ${goodsId} does not belong to this mall`);
  p.bool('rejectSkuPricing');
  const changes = p.objects('changeSkuPriceDTOList');
  if (!changes || changes.length === 0)
    throw p.error('changeSkuPriceDTOList', 'at least one price change is required');
  const success: bigint[] = [];
  const failed: bigint[] = [];
  const reasons: Record<string, string> = {};
  for (const change of changes) {
    change.str('reason');
    for (const item of change.objects('skuChangePriceBaseDTOList') ?? []) {
      const skuId = item.requireId('skuId');
      const price = item.object('newSupplierPrice');
      if (!price) throw item.error('newSupplierPrice', 'is required ({amount, currency})');
      const amount = price.str('amount', true)!;
      const currency = price.str('currency', true)!;
      const sku = goods.skus.find((s) => s.skuId === skuId);
      const minor = amountToMinor(amount, currency);
      if (!sku) reasons[skuId.toString()] = `skuId ${skuId} is not a SKU of goods ${goodsId}`;
      else if (currency !== sku.currency) reasons[skuId.toString()] = `currency must be ${sku.currency}`;
      else if (minor === null)
        reasons[skuId.toString()] =
          `amount ${JSON.stringify(amount)} is not a positive price with at most 2 decimals`;
      if (reasons[skuId.toString()] || !sku || minor === null) {
        failed.push(skuId);
        continue;
      }
      sku.priceMinor = minor;
      success.push(skuId);
    }
  }
  const successPriceOrderList = [];
  if (success.length > 0) {
    const priceOrderSn = `PPO-${state.nextSeq().toString().padStart(10, '0')}`;
    state.priceOrders.push({ priceOrderSn, goodsId, skuIds: success, status: 201, createdAtMs: nowMs });
    successPriceOrderList.push({ priceOrderSn, skuIdList: success });
  }
  return {
    successSkuList: success,
    failedSkuList: failed,
    failedSkuReasonMap: reasons,
    successPriceOrderList,
  };
};
