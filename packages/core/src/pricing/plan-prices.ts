import { currencyExponent } from '../money.js';
import type { Money } from '../money.js';
import type { PricingConfig } from './pricing-config.js';
import type { PriceExplanation } from './price-explanation.js';
import { priceByFormula } from './price-formula.js';
import { BPS } from './price-math.js';
import { applyRules } from './price-rules.js';
import type { CompetitorPrice, RuleName } from './price-rules.js';

/** One listed SKU to price, joined from the marketplace listing and the ERP product. */
export interface PricingItem {
  /** Seller SKU code (the ERP product's internal reference). */
  sku: string;
  goodsId: string;
  skuId: string;
  /** Currency the SKU is listed in (the shop's). */
  currency: string;
  /** Marketplace category id (commission table); null → the default commission. */
  marketplaceCategoryId: string | null;
  /** ERP product category name (uplift and seasonal rules). */
  erpCategory: string | null;
  weightKg: number | null;
  /** ERP unit cost in the ERP's currency; null when the ERP has none. */
  cost: Money | null;
  currentPriceMinor: number | null;
  /** Listed price at the start of today (UTC); defaults to the current price. */
  dayStartPriceMinor?: number | null;
  recommendedMinor: number | null;
  oldestStockInMs: number | null;
}

/** A row of a competitor feed (see competitor-feed.ts). */
export interface CompetitorOffer {
  sku: string;
  competitor: string;
  price: Money;
  seenAtMs: number;
}

/** Units of `to` per unit of `from`, or null when the ERP has no rate. */
export type RateLookup = (from: string, to: string) => number | null;

export interface PlanPricesInput {
  items: PricingItem[];
  config: PricingConfig;
  competitors: CompetitorOffer[];
  rate: RateLookup;
  nowMs: number;
}

export interface PricedSku {
  sku: string;
  goodsId: string;
  skuId: string;
  currency: string;
  /** Landed cost in the shop's currency. */
  costMinor: number;
  currentMinor: number | null;
  proposedMinor: number;
  floorMinor: number;
  rulesFired: RuleName[];
  /** True when the proposal moves beyond the push threshold from the listed price. */
  push: boolean;
  explanation: PriceExplanation;
}

export type SkipCode = 'missing_cost' | 'no_currency_rate' | 'floor_unreachable' | 'target_unreachable';

export interface SkippedSku {
  sku: string;
  goodsId: string;
  skuId: string;
  code: SkipCode;
  reason: string;
}

export interface PricePlan {
  priced: PricedSku[];
  skipped: SkippedSku[];
}

/**
 * Prices every item: formula, then the rules (price-rules.ts). An item that cannot be priced is
 * skipped with its reason and the others go on. Pure: every input, the clock included, is passed in.
 */
