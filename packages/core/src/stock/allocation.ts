import { BadInputError } from '../errors.js';

/**
 * Stock allocation rules (R9). Shares are FRACTIONS in [0, 1] (0.4 = 40%): one representation,
 * everywhere, so that `0.4` and `40` can never be confused; a value above 1 is rejected with a hint.
 */

/**
 * Float products such as 100 × 0.29 = 28.999999999999996 must not lose a unit to `Math.floor`; the
 * tolerance is far below any real quantity step.
 */
const EPSILON = 1e-9;

function formatShares(shares: Record<string, number>): string {
  return Object.entries(shares)
    .map(([channel, share]) => `${channel}=${share}`)
    .join(', ');
}

/**
 * Checks channel shares at start-up: each a finite fraction in [0, 1], all together at most 1 (100%).
 * Returns a frozen copy. Throws a BadInputError (ERR_CHANNEL_SHARES) naming the shares otherwise.
 */
export function validateChannelShares(shares: Record<string, number>): Readonly<Record<string, number>> {
  const entries = Object.entries(shares);
  if (entries.length === 0) {
    throw new BadInputError(
      'channel shares are empty: give at least the marketplace channel\'s share, e.g. {"shop": 0.4}',
      'ERR_CHANNEL_SHARES',
    );
  }
  for (const [channel, share] of entries) {
    if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
      const hint =
        typeof share === 'number' && share > 1 && share <= 100 ? ` (write ${share}% as ${share / 100})` : '';
      throw new BadInputError(
        `channel share ${channel}=${String(share)} must be a fraction between 0 and 1${hint}; shares: ${formatShares(shares)}`,
        'ERR_CHANNEL_SHARES',
        { shares },
      );
    }
  }
  const total = entries.reduce((sum, [, share]) => sum + share, 0);
  if (total > 1 + EPSILON) {
    throw new BadInputError(
      `channel shares sum to ${Number((total * 100).toFixed(6))}%, more than 100%: ${formatShares(shares)}`,
      'ERR_CHANNEL_SHARES',
      { shares, total },
    );
  }
  return Object.freeze({ ...shares });
}

function finite(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  return value;
}

export interface ChannelTargetInput {
  /** ERP free quantity (on hand − reserved); may be negative or fractional (units of measure). */
  freeQuantity: number;
  safetyStock: number;
  /** The channel's share, a fraction in [0, 1]. */
  share: number;
  /** The channel's accepted range (the connector knows it); unbounded above by default. */
  min?: number;
  max?: number;
}

/**
 * What a sales channel gets for one SKU: `floor(max(0, free − safety) × share)`, clamped to
 * [min, max] (by default [0, ∞)). Rounding is always down: never offer a unit we lack.
 */
export function channelTarget({
  freeQuantity,
  safetyStock,
  share,
  min = 0,
  max = Number.POSITIVE_INFINITY,
}: ChannelTargetInput): number {
  finite('freeQuantity', freeQuantity);
  finite('safetyStock', safetyStock);
  if (finite('share', share) < 0 || share > 1)
    throw new RangeError(`share must be a fraction between 0 and 1, got ${share}`);
  // max may be +∞ (no upper bound); NaN or −∞ is a mistake.
  if (Number.isNaN(max) || max === Number.NEGATIVE_INFINITY)
    throw new RangeError(`max must be a number or Infinity, got ${String(max)}`);
  if (finite('min', min) > max) throw new RangeError(`min ${min} is above max ${max}`);
  const available = Math.max(0, freeQuantity - safetyStock);
  const target = Math.floor(available * share + EPSILON);
  return Math.min(Math.max(target, Math.ceil(min)), Math.floor(max));
}

/** A fixed safety stock; fractions round up (keeping more back is the safe side). */
export function fixedSafetyStock(quantity: number): number {
  if (finite('safety stock', quantity) < 0)
    throw new RangeError(`safety stock must not be negative, got ${quantity}`);
  return Math.ceil(quantity - EPSILON);
}

export interface VelocityInput {
  /** Units sold over the window; null/0 when there is no history. */
  unitsSoldInWindow: number | null;
  windowDays: number;
  daysOfCover: number;
}

/**
 * Safety stock from order velocity (R10): ceil(average daily units × days of cover); 0 with no
 * history. Computed as units × cover ÷ window so that 10 units over 7 days × 7 days is exactly 10.
 */
export function velocitySafetyStock({ unitsSoldInWindow, windowDays, daysOfCover }: VelocityInput): number {
  if (finite('windowDays', windowDays) <= 0)
    throw new RangeError(`windowDays must be positive, got ${windowDays}`);
  if (finite('daysOfCover', daysOfCover) < 0)
    throw new RangeError(`daysOfCover must not be negative, got ${daysOfCover}`);
  const units = unitsSoldInWindow ?? 0;
  if (finite('unitsSoldInWindow', units) <= 0) return 0;
  return Math.ceil((units * daysOfCover) / windowDays - EPSILON);
}

export type SafetyStockRule =
  { kind: 'fixed'; quantity: number } | { kind: 'velocity'; windowDays: number; daysOfCover: number };

export interface SafetyStockConfig {
  /** Rule for SKUs without their own. */
  default: SafetyStockRule;
  /** Per ERP SKU code. */
  perSku?: Readonly<Record<string, SafetyStockRule>>;
}

/** Units of `sku` sold over the last `windowDays`, from the orders this service imported; null if none. */
export type VelocityLookup = (sku: string, windowDays: number) => number | null;

export function safetyStockFor(
  sku: string,
  config: SafetyStockConfig,
  velocityLookup: VelocityLookup,
): number {
  const rule = config.perSku?.[sku] ?? config.default;
  if (rule.kind === 'fixed') return fixedSafetyStock(rule.quantity);
  return velocitySafetyStock({
    unitsSoldInWindow: velocityLookup(sku, rule.windowDays),
    windowDays: rule.windowDays,
    daysOfCover: rule.daysOfCover,
  });
}
