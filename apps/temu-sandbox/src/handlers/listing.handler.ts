import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { categoryById, CATEGORIES, templateOf } from '../data/categories.js';
import type { SandboxTemplateProperty } from '../data/categories.js';
import type { GoodsRecord, SkuRecord } from '../data/model.js';
import { ApiError, BUSINESS, LISTING } from '../error-codes.js';
import type { SandboxState } from '../state.js';
import type { Handler } from './handler.js';
import { amountToMinor } from './money.js';
import { Params } from './params.js';

/** Images this sandbox has "processed": CDN URL → what the upload measured. */
interface UploadedImage {
  width: number;
  height: number;
  format: string;
}
const uploads = new WeakMap<SandboxState, Map<string, UploadedImage>>();
function uploadsOf(state: SandboxState): Map<string, UploadedImage> {
  let m = uploads.get(state);
  if (!m) uploads.set(state, (m = new Map()));
  return m;
}

const fail = (code: number, msg: string): never => {
  throw new ApiError(code, msg);
};

function leafCategory(catId: number) {
  const cat = categoryById(catId) ?? fail(LISTING.CATEGORY_NOT_FOUND, `category ${catId} not found`);
  if (!cat.leaf) fail(LISTING.CATEGORY_NOT_LEAF, `category ${catId} is not a leaf category`);
  if (cat.availableStatus !== 0) fail(LISTING.CATEGORY_UNAVAILABLE, `category ${catId} is not available`);
  return cat;
}

/** bg.local.goods.cats.get — one level per call; a leaf id answers an empty list. */
export const getCategories: Handler = ({ body }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const parentCatId = p.int('parentCatId', { min: 0 }) ?? 0;
  p.str('language');
  if (parentCatId !== 0 && !categoryById(parentCatId))
    fail(LISTING.CATEGORY_NOT_FOUND, `category ${parentCatId} not found`);
  return {
    goodsCatsList: CATEGORIES.filter((cat) => cat.parentId === parentCatId).map((cat) => ({
      catId: cat.catId,
      catName: cat.catName,
      parentId: cat.parentId,
      level: cat.level,
      leaf: cat.leaf,
      catType: cat.catType,
      availableStatus: cat.availableStatus,
      expandCatType: cat.catType === 0 ? 0 : 1,
      secondHandCategory: false,
    })),
  };
};

/** bg.local.goods.template.get — v1 template of a leaf: properties and sales specs. */
export const getTemplate: Handler = ({ body }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const catId = p.requireInt('catId', { min: 1 });
  leafCategory(catId);
  const props = templateOf(catId);
  const view = (prop: SandboxTemplateProperty) => ({
    pid: prop.pid,
    refPid: prop.refPid,
    templatePid: prop.templatePid,
    name: prop.name,
    required: prop.required,
    isSale: prop.isSale,
    controlType: prop.controlType,
    showType: 0,
    showCondition: [],
    parentSpecId: prop.parentSpecId ?? null,
    values: prop.values.map((v) => ({ vid: v.vid, value: v.value, specId: v.specId ?? null })),
    valueUnitList: [],
    chooseMaxNum: 1,
  });
  return {
    templateInfo: {
      templateId: 700_000 + catId,
      goodsProperties: props.filter((x) => !x.isSale).map(view),
      goodsSpecProperties: props.filter((x) => x.isSale).map(view),
    },
    inputMaxSpecNum: 0,
    singleSpecValueNum: 50,
    userInputParentSpecList: [],
  };
};

/**
 * bg.local.goods.image.upload — Temu downloads `fileUrl` and answers its CDN URL. The sandbox really
 * fetches and decodes it (sharp), and remembers the size so goods.add can judge it.
 */
export const uploadImage: Handler = async ({ state, body }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const fileUrl = p.str('fileUrl', true)!;
  const scalingType = p.int('scalingType', { min: 0, max: 2 }) ?? 0;
  p.int('compressionType', { min: 0, max: 1 });
  const formatConversionType = p.int('formatConversionType', { min: 0, max: 2 });
  let bytes: Buffer;
  try {
    const res = await fetch(fileUrl, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    return fail(LISTING.IMAGE_UPLOAD_FAILED, `image download failed: ${(err as Error).message}`);
  }
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { failOn: 'error' }).metadata();
  } catch {
    return fail(BUSINESS.GOODS_INVALID_PARAMS, 'fileUrl: not a valid image');
  }
  const scaled =
    scalingType === 1
      ? { width: 800, height: 800 }
      : scalingType === 2
        ? { width: 1350, height: 1800 }
        : null;
  const format =
    formatConversionType === 2
      ? 'png'
      : formatConversionType === undefined
        ? (meta.format ?? 'jpeg')
        : 'jpeg';
  const hash = createHash('sha1').update(bytes).digest('hex').slice(0, 24);
  const url = `https://img.kwcdn.com/local-goods-image/${hash}-${scalingType}.${format === 'png' ? 'png' : 'jpg'}`;
  uploadsOf(state).set(url, {
    width: scaled?.width ?? meta.width ?? 0,
    height: scaled?.height ?? meta.height ?? 0,
    format,
  });
  return { url, autoCropUrls: [] };
};

