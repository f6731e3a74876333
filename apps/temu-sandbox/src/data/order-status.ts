import type { ChildOrder, ParentStatus } from './model.js';

/**
 * The parent status follows from its lines (docs/temu-api.md §8.2): every line canceled → 3; any line
 * pending → 1; some lines shipped/delivered while others wait → 41 (partially shipped); a mix of
 * delivered and shipped → 51 (partially delivered); otherwise the common status.
 */
export function deriveParentStatus(children: readonly ChildOrder[]): ParentStatus {
  const live = children.filter((c) => c.status !== 3);
  if (live.length === 0) return 3;
  if (live.some((c) => c.status === 1)) return 1;
  const statuses = new Set(live.map((c) => c.status));
  if (statuses.size === 1) return live[0]!.status;
  if (statuses.has(2)) return 41;
  return 51;
}

/** Quantity still to ship on a line (`quantity` in the API = original − canceled, docs/temu-api.md §15.14). */
export function remainingToShip(child: ChildOrder): number {
  return child.originalQuantity - child.canceledQuantity - child.shippedQuantity;
}

export function currentQuantity(child: ChildOrder): number {
  return child.originalQuantity - child.canceledQuantity;
}
