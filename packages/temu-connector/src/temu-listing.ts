import type {
  CategoryTemplate,
  ListingDraft,
  ListingMarketplacePort,
  MarketplaceCategory,
  PublishedListing,
} from '@temu-odoo/core';
import { BadInputError, toDecimal } from '@temu-odoo/core';
import type { TemuClient } from './client/temu-client.js';
import {
  categoriesCall,
  goodsAddCall,
  goodsPartialUpdateCall,
  imageUploadCall,
  templateCall,
} from './calls/listing.calls.js';
import type { TemuCategory, TemuTemplateProperty } from './calls/listing.calls.js';

export interface TemuListingOptions {
  client: TemuClient;
  /** Category levels and templates change rarely: kept this long (default 24 h). */
  cacheTtlMs?: number;
  nowMs?: () => number;
}

type Template = { properties: TemuTemplateProperty[]; specs: TemuTemplateProperty[] };
const norm = (s: string) => s.trim().toLowerCase();

/**
 * Listing on Temu (docs/temu-api.md, "Listing (issue 15)"): the category tree walked one level per
 * call and cached per level, templates cached per leaf, images uploaded by URL, goods added with
 * the v1 body (Temu asks every SKU for weight and package size, so the template says so).
 */
export class TemuListing implements ListingMarketplacePort {
  readonly #client: TemuClient;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #levels = new Map<number, { atMs: number; cats: TemuCategory[] }>();
  readonly #templates = new Map<number, { atMs: number; template: Template }>();

  constructor(options: TemuListingOptions) {
    this.#client = options.client;
    this.#ttlMs = options.cacheTtlMs ?? 24 * 3600_000;
    this.#now = options.nowMs ?? Date.now;
  }

  /** Number of levels and templates held (for tests and metrics). */
  get cachedEntries(): number {
    return this.#levels.size + this.#templates.size;
  }

  async #level(parentCatId: number): Promise<TemuCategory[]> {
    const hit = this.#levels.get(parentCatId);
    if (hit && this.#now() - hit.atMs < this.#ttlMs) return hit.cats;
    const { goodsCatsList } = await this.#client.call(categoriesCall, { parentCatId });
    this.#levels.set(parentCatId, { atMs: this.#now(), cats: goodsCatsList });
    return goodsCatsList;
  }

  /** Breadth-first from the roots until the id is found; every level read stays cached. */
  async category(categoryId: number): Promise<MarketplaceCategory | null> {
    const queue = [0];
    while (queue.length > 0) {
      for (const cat of await this.#level(queue.shift()!)) {
        if (cat.catId === categoryId)
          return {
            categoryId,
            name: cat.catName,
            leaf: cat.leaf,
            available: (cat.availableStatus ?? 0) === 0,
          };
        if (!cat.leaf) queue.push(cat.catId);
      }
    }
    return null;
  }

  async #template(catId: number): Promise<Template> {
    const hit = this.#templates.get(catId);
    if (hit && this.#now() - hit.atMs < this.#ttlMs) return hit.template;
    const { templateInfo } = await this.#client.call(templateCall, { catId });
    const template = { properties: templateInfo.goodsProperties, specs: templateInfo.goodsSpecProperties };
    this.#templates.set(catId, { atMs: this.#now(), template });
    return template;
  }

  async template(categoryId: number): Promise<CategoryTemplate> {
    const t = await this.#template(categoryId);
    const attr = (p: TemuTemplateProperty, variantAttribute: boolean) => ({
      name: p.name,
      required: p.required === true,
      variantAttribute,
      // controlType 0 is free input; select types list their values.
      allowedValues: p.controlType === 0 || p.values.length === 0 ? null : p.values.map((v) => v.value),
    });
    return {
      categoryId,
      attributes: [...t.properties.map((p) => attr(p, false)), ...t.specs.map((p) => attr(p, true))],
      requiresWeight: true,
      requiresDimensions: true,
    };
  }

