import { BadInputError, importStatement, toDecimal, type PayoutReport } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { clearingJournalOf } from '../settlement/clearing-journal.js';
import { withStatementLock } from '../settlement/statement-lock.js';

const decimal = (m: PayoutReport['amount']) => `${toDecimal(m)} ${m.currency}`;

/**
 * A payout statement into Odoo (issue 11): accepted payouts are booked and reconciled, then, if any
 * payout was refused, the job fails with every refused row (line and reason) so the operator sees
 * it in /ops; a replay books nothing twice.
 */
export function settlementImport(deps: WorkerDeps): ProcessorFn<'settlement.import'> {
  return async ({ shopId, fileName, content, bankJournal, columns }, { log }) => {
    shopOf(deps, shopId);
    const report = await withStatementLock(deps, shopId, () =>
      importStatement(deps.erp, {
        text: content,
        ...(columns ? { columns } : {}),
        bankJournal: { name: bankJournal, code: bankJournal.slice(0, 5).toUpperCase() },
        clearingJournal: clearingJournalOf(shopId),
      }),
    );
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
