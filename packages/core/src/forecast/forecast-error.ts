/**
 * Forecast error as WAPE (weighted absolute percentage error): Σ|actual − forecast| / Σ actual over
 * every held-back day of every series, in percent. Chosen over MAPE because MAPE divides each day's
 * error by that day's sales: a day with no sales (common for slow SKUs) makes it undefined, and a
 * day with 1 sale turns a miss of 2 units into 200 %. WAPE weighs each day by its volume, so zero
 * days count (their forecast is all error) without dividing by zero.
 */
export interface ErrorTally {
  absError: number;
  actual: number;
}

export function tallyError(
  actual: number[],
  forecast: number[],
  into: ErrorTally = { absError: 0, actual: 0 },
) {
  if (actual.length !== forecast.length)
    throw new RangeError(`actual has ${actual.length} days, forecast ${forecast.length}: expected the same`);
  for (let i = 0; i < actual.length; i++) {
    into.absError += Math.abs(actual[i]! - forecast[i]!);
    into.actual += actual[i]!;
  }
  return into;
}

/** WAPE in percent; null when nothing was sold in the held-back days (no scale to measure against). */
export function wapePercent(tally: ErrorTally): number | null {
  return tally.actual > 0 ? (100 * tally.absError) / tally.actual : null;
}

/** WAPE of one series. */
export function wape(actual: number[], forecast: number[]): number | null {
  return wapePercent(tallyError(actual, forecast));
}
