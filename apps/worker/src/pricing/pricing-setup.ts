import fs from 'node:fs';
import { z } from 'zod';
import {
  BadInputError,
  parsePricingConfig,
  type ErpPricingPort,
  type MarketplacePricingPort,
  type PricingConfig,
} from '@temu-odoo/core';

/** A shop's pricing: its configuration, its competitor feed and its marketplace price port. */
export interface ShopPricing {
  config: PricingConfig;
  /** CSV or JSON file (by extension) or http(s) URL the seller keeps up to date; null without one. */
  competitorFeedFile: string | null;
  /** Below-floor counter-offers: refused, or answered with the floor. */
  belowFloor: 'refuse' | 'negotiate';
  market: MarketplacePricingPort;
}

export interface PricingSetup {
  erp: ErpPricingPort;
  shops: Map<string, ShopPricing>;
  /** How long `prices.review` waits between looks at price orders under review. */
  reviewPollMs: number;
}

export type ShopPricingFile = Omit<ShopPricing, 'market'>;

const fileSchema = z.object({
  reviewPollSeconds: z.number().int().min(1).max(86_400).default(60),
  shops: z.record(
    z.string().min(1),
    z.object({
      config: z.unknown(),
      competitorFeed: z.string().min(1).optional(),
      belowFloor: z.enum(['refuse', 'negotiate']).default('refuse'),
    }),
  ),
});

/**
 * PRICING_FILE: `{ "reviewPollSeconds": 60, "shops": { "<shopId>": { "config": {…}, "competitorFeed":
 * "feed.csv", "belowFloor": "refuse" } } }`. Parsed at start; a bad value is one line naming it.
 */
export function loadPricingFile(file: string): { shops: Map<string, ShopPricingFile>; reviewPollMs: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`PRICING_FILE ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`PRICING_FILE ${file}: ${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  const shops = new Map<string, ShopPricingFile>();
  for (const [shopId, entry] of Object.entries(parsed.data.shops)) {
    shops.set(shopId, {
      config: parsePricingConfig(entry.config, `PRICING_FILE shops.${shopId}.config`),
      competitorFeedFile: entry.competitorFeed ?? null,
      belowFloor: entry.belowFloor,
    });
  }
  return { shops, reviewPollMs: parsed.data.reviewPollSeconds * 1000 };
}

export function pricingOf(setup: PricingSetup | undefined, shopId: string): ShopPricing {
  const shop = setup?.shops.get(shopId);
  if (!setup || !shop) {
    throw new BadInputError(
      `pricing is not configured for shop ${shopId}: add it to the PRICING_FILE`,
      'ERR_PRICING_NOT_CONFIGURED',
    );
  }
  return shop;
}
