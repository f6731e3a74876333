import { describe, expect, it } from '@jest/globals';
import { BadInputError } from '../../src/errors.js';
import { money } from '../../src/money.js';
import { movesBeyond, planPrices, pricePushes } from '../../src/pricing/plan-prices.js';
import type { CompetitorOffer, PricingItem, RateLookup } from '../../src/pricing/plan-prices.js';
import { parsePricingConfig } from '../../src/pricing/pricing-config.js';
import type { PricingConfigInput } from '../../src/pricing/pricing-config.js';

const DAY = 86_400_000;
/** 2026-11-28T12:00:00Z, a Saturday in November. */
const NOW = Date.UTC(2026, 10, 28, 12);

/**
 * The shop used in the worked examples:
 * commission 12 % (15 % in category 777), payment 2 %, advertising 5 %, target margin 20 %, minimum
 * margin 5 %, fixed fee 0.50, landed-cost uplift 10 %, shipping 3.00, prices ending in .99.
 */
const BASE: PricingConfigInput = {
  commission: { defaultRate: 0.12, byCategory: { '777': 0.15 } },
  paymentFeeRate: 0.02,
  advertisingRate: 0.05,
  targetMargin: 0.2,
  minMargin: 0.05,
  fixedFeeMinor: 50,
  landedCostUplift: { defaultRate: 0.1 },
  shipping: { defaultMinor: 300 },
  priceEnding: { everyMinor: 100, endingMinor: 99 },
};

function config(extra: Partial<PricingConfigInput> = {}, rules: PricingConfigInput['rules'] = {}) {
  return parsePricingConfig({ ...BASE, ...extra, rules });
}

function item(over: Partial<PricingItem> = {}): PricingItem {
  return {
    sku: 'MUG-1',
    goodsId: 'G1',
    skuId: 'S1',
    currency: 'USD',
    marketplaceCategoryId: null,
    erpCategory: 'Kitchen',
    weightKg: null,
    cost: money(1000, 'USD'),
    currentPriceMinor: null,
    recommendedMinor: null,
    oldestStockInMs: null,
    ...over,
  };
}

const noRates: RateLookup = () => null;

function priceOf(
  it: PricingItem,
  cfg = config(),
  competitors: CompetitorOffer[] = [],
  rate: RateLookup = noRates,
) {
  const plan = planPrices({ items: [it], config: cfg, competitors, rate, nowMs: NOW });
  expect(plan.skipped).toEqual([]);
  return plan.priced[0]!;
}

