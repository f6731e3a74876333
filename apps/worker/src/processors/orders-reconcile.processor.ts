import {
  compareOrderVersions,
  DAY_MS,
  planOrderActions,
  splitWindow,
  type ErpOrderSummary,
  type OrderChange,
} from '@temu-odoo/core';
import { TEMU_ORDER_TIME_RESOLUTION_MS } from '@temu-odoo/temu-connector';
import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type ShopContext, type WorkerDeps } from '../worker-deps.js';
import { enqueueChanges } from './orders-poll.processor.js';

const ODOO_LOOKUP_CHUNK = 200;
/**
 * The window is compared a day at a time: a large shop's week holds more orders than one job
 * should keep in memory. An order updated twice in the window is listed in the day of its last
 * update only (Temu filters on the current update time).
 */
const SLICE_MS = DAY_MS;
/** Order numbers listed in the report per category; the counts are complete. */
const REPORT_REFS = 1_000;

interface SliceTally {
  temuOrders: number;
  odooOrders: number;
  inSync: number;
  notExpectedInOdoo: number;
  missing: string[];
  stale: string[];
  unreadable: string[];
  reenqueued: number;
}

function emptyTally(): SliceTally {
  return {
    temuOrders: 0,
    odooOrders: 0,
    inSync: 0,
    notExpectedInOdoo: 0,
    missing: [],
    stale: [],
    unreadable: [],
    reenqueued: 0,
  };
}

/**
 * R8's proof: Temu's order list for a window against Odoo. Orders missing in Odoo, or whose Odoo
 * state lags Temu's, are re-enqueued for sync (under fresh job ids, so earlier completed jobs do not
 * swallow them). The report says what was found; it is also the job's return value in Bull Board.
 */
export function ordersReconcile(deps: WorkerDeps): ProcessorFn<'orders.reconcile'> {
  return async ({ shopId, fromMs, toMs }, { log }) => {
    const shop = shopOf(deps, shopId);
    const nowMs = deps.clock.nowMs();
    const window = { fromMs: fromMs ?? nowMs - 7 * DAY_MS, toMs: toMs ?? nowMs };
    const total = { missing: 0, stale: 0, unreadable: 0 };
    const tally = emptyTally();
    for (const slice of splitWindow(window, TEMU_ORDER_TIME_RESOLUTION_MS, SLICE_MS)) {
      const part = await reconcileSlice(deps, shop, slice, `.reconcile.${nowMs}`);
      for (const key of ['temuOrders', 'odooOrders', 'inSync', 'notExpectedInOdoo', 'reenqueued'] as const)
        tally[key] += part[key];
      for (const key of ['missing', 'stale', 'unreadable'] as const) {
        total[key] += part[key].length;
        tally[key].push(...part[key].slice(0, REPORT_REFS - tally[key].length));
      }
    }
    const report = {
      window,
      ...tally,
      missingCount: total.missing,
      staleCount: total.stale,
      unreadableCount: total.unreadable,
    };
    await shop.state.cache('reconcile-report', { ...report, atMs: nowMs }, 30 * DAY_MS);
    log[total.missing || total.stale ? 'warn' : 'info'](
      {
        ...report,
        missing: total.missing,
        stale: total.stale,
        unreadable: total.unreadable,
        missingRefs: tally.missing.slice(0, 20),
      },
      'orders reconciled',
    );
    return report;
  };
}

async function reconcileSlice(
  deps: WorkerDeps,
  shop: ShopContext,
  slice: { fromMs: number; toMs: number },
  jobIdSuffix: string,
): Promise<SliceTally> {
  const changes = new Map<string, OrderChange>();
  for await (const change of shop.market.listOrderChanges(slice)) {
    const seen = changes.get(change.orderRef);
    if (!seen || compareOrderVersions(change, seen) >= 0) changes.set(change.orderRef, change);
  }
  const refs = [...changes.keys()];
  const erpByRef = new Map<string, ErpOrderSummary>();
  for (let i = 0; i < refs.length; i += ODOO_LOOKUP_CHUNK) {
    for (const summary of await deps.erp.findOrdersByRefs(refs.slice(i, i + ODOO_LOOKUP_CHUNK))) {
      const known = erpByRef.get(summary.orderRef);
      if (!known || summary.state !== 'cancelled') erpByRef.set(summary.orderRef, summary);
    }
  }
  const out = { ...emptyTally(), temuOrders: changes.size, odooOrders: erpByRef.size };
  for (const change of changes.values()) {
    if (!change.order) {
      out.unreadable.push(change.orderRef);
      continue;
    }
    const erp = erpByRef.get(change.orderRef) ?? null;
    const plan = planOrderActions(change.order, erp, { mapping: deps.settings.skuMapping });
    const work = plan.filter((a) => a.kind !== 'ignore');
    if (!work.length) {
      if (erp) out.inSync += 1;
      else out.notExpectedInOdoo += 1; // pending without address, or cancelled before we saw it
      continue;
    }
    (erp ? out.stale : out.missing).push(change.orderRef);
  }
  const toSync = [...out.missing, ...out.stale].map((ref) => changes.get(ref)!);
  out.reenqueued = await enqueueChanges(deps.registry, shop.state, toSync, 'reconcile', jobIdSuffix);
  return out;
}
