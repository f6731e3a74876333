/** Money as an integer count of the currency's minor units (cents for USD), never a float. */
export interface Money {
  amountMinor: number;
  /** ISO 4217 code, upper case. */
  currency: string;
}

/** Minor-unit exponent per ISO 4217 currency; everything not listed has 2 decimals. */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, CLP: 0, HUF: 2, ISK: 0, BHD: 3, KWD: 3, JOD: 3 };

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`money amount must be an integer of minor units, got ${amountMinor}`);
  }
  return { amountMinor, currency: currency.toUpperCase() };
}

/** Converts minor units to a decimal number for an ERP field (e.g. 1999 USD → 19.99). */
export function toDecimal(m: Money): number {
  const exp = currencyExponent(m.currency);
  return Number((m.amountMinor / 10 ** exp).toFixed(exp));
}

/** Converts a decimal amount (e.g. "19.99" or 19.99) to minor units, rounding half away from zero. */
export function fromDecimal(amount: number | string, currency: string): Money {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  if (!Number.isFinite(value)) throw new RangeError(`not a decimal amount: ${String(amount)}`);
  const exp = currencyExponent(currency);
  const scaled = value * 10 ** exp;
  return money(Math.sign(scaled) * Math.round(Math.abs(scaled) + Number.EPSILON * 10), currency);
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`cannot add ${a.currency} to ${b.currency}`);
  return money(a.amountMinor + b.amountMinor, a.currency);
}