  async #uploadImages(urls: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const fileUrl of urls)
      out.push((await this.#client.call(imageUploadCall, { fileUrl, scalingType: 0 })).url);
    return out;
  }

  #goodsProperties(draft: ListingDraft, t: Template) {
    const list: Array<{ pid: number; vid?: number; value?: string; templatePid?: number; refPid?: number }> =
      [];
    for (const p of t.properties) {
      const key = Object.keys(draft.product.attributes).find((k) => norm(k) === norm(p.name));
      for (const value of key ? draft.product.attributes[key]! : []) {
        const ids = {
          pid: p.pid,
          ...(p.templatePid ? { templatePid: p.templatePid } : {}),
          ...(p.refPid ? { refPid: p.refPid } : {}),
        };
        if (p.controlType === 0 || p.values.length === 0) list.push({ ...ids, value });
        else {
          const v = p.values.find((x) => norm(x.value) === norm(value));
          if (v) list.push({ ...ids, vid: v.vid, value: v.value });
        }
      }
    }
    return { goodsProperties: list };
  }

  #specIds(attributes: Record<string, string>, t: Template, sku: string): string[] {
    const ids: string[] = [];
    for (const spec of t.specs) {
      const key = Object.keys(attributes).find((k) => norm(k) === norm(spec.name));
      const v = key ? spec.values.find((x) => norm(x.value) === norm(attributes[key]!)) : undefined;
      if (v?.specId) ids.push(v.specId);
    }
    if (ids.length === 0)
      throw new BadInputError(
        `variant ${sku} has no value for any variant attribute of the Temu category (run the listing check first)`,
        'ERR_LISTING_SPEC',
      );
    return ids;
  }

  async publish(draft: ListingDraft): Promise<PublishedListing> {
    const t = await this.#template(draft.categoryId);
    const images = await this.#uploadImages(draft.imageUrls);
    const result = await this.#client.call(goodsAddCall, {
      outGoodsSn: draft.product.code,
      goodsBasic: { goodsName: draft.product.title.trim(), catId: draft.categoryId },
      goodsServicePromise: { shipmentLimitDay: draft.handlingDays, fulfillmentType: 1 },
      goodsProperty: this.#goodsProperties(draft, t),
      ...(draft.product.description ? { goodsDesc: draft.product.description.slice(0, 2000) } : {}),
      skuList: draft.product.variants.map((v) => ({
        outSkuSn: v.sku!,
        specIdList: this.#specIds(v.attributes, t, v.sku!),
        price: { basePrice: { amount: toDecimal(v.price!).toFixed(2), currency: v.price!.currency } },
        quantity: Math.min(999_999, Math.max(0, draft.stockBySku[v.sku!] ?? 0)),
        weight: String(Math.round((v.weightKg ?? 0) * 1000)),
        weightUnit: 'g',
        length: String(v.dimensionsCm?.length ?? 0),
        width: String(v.dimensionsCm?.width ?? 0),
        height: String(v.dimensionsCm?.height ?? 0),
        volumeUnit: 'cm',
        images,
      })),
    });
    return {
      goodsId: result.goodsId,
      skus: result.skuInfoList.map((s) => ({ sku: s.outSkuSn ?? '', skuId: s.skuId })),
    };
  }

  async update(goodsId: string, draft: ListingDraft, published: PublishedListing): Promise<PublishedListing> {
    const t = await this.#template(draft.categoryId);
    const images = await this.#uploadImages(draft.imageUrls);
    const result = await this.#client.call(goodsPartialUpdateCall, {
      goodsId,
      goodsBasic: { goodsName: draft.product.title.trim() },
      goodsProperty: this.#goodsProperties(draft, t),
      skuList: published.skus.map((s) => ({ skuId: s.skuId, images })),
    });
    return {
      goodsId: result.goodsId,
      skus: result.skuInfoList.map((s) => ({ sku: s.outSkuSn ?? '', skuId: s.skuId })),
    };
  }
}
