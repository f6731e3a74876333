import { ORDER_STATUS_RANK, type OrderStatus } from '../order.js';

/**
 * One version of a marketplace order. Temu's update time has second resolution, so two status
 * changes in one second share it: within a second the status rank orders them (an order only moves
 * forward, so the further status is the later one).
 */
export interface OrderVersion {
  updatedAtMs: number;
  status: OrderStatus | string;
}

function rankOf(status: string): number {
  return (ORDER_STATUS_RANK as Record<string, number | undefined>)[status] ?? -1;
}

/** Negative when `a` is older than `b`, 0 for the same version, positive when `a` is newer. */
export function compareOrderVersions(a: OrderVersion, b: OrderVersion): number {
  if (a.updatedAtMs !== b.updatedAtMs) return a.updatedAtMs - b.updatedAtMs;
  return rankOf(a.status) - rankOf(b.status);
}

/** True when `change` is a later version than what was last written (or nothing was). */
export function isNewerVersion(change: OrderVersion, synced: OrderVersion | undefined): boolean {
  return synced === undefined || compareOrderVersions(change, synced) > 0;
}