describe('the formula', () => {
  it('prices cost 10.00 at 23.99 with a floor of 19.08', () => {
    // landed = 1000 × 1.10 = 1100; costs = 1100 + 300 shipping + 50 fee = 1450
    // fees = 12 + 2 + 5 = 19 %; price = ⌈1450 / (1 − 0.19 − 0.20)⌉ = ⌈1450 / 0.61⌉ = ⌈2377.05⌉ = 2378
    // floor = ⌈1450 / (1 − 0.19 − 0.05)⌉ = ⌈1450 / 0.76⌉ = ⌈1907.89⌉ = 1908
    // ending .99 rounds the bare formula price up: 2378 → 2399
    const line = priceOf(item());
    expect(line).toMatchObject({
      costMinor: 1100,
      floorMinor: 1908,
      proposedMinor: 2399,
      rulesFired: ['ending'],
    });
    expect(line.explanation.steps.map((s) => [s.step, s.priceMinor])).toEqual([
      ['landed cost', 1100],
      ['costs', 1450],
      ['formula', 2378],
      ['floor', 1908],
      ['ending', 2399],
    ]);
    expect(line.explanation.inputs).toMatchObject({
      commissionBps: 1200,
      shippingMinor: 300,
      upliftBps: 1000,
    });
    // Check by hand: 23.99 − 19 % fees (4.5581) − 14.50 costs = 4.9319 = 20.6 % of 23.99 ≥ 20 %.
  });

  it('uses the category commission, the product uplift, the weight band and no ending', () => {
    // commission 15 % (category 777); uplift 0 for this product; 0.4 kg → band ≤ 0.5 kg = 2.00
    // costs = 1000 + 200 + 50 = 1250; price = ⌈1250 / (1 − 0.22 − 0.20)⌉ = ⌈1250 / 0.58⌉ = ⌈2155.17⌉ = 2156
    // floor = ⌈1250 / (1 − 0.22 − 0.05)⌉ = ⌈1250 / 0.73⌉ = ⌈1712.33⌉ = 1713
    const cfg = config({
      priceEnding: null,
      landedCostUplift: { defaultRate: 0.1, byProduct: { 'MUG-1': 0 } },
      shipping: {
        defaultMinor: 300,
        weightBands: [
          { maxKg: 2, feeMinor: 400 },
          { maxKg: 0.5, feeMinor: 200 },
        ],
      },
    });
    const line = priceOf(item({ marketplaceCategoryId: '777', weightKg: 0.4 }), cfg);
    expect([line.proposedMinor, line.floorMinor, line.rulesFired]).toEqual([2156, 1713, []]);
  });

  it('converts an ERP cost in EUR with the ERP rate', () => {
    // 10.00 EUR × 1.2 = 12.00 USD; costs = 1320 + 300 + 50 = 1670
    // price = ⌈1670 / 0.61⌉ = ⌈2737.70⌉ = 2738 → 2799; floor = ⌈1670 / 0.76⌉ = ⌈2197.37⌉ = 2198
    const line = priceOf(item({ cost: money(1000, 'EUR') }), config(), [], (from, to) =>
      from === 'EUR' && to === 'USD' ? 1.2 : null,
    );
    expect([line.costMinor, line.proposedMinor, line.floorMinor]).toEqual([1320, 2799, 2198]);
  });
});

describe('skips with reasons, the rest go on', () => {
  it('skips a missing cost, a missing rate and an unreachable floor', () => {
    const cfg = config({ commission: { defaultRate: 0.12, byCategory: { '9': 0.7 } }, advertisingRate: 0.2 });
    const plan = planPrices({
      items: [
        item({ sku: 'A', cost: null }),
        item({ sku: 'B', cost: money(1000, 'GBP') }),
        // 70 % + 2 % + 20 % + 5 % = 97 %: floor reachable; 70 + 2 + 20 + 20 = 112 %: target not
        item({ sku: 'C', marketplaceCategoryId: '9' }),
        item({ sku: 'D' }),
      ],
      config: cfg,
      competitors: [],
      rate: noRates,
      nowMs: NOW,
    });
    expect(plan.skipped.map((s) => [s.sku, s.code])).toEqual([
      ['A', 'missing_cost'],
      ['B', 'no_currency_rate'],
      ['C', 'target_unreachable'],
    ]);
    expect(plan.skipped[1]!.reason).toBe('no GBP→USD rate in the ERP');
    expect(plan.priced.map((p) => p.sku)).toEqual(['D']);

    const hopeless = config({ commission: { defaultRate: 0.5 }, advertisingRate: 0.43 });
    // 50 + 2 + 43 + 5 (minimum margin) = 100 %: no price covers the fees
    const again = planPrices({
      items: [item()],
      config: hopeless,
      competitors: [],
      rate: noRates,
      nowMs: NOW,
    });
    expect(again.skipped[0]).toMatchObject({ code: 'floor_unreachable' });
    expect(again.skipped[0]!.reason).toContain('reach 100%');
  });
});

