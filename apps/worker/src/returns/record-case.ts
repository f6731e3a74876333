import type { CaseAction, CasePlan, ReturnCase } from '@temu-odoo/core';
import type { OpenReturnCases } from '@temu-odoo/queues';

/** Keeps the open-case list (/ops, the gauge) in step with a plan; a closed case leaves it. */
export async function recordCase(
  open: OpenReturnCases,
  c: ReturnCase,
  plan: CasePlan,
  nowMs: number,
): Promise<void> {
  if (plan.stage === 'closed') {
    await open.close(c.shopId, c.caseRef);
    return;
  }
  const first: CaseAction | undefined = plan.actions[0];
  if (first?.kind === 'ignore') return; // a late event says nothing new about the case
  await open.put(c.shopId, {
    caseRef: c.caseRef,
    orderRef: c.orderRef,
    kind: c.kind,
    stage: plan.stage,
    status: c.status,
    attention: first?.kind === 'needs_person' ? { code: first.code, action: first.action } : null,
    parked: first?.kind === 'park' ? `${first.code}: ${first.reason}` : null,
    seenAtMs: nowMs,
  });
}

/** A step that failed for a person to fix (e.g. the label provider refused): /ops shows the case parked with why. */
export async function recordCaseParked(
  open: OpenReturnCases,
  c: ReturnCase,
  stage: string,
  reason: string,
  nowMs: number,
): Promise<void> {
  await open.put(c.shopId, {
    caseRef: c.caseRef,
    orderRef: c.orderRef,
    kind: c.kind,
    stage,
    status: c.status,
    attention: null,
    parked: reason,
    seenAtMs: nowMs,
  });
}
