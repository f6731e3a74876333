import { BadInputError, fromDecimal, money } from '@temu-odoo/core';
import type { Money } from '@temu-odoo/core';
import type { TemuMoney } from '../calls/shared.schemas.js';

/** Order amounts are already integers of minor units (docs/temu-api.md §8.6). */
export function minorMoney(value: TemuMoney | null | undefined): Money | null {
  if (value === null || value === undefined) return null;
  const amount = typeof value.amount === 'number' ? value.amount : Number(value.amount);
  // Beyond 2^53 (or not an integer) it can never become exact money: bad input, parked at once —
  // a RangeError would be retried six times for nothing.
  if (!Number.isSafeInteger(amount)) {
    throw new BadInputError(
      `Temu order amount must be an integer of minor units below 2^53, got ${String(value.amount)} ${value.currency}`,
      'ERR_TEMU_AMOUNT',
    );
  }
  return money(amount, value.currency);
}

/** Goods and price amounts are decimal strings ("19.99", docs/temu-api.md §10). */
export function decimalMoney(value: TemuMoney | null | undefined): Money | null {
  if (value === null || value === undefined) return null;
  try {
    return fromDecimal(value.amount, value.currency);
  } catch (err) {
    throw new BadInputError(
      `Temu price ${String(value.amount)} ${value.currency} is not an exact decimal amount: ${(err as Error).message}`,
      'ERR_TEMU_AMOUNT',
    );
  }
}

/** Tax rates are integers = rate × 10,000,000 (docs/temu-api.md §8.6). */
export const TAX_RATE_SCALE = 10_000_000;

export function taxRateFraction(scaled: number | null | undefined): number | null {
  if (scaled === null || scaled === undefined) return null;
  return scaled / TAX_RATE_SCALE;
}
