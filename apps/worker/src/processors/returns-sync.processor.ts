import {
  BadInputError,
  IntegrationError,
  isErpCaseAction,
  planReturnCase,
  readCaseFacts,
  withErpSkus,
} from '@temu-odoo/core';
import type { CaseProgress, CasePlan, ReturnCase } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { publishCaseGauges } from '../returns/case-gauges.js';
import { recordCase, recordCaseParked } from '../returns/record-case.js';
import { buyAndUploadLabel, labelProgress } from '../returns/return-label-steps.js';
import { returnsBookJobId, returnsOf } from '../returns/returns-deps.js';
import { syncJobId } from './orders-poll.processor.js';

/** Temu steps per run at most (agree, then refund): each is followed by a fresh read of the case. */
const MAX_MARKETPLACE_STEPS = 3;

/**
 * One after-sales case (R15): reads it from Temu and its documents from Odoo, plans with
 * `planReturnCase`, and does the next step. Temu steps (agree a cancellation, issue a refund) run
 * here, on the finance queue and quota; Odoo steps go to `returns.book` on the odoo queue, which
 * comes back here when done. Bad input parks the job with the planner's reason; cases that need a
 * person are listed on /ops.
 */
export function returnsSync(deps: WorkerDeps): ProcessorFn<'returns.sync'> {
  return async (payload, { job, log }) => {
    const { shopId, caseRef, orderRef } = payload;
    const { market, returnsErp, open, policy, labelPurchases } = returnsOf(deps, shopId);
    const stored = await open.get(shopId, caseRef);
    const previous: CaseProgress | null = stored
      ? { stage: stored.stage as CaseProgress['stage'], status: stored.status as CaseProgress['status'] }
      : null;
    let plan: CasePlan | null = null;
    let c: ReturnCase | null = null;
    for (let step = 0; step <= MAX_MARKETPLACE_STEPS; step++) {
      const fresh = await market.getReturnCase(caseRef, orderRef);
      if (!fresh)
        throw new BadInputError(
          `Temu has no after-sales case ${caseRef} for order ${orderRef} (shop ${shopId})`,
          'ERR_RETURN_UNKNOWN_CASE',
        );
      c = withErpSkus(fresh, deps.settings.skuMapping);
      const facts = await readCaseFacts(deps.erp, returnsErp, c);
      const label = await labelProgress(deps.returnLabels, labelPurchases, c, facts);
      plan = planReturnCase(c, facts, { policy, previous, nowMs: deps.clock.nowMs(), label });
      await job.updateData({ ...payload, stage: plan.stage });
      await recordCase(open, c, plan, deps.clock.nowMs());
      const next = plan.actions[0];
      if (next?.kind === 'agree_cancellation') {
        await market.agreeCancellation(c.caseRef, c.orderRef);
        log.info({ caseRef }, 'cancellation agreed on Temu');
        continue;
      }
      if (next?.kind === 'buy_label' && deps.returnLabels) {
        const bought = await buyAndUploadLabel(
          { setup: deps.returnLabels, purchases: labelPurchases, market },
          c,
        ).catch(async (err: unknown) => {
          // Retries are for the fleet; what a person must fix shows on /ops with the reason.
          if (err instanceof IntegrationError && !err.retryable)
            await recordCaseParked(open, c!, plan!.stage, `label: ${err.message}`, deps.clock.nowMs());
          throw err;
        });
        log.info({ caseRef, ...bought }, 'return label bought and uploaded to Temu');
        continue;
      }
      if (next?.kind === 'issue_refund') {
        await market.issueRefund(c.caseRef, c.orderRef);
        log.info({ caseRef }, 'refund issued on Temu');
        continue;
      }
      break;
    }
    await publishCaseGauges(deps.redis, deps.prefix, open, shopId);
    const next = plan!.actions[0];
    const kinds = plan!.actions.map((a) => a.kind);
    if (
      next === undefined ||
      next.kind === 'wait' ||
      next.kind === 'ignore' ||
      next.kind === 'needs_person'
    ) {
      log.info({ caseRef, stage: plan!.stage, next: next ?? null }, 'after-sales case synced');
      return { stage: plan!.stage, actions: kinds };
    }
    if (next.kind === 'park')
      throw new BadInputError(next.reason, `ERR_RETURN_${next.code.toUpperCase()}`, {
        caseRef,
        stage: plan!.stage,
      });
    if (next.kind === 'resync_order') {
      await deps.registry.enqueue(
        'orders.sync',
        { shopId, orderRef, updatedAtMs: c!.updatedAtMs, reason: 'webhook' },
        { jobId: `${syncJobId(shopId, orderRef, c!.updatedAtMs)}.return.${caseRef}` },
      );
      return { stage: plan!.stage, actions: kinds };
    }
    if (isErpCaseAction(next) || next.kind === 'attach_label') {
      await deps.registry.enqueue(
        'returns.book',
        { shopId, returnCase: c!, action: next.kind, stage: plan!.stage },
        { jobId: returnsBookJobId(shopId, caseRef, next.kind) },
      );
      return { stage: plan!.stage, actions: kinds, booking: next.kind };
    }
    // Marketplace steps beyond MAX_MARKETPLACE_STEPS: the next poll goes on.
    return { stage: plan!.stage, actions: kinds };
  };
}
