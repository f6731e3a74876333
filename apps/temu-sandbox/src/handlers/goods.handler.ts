import { BUSINESS } from '../error-codes.js';
import type { GoodsRecord, SkuRecord } from '../data/model.js';
import type { Handler } from './handler.js';
import { goodsStatus } from './listing-status.js';
import { minorToAmount } from './money.js';
import { page, Params } from './params.js';

const ORDER_FIELDS: Record<string, (g: GoodsRecord) => number | string> = {
  goodsId: (g) => Number(g.goodsId % 1_000_000_000_000n),
  createTime: (g) => g.createdAtMs,
  goodsName: (g) => g.goodsName,
  outGoodsSn: (g) => g.outGoodsSn,
  quantity: (g) => g.skus.reduce((a, s) => a + s.stock, 0),
  price: (g) => Math.min(...g.skus.map((s) => s.priceMinor)),
};

function money(sku: SkuRecord) {
  return { amount: minorToAmount(sku.priceMinor, sku.currency), currency: sku.currency };
}

/** bg.local.goods.list.query — paged with `pageNo` (not pageNumber!), docs/temu-api.md §10.1. */
export const listGoods: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const pageNo = p.int('pageNo', { min: 1 }) ?? 1;
  const pageSize = p.int('pageSize', { min: 1, max: 100 }) ?? 10;
  const searchType = p.requireInt('goodsSearchType');
  if (![1, 4, 5, 6].includes(searchType)) p.fail('goodsSearchType', 'expected 1, 4, 5 or 6');
  const ids = p.idList('goodsIdList', 100);
  const text = p.str('searchText')?.toLowerCase();
  const crtFrom = p.int('crtFrom', { min: 0 });
  const crtTo = p.int('crtTo', { min: 0 });
  for (const [name, v] of [
    ['crtFrom', crtFrom],
    ['crtTo', crtTo],
  ] as const) {
    // Goods windows are 13-digit milliseconds, unlike order windows (docs/temu-api.md §15.1).
    if (v !== undefined && v < 1e12) p.fail(name, 'expected a 13-digit millisecond timestamp');
  }
  const orderField = p.str('orderField');
  if (orderField !== undefined && !(orderField in ORDER_FIELDS))
    p.fail('orderField', `expected one of ${Object.keys(ORDER_FIELDS).join(', ')}`);
  const orderType = p.int('orderType', { min: 0, max: 1 }) ?? 0;

  // Seeded goods are active (search type 1); goods added over the API are incomplete (4) while in
  // review (listing-status.ts); drafts and deleted are empty.
  const all = [...state.goods.values()].filter((g) => goodsStatus(g, nowMs).status === searchType);
  const matches = all.filter(
    (g) =>
      (!ids || ids.length === 0 || ids.includes(g.goodsId)) &&
      (!text || g.goodsName.toLowerCase().includes(text) || g.outGoodsSn.toLowerCase().includes(text)) &&
      (crtFrom === undefined || g.createdAtMs >= crtFrom) &&
      (crtTo === undefined || g.createdAtMs <= crtTo),
  );
  if (orderField) {
    const key = ORDER_FIELDS[orderField]!;
    matches.sort((a, b) => {
      const d = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
      return orderType === 1 ? d : -d;
    });
  }
  if (state.goods.size === 0) return null; // an empty shop answers `result: null` (OMNI)
  return {
    goodsList: page(matches, pageNo, pageSize).map((g) => ({
      goodsId: g.goodsId,
      goodsName: g.goodsName,
      outGoodsSn: g.outGoodsSn,
      catId: g.catId,
      price: g.skus[0] ? minorToAmount(g.skus[0].priceMinor, g.skus[0].currency) : null,
      currency: g.skus[0]?.currency ?? state.region.currency,
      retailPrice: g.skus[0] ? money(g.skus[0]) : null,
      listPrice: g.skus[0] ? money(g.skus[0]) : null,
      marketPrice: null,
      quantity: g.skus.reduce((a, s) => a + s.stock, 0),
      thumbUrl: `https://img.temu-sandbox.example/${g.goodsId}.jpg`,
      skuInfoList: g.skus.map((s) => ({
        skuId: s.skuId,
        skuSn: s.sellerSku,
        specList: [{ specName: s.specName }],
      })),
      skuIdList: g.skus.map((s) => s.skuId),
      outSkuSnList: g.skus.map((s) => s.sellerSku),
      status4VO: goodsStatus(g, nowMs).status,
      subStatus4VO: goodsStatus(g, nowMs).subStatus,
      goodsShowSubStatus: goodsStatus(g, nowMs).subStatus,
      crtTime: g.createdAtMs,
      costTemplateId: 'HFT-0001',
      shipmentLimitSecond: 172_800,
      lowTrafficTag: 0,
      restrictedTrafficTag: 0,
    })),
    pageNo,
    total: matches.length,
  };
};

/** bg.local.goods.sku.list.query — also `pageNo`; the inventory guide reads stock here (docs/temu-api.md §10.1). */
export const listSkus: Handler = ({ state, body }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const pageNo = p.int('pageNo', { min: 1 }) ?? 1;
  const pageSize = p.int('pageSize', { min: 1, max: 100 }) ?? 10;
  const skuIds = p.idList('skuIdList', 100);
  const goodsIds = p.idList('goodsIdList', 100);
  const outSkuSns = p.strList('outSkuSnList', 100);
  p.int('skuSearchType');
  const matches = [...state.skus.values()].filter(
    (s) =>
      (!skuIds || skuIds.length === 0 || skuIds.includes(s.skuId)) &&
      (!goodsIds || goodsIds.length === 0 || goodsIds.includes(s.goodsId)) &&
      (!outSkuSns || outSkuSns.length === 0 || outSkuSns.includes(s.sellerSku)),
  );
  return {
    skuList: page(matches, pageNo, pageSize).map((s) => ({
      skuId: s.skuId,
      goodsId: s.goodsId,
      skuSn: s.sellerSku,
      outSkuSn: s.sellerSku,
      specName: s.specName,
      price: minorToAmount(s.priceMinor, s.currency),
      currency: s.currency,
      retailPrice: money(s),
      stock: s.stock,
      goodsIsOnSale: true,
      status4VO: 2,
      weightInfo: null,
      volumeInfo: null,
    })),
    pageNo,
    total: matches.length,
  };
};
