/**
 * Why an order change is being synced: a poll or a push of the shop's live feed, an operator's
 * request, or bulk catch-up over a past window (a first-run or manual backfill, a reconcile).
 */
export type SyncReason = 'poll' | 'webhook' | 'reconcile' | 'manual' | 'backfill';

/**
 * `fresh`: a buyer is waiting on it now. `catch-up`: history being (re)read in bulk, which may be
 * tens of thousands of orders at once.
 */
export type SyncUrgency = 'fresh' | 'catch-up';

/**
 * The fairness rule of a fleet serving many shops (issue 17): one shop's catch-up must never make
 * another shop's fresh orders wait behind it. Catch-up work therefore yields to every fresh change,
 * of any shop; among themselves, fresh changes and catch-up work keep their arrival order. A manual
 * sync is an operator waiting for one order, so it counts as fresh.
 */
export function syncUrgency(reason: SyncReason): SyncUrgency {
  return reason === 'backfill' || reason === 'reconcile' ? 'catch-up' : 'fresh';
}