function checkImages(state: SandboxState, urls: string[], where: string): void {
  if (urls.length < 1 || urls.length > 10) fail(LISTING.IMAGE_COUNT, `${where}: upload 1 to 10 images`);
  for (const url of urls) {
    const img = uploadsOf(state).get(url);
    if (!img)
      fail(
        BUSINESS.GOODS_INVALID_PARAMS,
        `${where}: ${url} was not uploaded with bg.local.goods.image.upload`,
      );
    if (img!.width < 800 || img!.height < 800)
      fail(
        LISTING.IMAGE_TOO_SMALL,
        `${where}: image must be at least 800x800 px (got ${img!.width}x${img!.height})`,
      );
    if (Math.abs(img!.width - img!.height) > 0.01 * Math.max(img!.width, img!.height))
      fail(LISTING.IMAGE_RATIO, `${where}: image aspect ratio must be 1:1`);
  }
}

/** Goods properties: every required one present with an allowed value (select) or any text (input). */
function readProperties(p: Params, props: SandboxTemplateProperty[]) {
  const sent = (p.object('goodsProperty')?.objects('goodsProperties') ?? []).map((x) => ({
    pid: x.requireInt('pid'),
    vid: x.int('vid') ?? 0,
    value: x.str('value') ?? '',
  }));
  for (const prop of props.filter((x) => !x.isSale)) {
    const got = sent.filter((s) => s.pid === prop.pid);
    if (got.length === 0 && prop.required)
      fail(LISTING.REQUIRED_PROPERTY_MISSING, `required attribute "${prop.name}" is missing`);
    for (const g of got) {
      if (prop.controlType === 1 && !prop.values.some((v) => v.vid === g.vid))
        fail(
          LISTING.REQUIRED_PROPERTY_MISSING,
          `attribute "${prop.name}": vid ${g.vid} is not a value of this category`,
        );
      if (prop.controlType === 0 && g.value.trim() === '')
        fail(LISTING.REQUIRED_PROPERTY_MISSING, `attribute "${prop.name}" is empty`);
    }
  }
  return sent;
}

function specNames(specIds: number[], props: SandboxTemplateProperty[], where: string): string {
  const sale = props.filter((x) => x.isSale);
  const names: string[] = [];
  for (const prop of sale) {
    const v = prop.values.find((val) => val.specId !== undefined && specIds.includes(val.specId));
    if (!v && prop.required)
      fail(LISTING.SKU_SPEC_EMPTY, `${where}: some SKU specifications are empty (${prop.name})`);
    if (v) names.push(v.value);
  }
  for (const id of specIds)
    if (!sale.some((prop) => prop.values.some((v) => v.specId === id)))
      fail(LISTING.SKU_SPEC_EMPTY, `${where}: specId ${id} is not a specification of this category`);
  return names.join(' / ');
}

function skuView(s: SkuRecord, props: SandboxTemplateProperty[]) {
  return {
    skuId: s.skuId,
    outSkuSn: s.sellerSku,
    specList: [{ specName: s.specName, parentSpecId: props.find((x) => x.isSale)?.parentSpecId ?? null }],
  };
}

