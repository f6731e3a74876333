import { DAY_MS } from '../time.js';
import type { PricingConfig } from './pricing-config.js';
import type { PriceStep } from './price-explanation.js';
import { BPS, ceilDiv, endingAtOrAbove, endingAtOrBelow, lessBps, pct, timesBps } from './price-math.js';

/** A competitor's price for one SKU, already in the shop's currency. */
export interface CompetitorPrice {
  competitor: string;
  priceMinor: number;
  seenAtMs: number;
}

/** What the rules look at for one SKU, beyond the formula. */
export interface RuleContext {
  sku: string;
  /** ERP product category (seasonal rules). */
  category: string | null;
  nowMs: number;
  formulaMinor: number;
  floorMinor: number;
  competitors: CompetitorPrice[];
  /** The marketplace's recommended price, shop currency. */
  recommendedMinor: number | null;
  /** Receipt time of the oldest unit on hand; null without stock. */
  oldestStockInMs: number | null;
  /** The SKU's listed price at the start of the current UTC day (daily cap); null when never listed. */
  dayStartPriceMinor: number | null;
}

type Rules = PricingConfig['rules'];
type RuleOutcome = { priceMinor: number; detail: string } | null;
type Rule = (priceMinor: number, ctx: RuleContext, rules: Rules) => RuleOutcome;

/**
 * The rules in their fixed order (README "Pricing"): each sees the price the previous one left and
 * none may take it below the floor. Competitors and the recommended price come first because they are
 * about the market; ageing, season and promotions are the seller's own adjustments on top.
 */
export const RULE_ORDER = ['competitor', 'recommended', 'ageing', 'seasonal', 'promotion'] as const;
export type RuleName = (typeof RULE_ORDER)[number] | 'ending' | 'daily cap' | 'floor';

const RULES: Record<(typeof RULE_ORDER)[number], Rule> = {
  competitor(priceMinor, ctx, rules) {
    const cfg = rules.competitor;
    if (!cfg) return null;
    const fresh = ctx.competitors.filter((c) => ctx.nowMs - c.seenAtMs <= cfg.maxAgeDays * DAY_MS);
    if (fresh.length === 0) return null;
    const lowest = fresh.reduce((a, b) => (b.priceMinor < a.priceMinor ? b : a));
    const target = cfg.mode === 'match' ? lowest.priceMinor : lowest.priceMinor - cfg.undercutMinor;
    if (target >= priceMinor) return null;
    const limit = lessBps(ctx.formulaMinor, cfg.maxDropRate);
    const next = Math.max(target, limit);
    return {
      priceMinor: next,
      detail: `${lowest.competitor} at ${lowest.priceMinor}: ${cfg.mode} → ${target}, limit ${pct(cfg.maxDropRate)} below formula = ${limit} → ${next}`,
    };
  },
  recommended(priceMinor, ctx, rules) {
    const cfg = rules.recommended;
    if (!cfg || ctx.recommendedMinor === null || ctx.recommendedMinor >= priceMinor) return null;
    const limit = lessBps(ctx.formulaMinor, cfg.maxDropRate);
    const next = Math.max(ctx.recommendedMinor, limit);
    return {
      priceMinor: next,
      detail: `recommended ${ctx.recommendedMinor}, limit ${pct(cfg.maxDropRate)} below formula = ${limit} → ${next}`,
    };
  },
  ageing(priceMinor, ctx, rules) {
    const tiers = rules.ageing?.tiers ?? [];
    if (ctx.oldestStockInMs === null || tiers.length === 0) return null;
    const ageDays = Math.floor((ctx.nowMs - ctx.oldestStockInMs) / DAY_MS);
    const tier = tiers
      .filter((t) => ageDays >= t.minDays)
      .reduce<(typeof tiers)[number] | null>((a, b) => (a === null || b.minDays > a.minDays ? b : a), null);
    if (!tier) return null;
    const next = lessBps(priceMinor, tier.discountRate);
    return {
      priceMinor: next,
      detail: `oldest stock ${ageDays} days ≥ ${tier.minDays}: ${priceMinor} − ${pct(tier.discountRate)} = ${next}`,
    };
  },
  seasonal(priceMinor, ctx, rules) {
    const matching = rules.seasonal.filter((s) => seasonApplies(s, ctx));
    if (matching.length === 0) return null;
    let next = priceMinor;
    for (const s of matching) next = timesBps(next, s.multiplier);
    return {
      priceMinor: next,
      detail: `${matching.map((s) => `${s.name} ×${s.multiplier / BPS}`).join(', ')}: ${priceMinor} → ${next}`,
    };
  },
  promotion(priceMinor, ctx, rules) {
    const today = new Date(ctx.nowMs).toISOString().slice(0, 10);
    const active = rules.promotions.filter(
      (p) => p.from <= today && today <= p.to && p.skus.includes(ctx.sku),
    );
    if (active.length === 0) return null;
    const deepest = active.reduce((a, b) => (b.discountRate > a.discountRate ? b : a));
    const next = lessBps(priceMinor, deepest.discountRate);
    return {
      priceMinor: next,
      detail: `${deepest.name} (${deepest.from}…${deepest.to}): ${priceMinor} − ${pct(deepest.discountRate)} = ${next}`,
    };
  },
};

