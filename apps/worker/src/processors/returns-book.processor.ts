import { bookCaseAction, isErpCaseAction, planReturnCase, readCaseFacts } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { returnsOf, returnsSyncJobId } from '../returns/returns-deps.js';
import { attachLabel, labelProgress } from '../returns/return-label-steps.js';

/**
 * Books the Odoo step `returns.sync` planned for a case, on the odoo queue. It plans again from
 * Odoo's documents first (a retry after a crash finds the step done and books nothing), runs the
 * Odoo steps at the head of the plan, then hands the case back to `returns.sync`.
 */
export function returnsBook(deps: WorkerDeps): ProcessorFn<'returns.book'> {
  return async (payload, { job, log }) => {
    const { shopId, returnCase: c, action } = payload;
    const { returnsErp, policy, labelPurchases } = returnsOf(deps, shopId);
    const booked: Array<Record<string, unknown>> = [];
    let stage = payload.stage ?? 'opened';
    for (let step = 0; step < 3; step++) {
      const facts = await readCaseFacts(deps.erp, returnsErp, c);
      const label = await labelProgress(deps.returnLabels, labelPurchases, c, facts);
      const plan = planReturnCase(c, facts, { policy, nowMs: deps.clock.nowMs(), label });
      stage = plan.stage;
      const next = plan.actions[0];
      if (next?.kind === 'attach_label' && deps.returnLabels) {
        const attached = await attachLabel(deps.returnLabels, labelPurchases, c, next.returnId);
        booked.push({ kind: next.kind, ...attached });
        log.info({ caseRef: c.caseRef, step: next.kind, ...attached }, 'return label attached in Odoo');
        continue;
      }
      if (!next || !isErpCaseAction(next)) break;
      const result = await bookCaseAction(returnsErp, c, facts, next);
      booked.push({ kind: next.kind, ...result });
      log.info({ caseRef: c.caseRef, step: next.kind, result }, 'after-sales step booked in Odoo');
    }
    await job.updateData({ ...payload, stage });
    await deps.registry.enqueue(
      'returns.sync',
      { shopId, caseRef: c.caseRef, orderRef: c.orderRef, updatedAtMs: c.updatedAtMs },
      { jobId: returnsSyncJobId(shopId, c.caseRef, `after.${action}.${booked.length}`) },
    );
    return { stage, booked };
  };
}
