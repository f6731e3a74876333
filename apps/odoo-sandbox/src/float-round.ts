/**
 * Odoo's `float_round` (HALF-UP with an epsilon correction, odoo/tools/float_utils.py). Plain
 * `Math.round(x * 100) / 100` would give 2.47 for 16.5 × 15 % instead of Odoo's 2.48.
 */
export function floatRoundRaw(value: number, digits: number): number {
  if (value === 0) return 0;
  const factor = 10 ** -digits;
  let normalized = value / factor;
  const sign = Math.sign(normalized);
  const epsilon = 2 ** (Math.log2(Math.abs(normalized)) - 52);
  normalized += sign * epsilon;
  return sign * Math.round(Math.abs(normalized)) * factor;
}

/** Rounded like a value stored in a NUMERIC column and read back (no binary noise). */
export function round(value: number, digits = 2): number {
  const r = Number(floatRoundRaw(value, digits).toFixed(digits));
  return r === 0 ? 0 : r;
}