describe('rules, each bounded by the floor (formula 2378, floor 1908 as above)', () => {
  const offer = (price: number, daysAgo = 1, currency = 'USD', competitor = 'shopA'): CompetitorOffer => ({
    sku: 'MUG-1',
    competitor,
    price: money(price, currency),
    seenAtMs: NOW - daysAgo * DAY,
  });

  it('undercuts the cheapest fresh competitor by 0.01, rounding the ending down', () => {
    // offers 22.50 and 25.00 (and a stale 15.00, 8 days old > 7): undercut 2250 − 1 = 2249
    // limit: 2378 − 10 % = 2140.2 → 2140; 2249 is above it → 2249; ending down → 2199
    const cfg = config({}, { competitor: {} });
    const line = priceOf(item(), cfg, [offer(2500), offer(2250, 2, 'USD', 'shopB'), offer(1500, 8)]);
    expect([line.proposedMinor, line.rulesFired]).toEqual([2199, ['competitor', 'ending']]);
  });

  it('stops at the drop limit, and converts an offer in EUR', () => {
    // 12.00 EUR × 1.25 = 15.00 USD; match → 1500 but limit 2140 (10 % below 2378) → 2140 → ending down 2099
    const cfg = config({}, { competitor: { mode: 'match' } });
    const line = priceOf(item(), cfg, [offer(1200, 1, 'EUR'), offer(1000, 1, 'GBP')], (f, t) =>
      f === 'EUR' && t === 'USD' ? 1.25 : null,
    );
    expect(line.proposedMinor).toBe(2099);
  });

  it('never goes below the floor, whatever the limit', () => {
    // limit 50 %: 2378 × 0.5 = 1189; undercut 1499 → held at floor 1908
    // ending: down 1899 < floor, so up → 1999
    const cfg = config({}, { competitor: { maxDropRate: 0.5 } });
    const line = priceOf(item(), cfg, [offer(1500)]);
    expect(line.proposedMinor).toBe(1999);
    expect(line.explanation.steps.find((s) => s.step === 'competitor')).toMatchObject({ priceMinor: 1908 });
    expect(line.explanation.steps.find((s) => s.step === 'competitor')!.detail).toContain(
      'held at floor 1908',
    );
  });

  it('follows the recommended price down to its limit', () => {
    // recommended 22.00 < 23.78 and above the 2140 limit → 2200 → ending down 2199
    const line = priceOf(item({ recommendedMinor: 2200 }), config({}, { recommended: {} }));
    expect([line.proposedMinor, line.rulesFired]).toEqual([2199, ['recommended', 'ending']]);
  });

  it('discounts slow movers by the deepest tier reached', () => {
    // oldest unit 130 days: tiers 60 → 5 %, 120 → 15 %; 2378 × 0.85 = 2021.3 → 2021 → ending down 1999
    const cfg = config(
      {},
      {
        ageing: {
          tiers: [
            { minDays: 60, discountRate: 0.05 },
            { minDays: 120, discountRate: 0.15 },
          ],
        },
      },
    );
    const line = priceOf(item({ oldestStockInMs: NOW - 130 * DAY }), cfg);
    expect(line.proposedMinor).toBe(1999);
    // 70 days: 2378 × 0.95 = 2259.1 → 2259 → 2199
    expect(priceOf(item({ oldestStockInMs: NOW - 70 * DAY }), cfg).proposedMinor).toBe(2199);
  });

  it('multiplies by the season of the month and category', () => {
    // November × 1.2 for Kitchen: 2378 × 1.2 = 2853.6 → 2854 → ending down 2799; a Toys-only season does not apply
    const cfg = config(
      {},
      {
        seasonal: [
          { name: 'holidays', months: [11, 12], categories: ['Kitchen'], multiplier: 1.2 },
          { name: 'toys', from: '11-01', to: '01-15', categories: ['Toys'], multiplier: 2 },
        ],
      },
    );
    const line = priceOf(item(), cfg);
    expect([line.proposedMinor, line.rulesFired]).toEqual([2799, ['seasonal', 'ending']]);
    // The year-wrapping range 11-01…01-15 covers 28 November for Toys: 2378 × 2 = 4756 → 4699
    expect(priceOf(item({ erpCategory: 'Toys' }), cfg).proposedMinor).toBe(4699);
  });

  it('applies the deepest active promotion, held at the floor', () => {
    // Black Friday 27–30 Nov, 20 %: 2378 × 0.8 = 1902.4 → 1902 < floor 1908 → 1908; ending: 1899 < floor → 1999
    // The 50 % promotion ended on 26 Nov and does not count.
    const cfg = config(
      {},
      {
        promotions: [
          { name: 'black friday', from: '2026-11-27', to: '2026-11-30', skus: ['MUG-1'], discountRate: 0.2 },
          { name: 'past', from: '2026-11-01', to: '2026-11-26', skus: ['MUG-1'], discountRate: 0.5 },
        ],
      },
    );
    const line = priceOf(item(), cfg);
    expect(line.proposedMinor).toBe(1999);
    expect(line.rulesFired).toEqual(['promotion', 'ending']);
  });

  it('caps the move per day, then ends the price inside the band', () => {
    // listed 30.00 at the start of the day, cap 10 %: band 2700…3300; formula 2378 → 2700 → ending up 2799
    const line = priceOf(item({ currentPriceMinor: 3000 }), config({}, { maxDailyChangeRate: 0.1 }));
    expect([line.proposedMinor, line.rulesFired]).toEqual([2799, ['daily cap', 'ending']]);
    expect(line.push).toBe(true);
    // the day started at 20.00 (before an earlier push today to 21.00): band 1800…2200; 2378 → 2200 → down 2199
    const later = priceOf(item({ currentPriceMinor: 2100, dayStartPriceMinor: 2000 }));
    expect(later.proposedMinor).toBe(2199);
  });

  it('lets the floor win over the daily cap', () => {
    // listed 15.00, cap 10 % allows at most 1650, but the floor is 1908: 1908, no ending fits the band
    const line = priceOf(item({ currentPriceMinor: 1500 }));
    expect([line.proposedMinor, line.rulesFired]).toEqual([1908, ['daily cap', 'floor']]);
  });
});

