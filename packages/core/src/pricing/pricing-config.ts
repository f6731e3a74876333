import { z } from 'zod';
import { BadInputError } from '../errors.js';

/**
 * The pricing configuration of one shop: the formula's rates and fees, the price ending and the rules.
 * Rates are written as fractions (0.12 for 12 %) and kept as basis points (1200) so that every
 * computation on minor units stays in integers. Parsed once at start; a bad value is one clear line.
 */
const fraction = () =>
  z
    .number()
    .min(0, { message: 'must be a fraction ≥ 0' })
    .lt(1, { message: 'must be a fraction below 1 (write 12% as 0.12)' })
    .refine((v) => Math.abs(v * 10_000 - Math.round(v * 10_000)) < 1e-6, {
      message: 'has more than 4 decimals (basis points are the finest unit)',
    })
    .transform((v) => Math.round(v * 10_000));

/** An uplift on cost, from 0 to 5 (500 %), kept in basis points like the rates. */
const uplift = z
  .number()
  .min(0)
  .max(5, { message: 'landed-cost uplift must be a fraction ≤ 5 (write 10% as 0.1)' })
  .transform((v) => Math.round(v * 10_000));

const minor = z.number().int({ message: 'expected an integer amount of minor units' }).nonnegative();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date like 2026-11-27' });
const monthDay = z.string().regex(/^\d{2}-\d{2}$/, { message: 'expected a month-day like 11-27' });

const rulesSchema = z.object({
  /** Competitor prices from the seller's feed: undercut by an amount, or match, never more than maxDropRate below the formula. */
  competitor: z
    .object({
      mode: z.enum(['undercut', 'match']).prefault('undercut'),
      undercutMinor: minor.prefault(1),
      maxDropRate: fraction().prefault(0.1),
      maxAgeDays: z.number().int().positive().prefault(7),
    })
    .optional(),
  /** The marketplace's recommended price: followed down, never more than maxDropRate below the formula. */
  recommended: z.object({ maxDropRate: fraction().prefault(0.1) }).optional(),
  /** Slow movers: the deepest tier whose minDays the oldest stock on hand has reached applies. */
  ageing: z
    .object({
      tiers: z.array(z.object({ minDays: z.number().int().positive(), discountRate: fraction() })),
    })
    .optional(),
  /** Demand multipliers per month or day range, optionally limited to ERP categories; all matches multiply. */
  seasonal: z
    .array(
      z
        .object({
          name: z.string().min(1),
          months: z.array(z.number().int().min(1).max(12)).optional(),
          from: monthDay.optional(),
          to: monthDay.optional(),
          categories: z.array(z.string()).optional(),
          /** Kept in basis points (1.15 → 11 500). */
          multiplier: z
            .number()
            .positive()
            .max(10)
            .transform((v) => Math.round(v * 10_000)),
        })
        .refine((s) => s.months !== undefined || (s.from !== undefined && s.to !== undefined), {
          message: 'give either months or both from and to',
        }),
    )
    .prefault([]),
  /** Dated discounts on product sets; the deepest active one applies. Days are UTC and inclusive. */
  promotions: z
    .array(
      z.object({
        name: z.string().min(1),
        from: isoDay,
        to: isoDay,
        skus: z.array(z.string().min(1)).min(1),
        discountRate: fraction(),
      }),
    )
    .prefault([]),
  /** Largest move of a SKU's price within one UTC day, relative to its price at the start of that day. */
  maxDailyChangeRate: fraction().prefault(0.1),
});

export const pricingConfigSchema = z
  .object({
    /** Commission by marketplace category id, with a default (Temu: 10–15 %). */
    commission: z.object({
      defaultRate: fraction(),
      byCategory: z.record(z.string(), fraction()).prefault({}),
    }),
    paymentFeeRate: fraction().prefault(0),
    advertisingRate: fraction().prefault(0),
    targetMargin: fraction(),
    minMargin: fraction(),
    /** Fixed fees per unit sold, in the shop's currency. */
    fixedFeeMinor: minor.prefault(0),
    /** Landed cost = ERP cost × (1 + uplift); per product beats per ERP category beats the default. */
    landedCostUplift: z
      .object({
        defaultRate: uplift.prefault(0),
        byCategory: z.record(z.string(), uplift).prefault({}),
        byProduct: z.record(z.string(), uplift).prefault({}),
      })
      .prefault({}),
    /** Shipping of seller-fulfilled orders, in the shop's currency: per product, else by weight band, else default. */
    shipping: z
      .object({
        defaultMinor: minor.prefault(0),
        byProduct: z.record(z.string(), minor).prefault({}),
        weightBands: z.array(z.object({ maxKg: z.number().positive(), feeMinor: minor })).prefault([]),
      })
      .prefault({}),
    /** Prices end in `endingMinor` modulo `everyMinor` (99 of 100 gives x.99); null for no ending. */
    priceEnding: z
      .object({ everyMinor: z.number().int().min(2), endingMinor: z.number().int().nonnegative() })
      .refine((e) => e.endingMinor < e.everyMinor, { message: 'endingMinor must be below everyMinor' })
      .nullable()
      .prefault(null),
    /** A SKU is pushed only when its proposal differs from the listed price by more than this fraction. */
    pushThresholdRate: fraction().prefault(0.005),
    rules: rulesSchema.prefault({}),
  })
  .refine((c) => c.targetMargin >= c.minMargin, {
    message: 'targetMargin must be at least minMargin',
    path: ['targetMargin'],
  });

export type PricingConfigInput = z.input<typeof pricingConfigSchema>;
/** The parsed configuration: every rate in basis points (1 % = 100). */
export type PricingConfig = z.output<typeof pricingConfigSchema>;

/** Parses a shop's pricing configuration; a bad value throws one line naming its path. */
export function parsePricingConfig(raw: unknown, source = 'pricing config'): PricingConfig {
  const parsed = pricingConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  throw new BadInputError(`${source}: ${where}: ${issue.message}`, 'ERR_PRICING_CONFIG');
}
