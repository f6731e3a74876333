import fs from 'node:fs/promises';
import path from 'node:path';
import {
  isIntegrationError,
  parseCompetitorFeed,
  planPrices,
  pricePushes,
  type CompetitorOffer,
  type ErpPricingPort,
  type MarketplaceSku,
  type PricePlan,
  type PricingItem,
  type RejectedFeedRow,
} from '@temu-odoo/core';
import type { PriceState } from './price-state.js';
import type { ShopPricing } from './pricing-setup.js';

export interface ShopPlanInput {
  skus: MarketplaceSku[];
  pricing: ShopPricing;
  erp: ErpPricingPort;
  state: PriceState;
  nowMs: number;
}

/** One `prices.push`: new prices of the moved SKUs of one goods. */
export interface GoodsPricePush {
  goodsId: string;
  skus: Array<{
    skuId: string;
    sku: string;
    productId: number;
    priceMinor: number;
    floorMinor: number;
    currency: string;
  }>;
}

export interface ShopPlan {
  plan: PricePlan;
  pushes: GoodsPricePush[];
  /** Feed rows that could not be used, with the reason. */
  feedRejected: RejectedFeedRow[];
  /** Why Temu's recommended prices were not read (e.g. no price scope), or null. */
  recommendedUnavailable: string | null;
  /** SKUs left out because a price order of theirs is still under review. */
  underReview: number;
}

/**
 * Gathers a shop's pricing inputs — the listed SKUs, Odoo costs and stock age (batched reads),
 * currency rates, the competitor feed, Temu's recommended prices when that rule is on — and plans.
 * SKUs with a price order under review, or whose proposal Temu already answered, are not pushed
 * again; the rest moving beyond the threshold are.
 */
export async function planShopPrices(input: ShopPlanInput): Promise<ShopPlan> {
  const { pricing, erp, state, nowMs } = input;
  const rules = pricing.config.rules;
  const listedSkus = input.skus.filter((s): s is MarketplaceSku & { sellerSku: string } =>
    Boolean(s.sellerSku),
  );
  const costs = await erp.readProductCosts(listedSkus.map((s) => s.sellerSku));
  const productIds = [...new Set([...costs.values()].map((c) => c.productId))];
  const oldest = rules.ageing?.tiers.length
    ? await erp.readOldestStockDates(productIds)
    : new Map<number, number>();

  const feed = pricing.competitorFeedFile
    ? await readFeed(pricing.competitorFeedFile)
    : { offers: [], rejected: [] };

  let recommended = new Map<string, { amountMinor: number; currency: string }>();
  let recommendedUnavailable: string | null = null;
  if (rules.recommended) {
    try {
      const goodsIds = [...new Set(listedSkus.map((s) => s.goodsId))];
      for (let i = 0; i < goodsIds.length; i += 100) {
        for (const [k, v] of await pricing.market.recommendedPrices(goodsIds.slice(i, i + 100)))
          recommended.set(k, v);
      }
    } catch (err) {
      if (!isIntegrationError(err) || err.kind !== 'credentials') throw err;
      recommended = new Map();
      recommendedUnavailable = err.message;
    }
  }

  const rates = await rateTable(erp, listedSkus, costs, feed.offers);
  const [listed, pending, answered, dayStart] = await Promise.all([
    state.listed(),
    state.pending(),
    state.answered(),
    state.dayStart(new Date(nowMs).toISOString().slice(0, 10)),
  ]);

  const items: PricingItem[] = listedSkus.map((s) => {
    const cost = costs.get(s.sellerSku);
    const currency = s.currency ?? cost?.cost?.currency ?? 'USD';
    const rec = recommended.get(s.skuId);
    return {
      sku: s.sellerSku,
      goodsId: s.goodsId,
      skuId: s.skuId,
      currency,
      marketplaceCategoryId: s.categoryId ?? null,
      erpCategory: cost?.category ?? null,
      weightKg: cost?.weightKg ?? null,
      cost: cost?.cost ?? null,
      currentPriceMinor: listed.get(s.skuId) ?? s.listPriceMinor,
      dayStartPriceMinor: dayStart.get(s.skuId) ?? null,
      recommendedMinor: rec && rec.currency === currency ? rec.amountMinor : null,
      oldestStockInMs: cost ? (oldest.get(cost.productId) ?? null) : null,
    };
  });
  const plan = planPrices({
    items,
    config: pricing.config,
    competitors: feed.offers,
    rate: (from, to) => rates.get(`${from}>${to}`) ?? null,
    nowMs,
  });
  const skuProduct = new Map([...costs.values()].map((c) => [c.sku, c.productId]));
  let underReview = 0;
  const pushes: GoodsPricePush[] = [];
  for (const push of pricePushes(plan)) {
    const skus = push.skus.filter((s) => {
      if (pending.has(s.skuId)) underReview++;
      // Temu already answered this very price (passed, countered or rejected it): not asked again.
      return !pending.has(s.skuId) && answered.get(s.skuId) !== s.priceMinor;
    });
    if (skus.length === 0) continue;
    pushes.push({
      goodsId: push.goodsId,
      skus: skus.map((s) => ({ ...s, productId: skuProduct.get(s.sku)! })),
    });
  }
  return { plan, pushes, feedRejected: feed.rejected, recommendedUnavailable, underReview };
}

/** The seller's feed from a file or an http(s) URL; JSON by `.json` extension or content type, else CSV. */
async function readFeed(source: string): Promise<{ offers: CompetitorOffer[]; rejected: RejectedFeedRow[] }> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`competitor feed ${new URL(source).origin}: HTTP ${res.status}`);
    const json =
      /json/i.test(res.headers.get('content-type') ?? '') || new URL(source).pathname.endsWith('.json');
    return parseCompetitorFeed(await res.text(), json ? 'json' : 'csv');
  }
  const text = await fs.readFile(source, 'utf8');
  return parseCompetitorFeed(text, path.extname(source).toLowerCase() === '.json' ? 'json' : 'csv');
}

/**
 * One ERP rate per currency pair the plan needs (cost → listing, competitor → listing). A pair the
 * ERP cannot convert (unknown or inactive currency) is left out: those SKUs are skipped with a reason.
 */
async function rateTable(
  erp: ErpPricingPort,
  skus: Array<MarketplaceSku & { sellerSku: string }>,
  costs: Map<string, { cost: { currency: string } | null }>,
  offers: CompetitorOffer[],
): Promise<Map<string, number>> {
  const pairs = new Set<string>();
  const currencyOf = new Map(skus.map((s) => [s.sellerSku, s.currency]));
  for (const s of skus) {
    const from = costs.get(s.sellerSku)?.cost?.currency;
    if (from && s.currency && from !== s.currency) pairs.add(`${from}>${s.currency}`);
  }
  for (const o of offers) {
    const to = currencyOf.get(o.sku);
    if (to && o.price.currency !== to) pairs.add(`${o.price.currency}>${to}`);
  }
  const rates = new Map<string, number>();
  for (const pair of pairs) {
    const [from, to] = pair.split('>') as [string, string];
    try {
      rates.set(pair, await erp.currencyRate(from, to));
    } catch (err) {
      if (!isIntegrationError(err) || err.retryable) throw err;
    }
  }
  return rates;
}