export function planPrices(input: PlanPricesInput): PricePlan {
  const { config } = input;
  const offersBySku = new Map<string, CompetitorOffer[]>();
  for (const offer of input.competitors) {
    offersBySku.set(offer.sku, [...(offersBySku.get(offer.sku) ?? []), offer]);
  }
  const plan: PricePlan = { priced: [], skipped: [] };
  for (const item of input.items) {
    const ids = { sku: item.sku, goodsId: item.goodsId, skuId: item.skuId };
    const skip = (code: SkipCode, reason: string) => plan.skipped.push({ ...ids, code, reason });
    if (item.cost === null || item.cost.amountMinor <= 0) {
      skip('missing_cost', `no cost for ${item.sku} in the ERP (standard price empty or zero)`);
      continue;
    }
    const costMinor = convert(item.cost, item.currency, input.rate);
    if (costMinor === null) {
      skip('no_currency_rate', `no ${item.cost.currency}→${item.currency} rate in the ERP`);
      continue;
    }
    const commissionBps =
      (item.marketplaceCategoryId !== null
        ? config.commission.byCategory[item.marketplaceCategoryId]
        : undefined) ?? config.commission.defaultRate;
    const upliftBps =
      config.landedCostUplift.byProduct[item.sku] ??
      (item.erpCategory !== null ? config.landedCostUplift.byCategory[item.erpCategory] : undefined) ??
      config.landedCostUplift.defaultRate;
    const shippingMinor = shippingFor(item, config.shipping);
    const formula = priceByFormula({
      costMinor,
      upliftBps,
      shippingMinor,
      fixedFeeMinor: config.fixedFeeMinor,
      commissionBps,
      paymentFeeBps: config.paymentFeeRate,
      advertisingBps: config.advertisingRate,
      targetMarginBps: config.targetMargin,
      minMarginBps: config.minMargin,
    });
    if (!formula.ok) {
      skip(formula.code, formula.reason);
      continue;
    }
    const competitors: CompetitorPrice[] = [];
    for (const offer of offersBySku.get(item.sku) ?? []) {
      const priceMinor = convert(offer.price, item.currency, input.rate);
      // An offer in a currency without a rate cannot be compared; the others still count.
      if (priceMinor !== null)
        competitors.push({ competitor: offer.competitor, priceMinor, seenAtMs: offer.seenAtMs });
    }
    const current = item.currentPriceMinor;
    const ruled = applyRules(
      {
        sku: item.sku,
        category: item.erpCategory,
        nowMs: input.nowMs,
        formulaMinor: formula.priceMinor,
        floorMinor: formula.floorMinor,
        competitors,
        recommendedMinor: item.recommendedMinor,
        oldestStockInMs: item.oldestStockInMs,
        dayStartPriceMinor: item.dayStartPriceMinor ?? current,
      },
      config.rules,
      config.priceEnding,
    );
    plan.priced.push({
      ...ids,
      currency: item.currency,
      costMinor: formula.landedMinor,
      currentMinor: current,
      proposedMinor: ruled.priceMinor,
      floorMinor: formula.floorMinor,
      rulesFired: ruled.fired,
      push: movesBeyond(current, ruled.priceMinor, config.pushThresholdRate),
      explanation: {
        inputs: {
          cost: `${item.cost.amountMinor} ${item.cost.currency}`,
          costInShopCurrency: costMinor,
          currency: item.currency,
          upliftBps,
          shippingMinor,
          fixedFeeMinor: config.fixedFeeMinor,
          commissionBps,
          paymentFeeBps: config.paymentFeeRate,
          advertisingBps: config.advertisingRate,
          targetMarginBps: config.targetMargin,
          minMarginBps: config.minMargin,
          currentMinor: current,
          recommendedMinor: item.recommendedMinor,
          competitorOffers: competitors.length,
        },
        steps: [...formula.steps, ...ruled.steps],
      },
    });
  }
  return plan;
}

/** Whether a move from `current` to `proposed` is worth a price order (beyond `thresholdBps` of current). */
export function movesBeyond(current: number | null, proposed: number, thresholdBps: number): boolean {
  if (current === null) return true;
  return Math.abs(proposed - current) * BPS > current * thresholdBps;
}

/** An amount converted into `currency`'s minor units, rounded half up; null without a rate. */
function convert(amount: Money, currency: string, rate: RateLookup): number | null {
  if (amount.currency === currency) return amount.amountMinor;
  const r = rate(amount.currency, currency);
  if (r === null || !Number.isFinite(r) || r <= 0) return null;
  const scale = 10 ** (currencyExponent(currency) - currencyExponent(amount.currency));
  return Math.round(amount.amountMinor * r * scale);
}

function shippingFor(item: PricingItem, shipping: PricingConfig['shipping']): number {
  const own = shipping.byProduct[item.sku];
  if (own !== undefined) return own;
  if (item.weightKg !== null) {
    const band = [...shipping.weightBands]
      .sort((a, b) => a.maxKg - b.maxKg)
      .find((b) => item.weightKg! <= b.maxKg);
    if (band) return band.feeMinor;
  }
  return shipping.defaultMinor;
}

/** The plan's pushes, one per goods (the marketplace takes one goods per price call), sorted for stable ids. */
export function pricePushes(plan: PricePlan): Array<{
  goodsId: string;
  skus: Array<{ skuId: string; sku: string; priceMinor: number; floorMinor: number; currency: string }>;
}> {
  const byGoods = new Map<
    string,
    Array<{ skuId: string; sku: string; priceMinor: number; floorMinor: number; currency: string }>
  >();
  for (const line of plan.priced) {
    if (!line.push) continue;
    const list = byGoods.get(line.goodsId) ?? [];
    list.push({
      skuId: line.skuId,
      sku: line.sku,
      priceMinor: line.proposedMinor,
      floorMinor: line.floorMinor,
      currency: line.currency,
    });
    byGoods.set(line.goodsId, list);
  }
  return [...byGoods.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([goodsId, skus]) => ({ goodsId, skus: skus.sort((a, b) => a.skuId.localeCompare(b.skuId)) }));
}
