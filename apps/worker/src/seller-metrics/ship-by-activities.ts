import { formatLeft, type OrderAtRisk } from '@temu-odoo/core';
import { shopStateKey } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';

/** The summary that marks our activities in Odoo (and finds them again). */
export const SHIP_BY_SUMMARY = 'Ship before the Temu ship-by time';
const PAGE = 500;

const activitiesKey = (deps: WorkerDeps, shopId: string) =>
  shopStateKey(deps.prefix, shopId, 'sm:activities');

/**
 * An ERP activity on every order at risk that has none yet (deadline = ship-by, assigned to
 * SHIP_BY_ACTIVITY_USER_ID), remembered per shop so each order gets one. Returns how many it made.
 */
export async function scheduleShipByActivities(
  deps: WorkerDeps,
  shopId: string,
  atRisk: OrderAtRisk[],
): Promise<number> {
  const port = deps.health?.activities;
  if (!port || !atRisk.length) return 0;
  const key = activitiesKey(deps, shopId);
  const known = await deps.redis.hmget(key, ...atRisk.map((o) => o.orderRef));
  const missing = atRisk.filter((_, i) => known[i] === null);
  let made = 0;
  for (let i = 0; i < missing.length; i += PAGE) {
    const page = missing.slice(i, i + PAGE);
    const ids = await port.scheduleOrderActivities(
      page.map((o) => ({
        orderRef: o.orderRef,
        deadlineMs: o.shipByMs,
        summary: SHIP_BY_SUMMARY,
        note: `Temu order ${o.orderRef} must be shipped by ${new Date(o.shipByMs).toISOString()} (${formatLeft(o.leftMs)} left when flagged).`,
        userId: deps.health?.activityUserId ?? null,
      })),
    );
    if (ids.size)
      await deps.redis.hset(key, Object.fromEntries([...ids].map(([ref, id]) => [ref, String(id)])));
    made += ids.size;
  }
  return made;
}

/** Closes the activities of orders that shipped (only those we opened: one HMGET, no ERP call otherwise). */
export async function closeShipByActivities(
  deps: WorkerDeps,
  shopId: string,
  orderRefs: string[],
): Promise<number> {
  const port = deps.health?.activities;
  if (!port || !orderRefs.length) return 0;
  const key = activitiesKey(deps, shopId);
  const refs = [...new Set(orderRefs)];
  let closed = 0;
  for (let i = 0; i < refs.length; i += PAGE) {
    const page = refs.slice(i, i + PAGE);
    const known = await deps.redis.hmget(key, ...page);
    const open = page.filter((_, j) => known[j] !== null);
    if (!open.length) continue;
    closed += await port.closeOrderActivities(open, SHIP_BY_SUMMARY, 'Shipped (temu-odoo)');
    await deps.redis.hdel(key, ...open);
  }
  return closed;
}
