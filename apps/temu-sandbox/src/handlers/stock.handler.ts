import { ApiError, BUSINESS } from '../error-codes.js';
import type { GoodsRecord, SkuRecord } from '../data/model.js';
import { toJson } from '../json.js';
import type { SandboxState } from '../state.js';
import type { Handler } from './handler.js';
import { Params } from './params.js';

export const MAX_STOCK = 1_000_000;

function findGoods(state: SandboxState, p: Params): GoodsRecord {
  const goodsId = p.requireId('goodsId');
  const goods = state.goods.get(goodsId.toString());
  if (!goods)
    throw new ApiError(BUSINESS.GOODS_MALL_MISMATCH, `goodsId ${goodsId} does not belong to this mall`);
  return goods;
}

/** temu.local.goods.sku.stock.query (docs/temu-api.md §10.3): current stock per SKU of one goods. */
export const queryStock: Handler = ({ state, body }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const goods = findGoods(state, p);
  const skuIds = p.idList('skuIdList', 100);
  const outSkuSns = p.strList('outSkuSnList', 100);
  p.str('language');
  const skus = goods.skus.filter(
    (s) =>
      (!skuIds || skuIds.length === 0 || skuIds.includes(s.skuId)) &&
      (!outSkuSns || outSkuSns.length === 0 || outSkuSns.includes(s.sellerSku)),
  );
  return {
    stockList: [
      {
        goodsId: goods.goodsId,
        skuStockInfoList: skus.map((s) => ({
          skuId: s.skuId,
          outSkuSn: s.sellerSku,
          selfOrdinaryStock: { stock: s.stock, stockType: 0 },
          selfPreSaleStock: { stock: s.preSaleStock, stockType: 1, preSaleEndTime: null },
          certOrdinaryStock: null,
        })),
      },
    ],
  };
};

interface Edit {
  skuId: bigint;
  target?: number;
  diff?: number;
}

function readEdits(p: Params): Edit[] {
  const targets = p.objects('skuStockTargetList') ?? [];
  const changes = p.objects('skuStockChangeList') ?? [];
  if (targets.length === 0 && changes.length === 0) {
    p.fail('skuStockTargetList', 'provide skuStockTargetList (overwrite) or skuStockChangeList (increment)');
  }
  const edits: Edit[] = [
    ...targets.map((t) => ({ skuId: t.requireId('skuId'), target: t.requireInt('stockTarget') })),
    ...changes.map((c) => ({ skuId: c.requireId('skuId'), diff: c.requireInt('stockDiff') })),
  ];
  const inTargets = new Set<bigint>();
  const inChanges = new Set<bigint>();
  for (const e of edits) {
    const own = e.target !== undefined ? inTargets : inChanges;
    const other = e.target !== undefined ? inChanges : inTargets;
    if (other.has(e.skuId)) {
      throw new ApiError(
        BUSINESS.STOCK_ONE_METHOD,
        `Only one stock adjustment method can be active at a time (skuId ${e.skuId}).`,
      );
    }
    if (own.has(e.skuId)) {
      throw new ApiError(
        BUSINESS.STOCK_DUPLICATE_SKU,
        `Duplicate SKUs detected. Please remove them and try again (skuId ${e.skuId}).`,
      );
    }
    own.add(e.skuId);
    const amount = e.target ?? Math.abs(e.diff!);
    if ((e.target !== undefined && e.target < 0) || amount > MAX_STOCK) {
      throw new ApiError(
        BUSINESS.STOCK_RANGE,
        `Quantity must be between 0 and ${MAX_STOCK} (skuId ${e.skuId}).`,
      );
    }
  }
  return edits;
}

function applyEdit(goods: GoodsRecord, edit: Edit, preSale: boolean) {
  const sku: SkuRecord | undefined = goods.skus.find((s) => s.skuId === edit.skuId);
  if (!sku) {
    return {
      skuId: edit.skuId,
      stockEditStatus: false,
      errorCode: BUSINESS.GOODS_MALL_MISMATCH,
      errorMsg: `skuId ${edit.skuId} is not a SKU of goods ${goods.goodsId}`,
    };
  }
  const current = preSale ? sku.preSaleStock : sku.stock;
  const next = edit.target ?? current + edit.diff!;
  if (next < 0 || next > MAX_STOCK) {
    return {
      skuId: edit.skuId,
      stockEditStatus: false,
      errorCode: BUSINESS.STOCK_RANGE,
      errorMsg: `resulting stock ${next} is outside 0–${MAX_STOCK}`,
    };
  }
  if (preSale) sku.preSaleStock = next;
  else sku.stock = next;
  return { skuId: edit.skuId, stockEditStatus: true, errorCode: 0, errorMsg: '' };
}

/** Common parameters are not part of what makes two stock edits "the same request". */
const COMMON = new Set(['type', 'app_key', 'access_token', 'timestamp', 'sign', 'data_type', 'version']);

/**
 * bg.local.goods.stock.edit (docs/temu-api.md §10.3): one goods per call, overwrite OR increment per SKU, range
 * 0–1,000,000, duplicate SKUs rejected, per-SKU results. `requestUniqueKey` makes a retry of the
 * same request answer the first result without applying it again; reusing the key for a different
 * request is rejected.
 */
export const editStock: Handler = ({ state, body }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const goods = findGoods(state, p);
  const stockType = p.int('stockType', { min: 0, max: 1 }) ?? 0;
  const key = p.str('requestUniqueKey');
  const edits = readEdits(p);
  const fingerprint = toJson(Object.fromEntries(Object.entries(body).filter(([k]) => !COMMON.has(k))));
  if (key !== undefined) {
    const seen = state.stockRequests.get(key);
    if (seen && seen.fingerprint === fingerprint) return seen.result;
    if (seen) p.fail('requestUniqueKey', `${key} was already used for a different request`);
  }
  const list = edits.map((e) => applyEdit(goods, e, stockType === 1));
  const failed = list.filter((s) => !s.stockEditStatus).length;
  const result = {
    goodsId: goods.goodsId,
    operateResult: failed === 0,
    msg: failed === 0 ? '' : `${failed} of ${list.length} SKUs failed`,
    skuStockEditStatusInfoList: list,
  };
  if (key !== undefined) state.stockRequests.set(key, { fingerprint, result });
  return result;
};