function seasonApplies(s: Rules['seasonal'][number], ctx: RuleContext): boolean {
  if (s.categories && (ctx.category === null || !s.categories.includes(ctx.category))) return false;
  const date = new Date(ctx.nowMs);
  if (s.months) return s.months.includes(date.getUTCMonth() + 1);
  const day = date.toISOString().slice(5, 10);
  const from = s.from!;
  const to = s.to!;
  // A range may wrap the year end (12-01 … 01-15).
  return from <= to ? from <= day && day <= to : day >= from || day <= to;
}

export interface RulesResult {
  priceMinor: number;
  fired: RuleName[];
  steps: PriceStep[];
}

/**
 * Applies the rules in RULE_ORDER, each bounded by the floor, then the daily cap, then the price
 * ending within the band the cap allows. The floor outranks the cap: a cost that rose overnight lifts
 * the price to the floor at once rather than selling at a loss for days.
 */
export function applyRules(
  ctx: RuleContext,
  rules: Rules,
  ending: PricingConfig['priceEnding'],
): RulesResult {
  const fired: RuleName[] = [];
  const steps: PriceStep[] = [];
  let price = ctx.formulaMinor;
  for (const name of RULE_ORDER) {
    const outcome = RULES[name](price, ctx, rules);
    if (outcome === null) continue;
    fired.push(name);
    if (outcome.priceMinor < ctx.floorMinor) {
      price = ctx.floorMinor;
      steps.push({
        step: name,
        priceMinor: price,
        detail: `${outcome.detail}, held at floor ${ctx.floorMinor}`,
      });
    } else {
      price = outcome.priceMinor;
      steps.push({ step: name, priceMinor: price, detail: outcome.detail });
    }
  }

  // The band the day allows: within maxDailyChangeRate of the start-of-day price, and not under the floor.
  let low = ctx.floorMinor;
  let high = Number.MAX_SAFE_INTEGER;
  const ref = ctx.dayStartPriceMinor;
  let direction: 'up' | 'down' = fired.length > 0 ? 'down' : 'up';
  if (ref !== null) {
    low = Math.max(low, ceilDiv(ref * (BPS - rules.maxDailyChangeRate), BPS));
    high = Math.floor((ref * (BPS + rules.maxDailyChangeRate)) / BPS);
    const capped = Math.min(Math.max(price, low), high);
    if (capped !== price) {
      direction = capped > price ? 'up' : 'down';
      fired.push('daily cap');
      steps.push({
        step: 'daily cap',
        priceMinor: capped,
        detail: `start of day ${ref} ± ${pct(rules.maxDailyChangeRate)} allows ${low}…${high}: ${price} → ${capped}`,
      });
      price = capped;
    }
  }

  // The ending rounds up a bare formula price (keeping the target margin) and down a price a rule
  // lowered (keeping the rule's effect), whichever of the two stays within the band.
  if (ending) {
    const up = endingAtOrAbove(price, ending.everyMinor, ending.endingMinor);
    const down = endingAtOrBelow(price, ending.everyMinor, ending.endingMinor);
    const fits = (p: number) => p >= low && p <= high;
    const [first, second] = direction === 'up' ? [up, down] : [down, up];
    const ended = fits(first) ? first : fits(second) ? second : price;
    if (ended !== price) {
      fired.push('ending');
      steps.push({
        step: 'ending',
        priceMinor: ended,
        detail: `${price} → ${ended} (ends in ${ending.endingMinor})`,
      });
      price = ended;
    }
  }

  if (price < ctx.floorMinor) {
    fired.push('floor');
    steps.push({
      step: 'floor',
      priceMinor: ctx.floorMinor,
      detail: `${price} is below the floor ${ctx.floorMinor}; the floor wins over the daily cap`,
    });
    price = ctx.floorMinor;
  }
  return { priceMinor: price, fired, steps };
}
