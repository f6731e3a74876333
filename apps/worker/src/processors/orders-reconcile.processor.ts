import { DAY_MS, planOrderActions, type OrderChange } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { enqueueChanges } from './orders-poll.processor.js';

const ODOO_LOOKUP_CHUNK = 200;

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
    const changes = new Map<string, OrderChange>();
    for await (const change of shop.market.listOrderChanges(window)) {
      const seen = changes.get(change.orderRef);
      if (!seen || seen.updatedAtMs <= change.updatedAtMs) changes.set(change.orderRef, change);
    }
    const refs = [...changes.keys()];
    const erpByRef = new Map<string, Awaited<ReturnType<typeof deps.erp.findOrdersByRefs>>[number]>();
    for (let i = 0; i < refs.length; i += ODOO_LOOKUP_CHUNK) {
      for (const summary of await deps.erp.findOrdersByRefs(refs.slice(i, i + ODOO_LOOKUP_CHUNK))) {
        const known = erpByRef.get(summary.orderRef);
        if (!known || summary.state !== 'cancelled') erpByRef.set(summary.orderRef, summary);
      }
    }
    const missing: string[] = [];
    const stale: string[] = [];
    const unreadable: string[] = [];
    let inSync = 0;
    let notExpected = 0;
    for (const change of changes.values()) {
      if (!change.order) {
        unreadable.push(change.orderRef);
        continue;
      }
      const erp = erpByRef.get(change.orderRef) ?? null;
      const plan = planOrderActions(change.order, erp, { mapping: deps.settings.skuMapping });
      const work = plan.filter((a) => a.kind !== 'ignore');
      if (!work.length) {
        if (erp) inSync += 1;
        else notExpected += 1; // pending without address, or cancelled before we saw it
        continue;
      }
      (erp ? stale : missing).push(change.orderRef);
    }
    const toSync = [...missing, ...stale].map((ref) => changes.get(ref)!);
    const reenqueued = await enqueueChanges(
      deps.registry,
      shop.state,
      toSync,
      'reconcile',
      `.reconcile.${nowMs}`,
    );
    const report = {
      window,
      temuOrders: changes.size,
      odooOrders: erpByRef.size,
      inSync,
      notExpectedInOdoo: notExpected,
      missing,
      stale,
      unreadable,
      reenqueued,
    };
    await shop.state.cache('reconcile-report', { ...report, atMs: nowMs }, 30 * DAY_MS);
    log[missing.length || stale.length ? 'warn' : 'info'](
      {
        ...report,
        missing: missing.length,
        stale: stale.length,
        unreadable: unreadable.length,
        missingRefs: missing.slice(0, 20),
      },
      'orders reconciled',
    );
    return report;
  };
}
