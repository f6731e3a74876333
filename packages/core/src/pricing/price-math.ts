/**
 * Integer arithmetic on minor units and basis points (1 % = 100 bps), so a price never passes
 * through a float: a product of a price below 10^11 minor units and 10^4 stays a safe integer.
 */
export const BPS = 10_000;

/** ⌈a / b⌉ for a ≥ 0, b > 0. */
export function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b);
}

/** price × bps / 10 000, rounded half up. */
export function timesBps(priceMinor: number, bps: number): number {
  return Math.floor((priceMinor * bps + BPS / 2) / BPS);
}

/** price less a discount in bps, rounded half up (1000 less 15 % = 850). */
export function lessBps(priceMinor: number, discountBps: number): number {
  return timesBps(priceMinor, BPS - discountBps);
}

/** A rate in bps as a percentage for explanations: 1250 → "12.5%". */
export function pct(bps: number): string {
  return `${bps / 100}%`;
}

/**
 * Price endings: a price that ends in `endingMinor` modulo `everyMinor` (99 of 100 → x.99). The
 * nearest ending at or above the price, or at or below it.
 */
export function endingAtOrAbove(priceMinor: number, everyMinor: number, endingMinor: number): number {
  const base = priceMinor - (priceMinor % everyMinor) + endingMinor;
  return base >= priceMinor ? base : base + everyMinor;
}

export function endingAtOrBelow(priceMinor: number, everyMinor: number, endingMinor: number): number {
  const base = priceMinor - (priceMinor % everyMinor) + endingMinor;
  return base <= priceMinor ? base : base - everyMinor;
}
