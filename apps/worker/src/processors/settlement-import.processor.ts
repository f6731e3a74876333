import { BadInputError, importStatement, toDecimal, type PayoutReport } from '@temu-odoo/core';
import {
  readPayoutReports,
  savePayoutReports,
  type PayoutReportEntry,
  type ProcessorFn,
} from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { clearingJournalOf } from '../settlement/clearing-journal.js';
import { withStatementLock } from '../settlement/statement-lock.js';

const decimal = (m: PayoutReport['amount']) => `${toDecimal(m)} ${m.currency}`;

/**
 * A payout statement into Odoo (issue 11): accepted payouts are booked and reconciled, their
 * reports kept per shop (a payout not fully matched is matched again by `settlement.reconcile`),
 * then, if any payout was refused, the job fails with every refused row (line and reason) so the
 * operator sees it in /ops; a replay books nothing twice.
 */
export function settlementImport(deps: WorkerDeps): ProcessorFn<'settlement.import'> {
  return async ({ shopId, fileName, content, bankJournal, columns }, { log }) => {
    shopOf(deps, shopId);
    const report = await withStatementLock(deps, shopId, async () => {
      const imported = await importStatement(deps.erp, {
        text: content,
        ...(columns ? { columns } : {}),
        bankJournal: { name: bankJournal, code: bankJournal.slice(0, 5).toUpperCase() },
        clearingJournal: clearingJournalOf(shopId),
      });
      await keepReports(deps, shopId, fileName, bankJournal, imported.payouts);
      return imported;
    });
    const payouts = report.payouts.map((p) => ({
      payoutId: p.payoutId,
      date: p.date,
      currency: p.currency,
      amount: decimal(p.amount),
      expected: decimal(p.expected),
      difference: decimal(p.difference),
      orders: p.orders,
      ordersMatched: p.ordersMatched,
      reconciled: p.reconciled,
      alreadyBooked: p.alreadyBooked,
    }));
    log.info(
      { fileName, booked: payouts.filter((p) => !p.alreadyBooked).length, refused: report.rejected.length },
      'statement imported',
    );
    if (report.rejected.length) {
      const reasons = report.rejected
        .flatMap((r) => r.problems.map((p) => `payout ${r.payoutId} line ${p.line}: ${p.reason}`))
        .slice(0, 50);
      throw new BadInputError(
        `statement ${fileName}: ${report.rejected.length} payout(s) refused, nothing of them booked (${payouts.length} other payout(s) booked): ${reasons.join('; ')}`,
        'ERR_STATEMENT_ROWS',
      );
    }
    return { fileName, payouts };
  };
}

/**
 * The per-payout report: a payout booked now is recorded as imported; one found booked already keeps
 * its first record (file, time), only its match figures refreshed.
 */
async function keepReports(
  deps: WorkerDeps,
  shopId: string,
  fileName: string,
  bankJournal: string,
  payouts: PayoutReport[],
): Promise<void> {
  const before = new Map(
    (
      await readPayoutReports(
        deps.redis,
        deps.prefix,
        shopId,
        payouts.map((p) => p.payoutId),
      )
    ).map((e) => [e.payoutId, e]),
  );
  const now = Date.now();
  const entries = payouts.map((p): PayoutReportEntry => {
    const old = before.get(p.payoutId);
    // A payout reconciled by an earlier import reports "expected = amount" now: keep the first figures.
    if (old && p.alreadyBooked && old.reconciled) return old;
    return {
      payoutId: p.payoutId,
      date: p.date,
      currency: p.currency,
      amountMinor: p.amount.amountMinor,
      expectedMinor: p.expected.amountMinor,
      differenceMinor: p.difference.amountMinor,
      orders: p.orders,
      ordersMatched:
        p.alreadyBooked && old ? Math.min(p.orders, old.ordersMatched + p.ordersMatched) : p.ordersMatched,
      reconciled: p.reconciled,
      statementLineId: p.statementLineId,
      fileName: old?.fileName ?? fileName,
      bankJournal: old?.bankJournal ?? bankJournal,
      bookedAtMs: old?.bookedAtMs ?? now,
      checkedAtMs: now,
      rechecks: old?.rechecks ?? 0,
      booking: p.reconciled ? null : p.booking,
    };
  });
  await savePayoutReports(deps.redis, deps.prefix, shopId, entries);
}