/** bg.local.goods.add — v1 body; Temu's own validation, then 4-Incomplete until reviewed. */
export const addGoods: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const basic = p.object('goodsBasic') ?? p.fail('goodsBasic', 'is required');
  const goodsName = basic.str('goodsName', true)!;
  if (goodsName.length > 500) basic.fail('goodsName', 'at most 500 characters');
  const catId = basic.requireInt('catId', { min: 1 });
  leafCategory(catId);
  const props = templateOf(catId);
  const outGoodsSn = p.str('outGoodsSn', true)!;
  if (outGoodsSn.length > 100 || outGoodsSn !== outGoodsSn.trim())
    p.fail('outGoodsSn', 'at most 100 characters, no surrounding spaces');
  for (const g of state.goods.values())
    if (g.outGoodsSn === outGoodsSn)
      fail(LISTING.DUPLICATE_OUT_GOODS_SN, `outGoodsSn ${outGoodsSn} already used by goods ${g.goodsId}`);
  const promise = p.object('goodsServicePromise') ?? p.fail('goodsServicePromise', 'is required');
  promise.requireInt('shipmentLimitDay', { min: 1, max: 7 });
  const properties = readProperties(p, props);
  const skuList = p.objects('skuList', 500) ?? [];
  if (skuList.length === 0) fail(LISTING.SKU_NONE, 'at least one SKU is required');
  const seen = new Set<string>();
  const drafts = skuList.map((s, i) => {
    const where = `skuList[${i}]`;
    const outSkuSn = s.str('outSkuSn', true)!;
    if (seen.has(outSkuSn) || state.skuBySellerCode(outSkuSn))
      fail(LISTING.DUPLICATE_SKU, `${where}: outSkuSn ${outSkuSn} is duplicated`);
    seen.add(outSkuSn);
    const specIds = (s.idList('specIdList', 2) ?? []).map(Number);
    const specName = specNames(specIds, props, where);
    const base = s.object('price')?.object('basePrice') ?? s.fail('price', 'basePrice is required');
    const currency = base.str('currency', true)!;
    if (currency !== state.region.currency)
      fail(LISTING.CURRENCY_INVALID, `${where}: currency must be ${state.region.currency}`);
    const priceMinor = amountToMinor(base.str('amount', true)!, currency);
    if (priceMinor === null || priceMinor <= 0) fail(LISTING.BASE_PRICE, `${where}: base price must be > 0`);
    for (const dim of ['weight', 'length', 'width', 'height'])
      if (!(Number(s.str(dim) ?? '0') > 0)) s.fail(dim, 'is required and must be > 0');
    checkImages(state, s.strList('images', 10) ?? [], `${where}.images`);
    return {
      outSkuSn,
      specName,
      priceMinor: priceMinor!,
      currency,
      quantity: s.int('quantity', { min: 0, max: 999_999 }) ?? 0,
      images: s.strList('images')!,
    };
  });
  const goodsId = BigInt(`60${String(nowMs).slice(-8)}${String(state.nextSeq()).padStart(5, '0')}`);
  const goods: GoodsRecord = {
    goodsId,
    productId: Number(goodsId % 1_000_000n),
    goodsName,
    outGoodsSn,
    catId,
    createdAtMs: nowMs,
    skus: [],
    reviewUntilMs: nowMs + state.config.listingReviewMs,
    images: drafts[0]!.images,
    properties,
  };
  for (const d of drafts) {
    const sku: SkuRecord = {
      skuId: BigInt(`70${String(nowMs).slice(-8)}${String(state.nextSeq()).padStart(5, '0')}`),
      goodsId,
      productSkuId: state.nextSeq(),
      sellerSku: d.outSkuSn,
      specName: d.specName,
      priceMinor: d.priceMinor,
      currency: d.currency,
      stock: d.quantity,
      preSaleStock: 0,
    };
    goods.skus.push(sku);
    state.skus.set(sku.skuId.toString(), sku);
  }
  state.goods.set(goodsId.toString(), goods);
  return { goodsId, productType: 1, skuInfoList: goods.skus.map((s) => skuView(s, props)) };
};

/**
 * bg.local.goods.partial.update — sent blocks overwrite, omitted ones stay. Existing SKUs carry
 * `skuId` and must not carry price, quantity or specs (price orders and stock edits do that).
 */
export const partialUpdateGoods: Handler = ({ state, body }) => {
  const p = new Params(body, BUSINESS.GOODS_INVALID_PARAMS);
  const goodsId = p.requireId('goodsId');
  const goods =
    state.goods.get(goodsId.toString()) ??
    fail(BUSINESS.GOODS_MALL_MISMATCH, `goods ${goodsId} does not belong to this mall`);
  const props = templateOf(goods.catId);
  const basic = p.object('goodsBasic');
  const name = basic?.str('goodsName');
  if (name !== undefined && (name.length === 0 || name.length > 500))
    basic!.fail('goodsName', '1 to 500 characters');
  const properties = p.has('goodsProperty') ? readProperties(p, props) : undefined;
  const skuUpdates = (p.objects('skuList', 500) ?? []).map((s, i) => {
    const where = `skuList[${i}]`;
    const skuId =
      s.id('skuId') ??
      fail(
        BUSINESS.GOODS_INVALID_PARAMS,
        `${where}: adding SKUs is not supported by the sandbox; give skuId`,
      );
    const sku =
      goods.skus.find((x) => x.skuId === skuId) ??
      fail(BUSINESS.GOODS_INVALID_PARAMS, `${where}: SKU ${skuId} is not in goods ${goodsId}`);
    for (const banned of ['price', 'quantity', 'specIdList'])
      if (s.has(banned)) s.fail(banned, 'cannot be changed on an existing SKU with partial.update');
    const images = s.strList('images', 10);
    if (images) checkImages(state, images, `${where}.images`);
    return { sku, images };
  });
  if (name !== undefined) goods.goodsName = name;
  if (properties) goods.properties = properties;
  for (const u of skuUpdates) if (u.images) goods.images = u.images;
  return { goodsId: goods.goodsId, productType: 1, skuInfoList: goods.skus.map((s) => skuView(s, props)) };
};
