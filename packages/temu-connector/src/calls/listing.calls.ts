import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalInt, optionalText, temuId, wireId } from './shared.schemas.js';

/*
 * The listing calls (docs/temu-api.md, "Listing (issue 15)"): category tree, v1 template, image
 * processing, goods add and partial update. One file: they share the goods body blocks.
 */

/** `bg.local.goods.cats.get` — one level per call (`parentCatId` 0 = roots); a leaf answers []. */
export const categoriesCall = defineCall({
  type: 'bg.local.goods.cats.get',
  request: z.object({ parentCatId: z.number().int().nonnegative(), language: z.string().optional() }),
  response: z.object({
    goodsCatsList: z
      .array(
        z.object({
          catId: z.number().int(),
          catName: z.string(),
          parentId: z.number().int(),
          level: optionalInt,
          leaf: z.boolean(),
          catType: optionalInt,
          /** 0 available, 1 not available to this shop. */
          availableStatus: optionalInt,
        }),
      )
      .nullish()
      .transform((l) => l ?? []),
  }),
});
export type TemuCategory = z.output<typeof categoriesCall.response>['goodsCatsList'][number];

const templateProperty = z.object({
  pid: z.number().int(),
  refPid: optionalInt,
  templatePid: optionalInt,
  name: z.string(),
  required: z.boolean().nullish(),
  isSale: z.boolean().nullish(),
  /** 0 input; 1, 3, 16 select; 19 input or select. */
  controlType: optionalInt,
  parentSpecId: optionalInt,
  values: z
    .array(z.object({ vid: z.number().int(), value: z.string(), specId: temuId.nullish() }))
    .nullish()
    .transform((v) => v ?? []),
});
export type TemuTemplateProperty = z.output<typeof templateProperty>;

/** `bg.local.goods.template.get` — properties (`isSale` false) and sales specs (`isSale` true) of a leaf. */
export const templateCall = defineCall({
  type: 'bg.local.goods.template.get',
  request: z.object({ catId: z.number().int().positive(), language: z.string().optional() }),
  response: z.object({
    templateInfo: z.object({
      templateId: z.number().int().nullish(),
      goodsProperties: z
        .array(templateProperty)
        .nullish()
        .transform((v) => v ?? []),
      goodsSpecProperties: z
        .array(templateProperty)
        .nullish()
        .transform((v) => v ?? []),
    }),
  }),
});

/** `bg.local.goods.image.upload` — Temu downloads `fileUrl` and answers its CDN URL. */
export const imageUploadCall = defineCall({
  type: 'bg.local.goods.image.upload',
  request: z.object({
    fileUrl: z.string().url(),
    /** 0 original size (we keep it, so the size check means something), 1 → 800×800, 2 → 1350×1800. */
    scalingType: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    compressionType: z.union([z.literal(0), z.literal(1)]).optional(),
    formatConversionType: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  }),
  response: z.object({ url: z.string().min(1), autoCropUrls: z.array(z.string()).nullish() }),
});

const money = z.object({ amount: z.string().regex(/^\d+(\.\d+)?$/), currency: z.string().length(3) });
const goodsProperties = z.object({
  goodsProperties: z.array(
    z.object({
      pid: z.number().int(),
      vid: z.number().int().optional(),
      value: z.string().optional(),
      templatePid: z.number().int().optional(),
      refPid: z.number().int().optional(),
    }),
  ),
});

const newSku = z.object({
  outSkuSn: z.string().min(1).max(100),
  specIdList: z.array(wireId).min(1).max(2),
  price: z.object({ basePrice: money }),
  quantity: z.number().int().min(0).max(999_999),
  weight: z.string(),
  weightUnit: z.string().default('g'),
  length: z.string(),
  width: z.string(),
  height: z.string(),
  volumeUnit: z.string().default('cm'),
  images: z.array(z.string()).min(1).max(10),
});

const goodsResult = z.object({
  goodsId: temuId,
  productType: optionalInt,
  skuInfoList: z
    .array(z.object({ skuId: temuId, outSkuSn: optionalText, specList: z.array(z.unknown()).nullish() }))
    .nullish()
    .transform((l) => l ?? []),
});
export type TemuGoodsResult = z.output<typeof goodsResult>;

/** `bg.local.goods.add` (v1 body): the goods, its properties and SKUs; seller SKU = `outSkuSn`. */
export const goodsAddCall = defineCall({
  type: 'bg.local.goods.add',
  request: z.object({
    outGoodsSn: z.string().min(1).max(100),
    goodsBasic: z.object({ goodsName: z.string().min(1).max(500), catId: z.number().int().positive() }),
    goodsServicePromise: z.object({
      shipmentLimitDay: z.number().int().min(1),
      fulfillmentType: z.literal(1).default(1),
      costTemplateId: z.string().optional(),
    }),
    goodsProperty: goodsProperties,
    goodsDesc: z.string().max(2000).optional(),
    skuList: z.array(newSku).min(1).max(500),
  }),
  response: goodsResult,
});
export type GoodsAddRequest = z.input<typeof goodsAddCall.request>;

/**
 * `bg.local.goods.partial.update`: sent blocks overwrite, omitted ones stay. Existing SKUs carry
 * `skuId` and never price, quantity or specs (price orders and stock edits change those).
 */
export const goodsPartialUpdateCall = defineCall({
  type: 'bg.local.goods.partial.update',
  request: z.object({
    goodsId: wireId,
    goodsBasic: z.object({ goodsName: z.string().min(1).max(500) }).optional(),
    goodsProperty: goodsProperties.optional(),
    goodsDesc: z.string().max(2000).optional(),
    skuList: z
      .array(z.object({ skuId: wireId, images: z.array(z.string()).min(1).max(10).optional() }))
      .optional(),
  }),
  response: goodsResult,
});
