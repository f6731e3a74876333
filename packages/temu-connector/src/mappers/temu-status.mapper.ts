import { BadInputError } from '@temu-odoo/core';
import type { LineStatus, OrderStatus } from '@temu-odoo/core';

/** Parent order statuses (docs/temu-api.md §8.2): 41/51 exist for local malls only. */
const PARENT: Readonly<Record<number, OrderStatus>> = {
  1: 'pending',
  2: 'unshipped',
  3: 'cancelled',
  4: 'shipped',
  5: 'delivered',
  41: 'partially_shipped',
  51: 'partially_delivered',
};

/**
 * Child orders are one SKU each; a child in 41/51 (not documented for children) is mapped to the
 * part that still needs work: 41 → unshipped, 51 → shipped.
 */
const CHILD: Readonly<Record<number, LineStatus>> = {
  1: 'pending',
  2: 'unshipped',
  3: 'cancelled',
  4: 'shipped',
  5: 'delivered',
  41: 'unshipped',
  51: 'shipped',
};

export function orderStatusOf(code: number): OrderStatus {
  const status = PARENT[code];
  if (status === undefined) {
    throw new BadInputError(
      `unknown Temu parentOrderStatus ${code} (expected 1, 2, 3, 4, 5, 41 or 51)`,
      'ERR_TEMU_UNKNOWN_STATUS',
    );
  }
  return status;
}

export function lineStatusOf(code: number): LineStatus {
  const status = CHILD[code];
  if (status === undefined) {
    throw new BadInputError(
      `unknown Temu orderStatus ${code} (expected 1, 2, 3, 4, 5, 41 or 51)`,
      'ERR_TEMU_UNKNOWN_STATUS',
    );
  }
  return status;
}

/** Domain status back to Temu's filter code (for `parentOrderStatus`). */
export function temuStatusCodeOf(status: OrderStatus): number {
  const entry = Object.entries(PARENT).find(([, s]) => s === status);
  return Number(entry![0]);
}
