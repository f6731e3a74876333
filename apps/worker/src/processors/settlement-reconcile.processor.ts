import { reconcilePayouts } from '@temu-odoo/core';
import {
  readPayoutReports,
  savePayoutReports,
  type PayoutReportEntry,
  type ProcessorFn,
} from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { clearingJournalOf } from '../settlement/clearing-journal.js';
import { withStatementLock } from '../settlement/statement-lock.js';

/**
 * `settlement.reconcile` (issue 11, scheduled per shop): payouts whose bank line could not be fully
 * matched when their statement was imported (an order not yet delivered or settled) are matched
 * again, and their reports updated, until reconciled. No Temu call; nothing new is booked.
 */
export function settlementReconcile(deps: WorkerDeps): ProcessorFn<'settlement.reconcile'> {
  return async ({ shopId }, { log }) => {
    shopOf(deps, shopId);
    return withStatementLock(deps, shopId, async () => {
      const open = (await readPayoutReports(deps.redis, deps.prefix, shopId)).filter(
        (e): e is PayoutReportEntry & { booking: NonNullable<PayoutReportEntry['booking']> } =>
          !e.reconciled && e.booking !== null,
      );
      if (open.length === 0) return { checked: 0, reconciled: 0, open: 0 };
      const updated: PayoutReportEntry[] = [];
      const journals = [...new Set(open.map((e) => e.bankJournal))];
      for (const bankJournal of journals) {
        const mine = open.filter((e) => e.bankJournal === bankJournal);
        const checked = await reconcilePayouts(deps.erp, {
          bankJournal: { name: bankJournal, code: bankJournal.slice(0, 5).toUpperCase() },
          clearingJournal: clearingJournalOf(shopId),
          payouts: mine.map((e) => ({
            payoutId: e.payoutId,
            booking: e.booking,
            ordersMatched: e.ordersMatched,
          })),
        });
        const now = Date.now();
        for (const [i, c] of checked.entries()) {
          const e = mine[i]!;
          updated.push({
            ...e,
            expectedMinor: c.expected.amountMinor,
            differenceMinor: c.difference.amountMinor,
            ordersMatched: c.ordersMatched,
            reconciled: c.reconciled,
            checkedAtMs: now,
            rechecks: e.rechecks + 1,
            booking: c.reconciled ? null : e.booking,
          });
        }
      }
      await savePayoutReports(deps.redis, deps.prefix, shopId, updated);
      const reconciled = updated.filter((e) => e.reconciled).map((e) => e.payoutId);
      log.info({ checked: updated.length, reconciled }, 'payouts matched again');
      return {
        checked: updated.length,
        reconciled: reconciled.length,
        open: updated.length - reconciled.length,
        payouts: updated.map((e) => ({
          payoutId: e.payoutId,
          reconciled: e.reconciled,
          differenceMinor: e.differenceMinor,
        })),
      };
    });
  };
}