describe('pushing', () => {
  it('pushes only moves beyond the threshold (0.5 % by default)', () => {
    // 2390 → 2399: 9 ≤ 0.5 % of 2390 = 11.95 → no; 2300 → 2399: 99 > 11.5 → yes
    expect(movesBeyond(2390, 2399, 50)).toBe(false);
    expect(movesBeyond(2300, 2399, 50)).toBe(true);
    expect(movesBeyond(null, 2399, 50)).toBe(true);
    const plan = planPrices({
      items: [
        item({ sku: 'A', goodsId: 'G2', skuId: 'S3', currentPriceMinor: 2390 }),
        item({ sku: 'B', goodsId: 'G2', skuId: 'S2', currentPriceMinor: 2300 }),
        item({ sku: 'C', goodsId: 'G1', skuId: 'S1' }),
      ],
      config: config(),
      competitors: [],
      rate: noRates,
      nowMs: NOW,
    });
    expect(
      pricePushes(plan).map((p) => [p.goodsId, p.skus.map((s) => `${s.skuId}@${s.priceMinor}`)]),
    ).toEqual([
      ['G1', ['S1@2399']],
      ['G2', ['S2@2399']],
    ]);
  });
});

describe('parsePricingConfig', () => {
  it('keeps rates as basis points and fills the defaults', () => {
    const cfg = config();
    expect([cfg.commission.defaultRate, cfg.rules.maxDailyChangeRate, cfg.pushThresholdRate]).toEqual([
      1200, 1000, 50,
    ]);
  });

  it('names the bad value in one line', () => {
    expect(() => parsePricingConfig({ ...BASE, commission: { defaultRate: 12 } })).toThrow(
      new BadInputError(
        'pricing config: commission.defaultRate: must be a fraction below 1 (write 12% as 0.12)',
      ),
    );
    expect(() =>
      parsePricingConfig({ ...BASE, rules: { ageing: { tiers: [{ minDays: 30, discountRate: -0.1 }] } } }),
    ).toThrow('pricing config: rules.ageing.tiers.0.discountRate: must be a fraction ≥ 0');
    expect(() => parsePricingConfig({ ...BASE, targetMargin: 0.01 })).toThrow(
      'pricing config: targetMargin: targetMargin must be at least minMargin',
    );
  });
});
