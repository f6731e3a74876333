/** Minor units → Temu's decimal amount string ("12.99") used by goods and price APIs (docs/temu-api.md §10). */
export function minorToAmount(minor: number, currency: string): string {
  const digits = currency === 'JPY' || currency === 'KRW' ? 0 : 2;
  return digits === 0 ? String(minor) : (minor / 100).toFixed(2);
}

/** Parses "12.99" back to minor units, or null when it is not a positive decimal with ≤ 2 places. */
export function amountToMinor(amount: string, currency: string): number | null {
  const digits = currency === 'JPY' || currency === 'KRW' ? 0 : 2;
  const re = digits === 0 ? /^\d+$/ : /^\d+(\.\d{1,2})?$/;
  if (!re.test(amount)) return null;
  const minor = Math.round(Number(amount) * 10 ** digits);
  return minor > 0 ? minor : null;
}
