import type { ErpOrderSummary } from '../ports.js';
import { MARKETPLACE_CASE_RANK } from './return-case.js';
import type { MarketplaceCaseStatus, ReturnCase, ReturnCaseLine } from './return-case.js';

/**
 * R15 as data, modelled on `planOrderActions`: what to do so that the ERP and the marketplace both
 * reflect one after-sales case. The plan is recomputed from facts every time (the marketplace's
 * status and the ERP documents that carry the case number), so a half-done plan is finished on the
 * next run and a done step is never repeated.
 */

/** How far a case got, on our side. Ranked by `CASE_STAGE_RANK`; a case never moves back. */
export type CaseStage =
  /** Seen, nothing done yet. */
  | 'opened'
  /** Pre-shipment cancellation agreed on the marketplace; the order sync cancels the ERP order. */
  | 'cancel_agreed'
  /** A return transfer waits in the ERP for the goods. */
  | 'awaiting_goods'
  /** The warehouse received the goods (return validated), inspection and refund follow. */
  | 'received'
  /** The marketplace refund is issued and not yet reported done. */
  | 'refund_issued'
  /** The credit note and its refund payment are posted. */
  | 'credited'
  /** Nothing left to do on either side. */
  | 'closed';

export const CASE_STAGE_RANK: Record<CaseStage, number> = {
  opened: 0,
  cancel_agreed: 1,
  awaiting_goods: 1,
  received: 2,
  refund_issued: 3,
  credited: 4,
  closed: 5,
};

export interface SkuQuantity {
  sku: string;
  quantity: number;
}

/** What the ERP holds for one case, found by its case number (kept on the ERP documents). */
export interface ErpCaseFacts {
  /** The ERP order of the case's marketplace order; null when it was never imported. */
  order: ErpOrderSummary | null;
  /** The case's return transfer: waiting for goods or received (done). */
  returnTransfer: { returnId: number; received: boolean; lines: SkuQuantity[] } | null;
  /** Quantities of the case already moved to scrap. */
  scrapped: SkuQuantity[];
  /** The case's credit note; `paid` once its refund payment is registered. */
  creditNote: { creditNoteId: number; paid: boolean } | null;
}

export interface ReturnPolicy {
  /** Agree buyers' pre-shipment cancellations on the marketplace without a person. */
  agreeCancellations: boolean;
  /** Issue the refund of a refund-only request without a person (else it waits for one). */
  refundWithoutReturn: boolean;
  /** Issue the refund once the warehouse received the goods (else a person decides). */
  refundOnReceipt: boolean;
  /**
   * Inspection rule: which received quantities go to scrap instead of back to stock. The default
   * restocks everything; the worker's rule reads the buyer's reason (damaged) from the case.
   */
  scrapQuantity?: (line: ReturnCaseLine) => number;
  /** After how long a return the marketplace reports received but the ERP has not is a person's job. */
  inspectionOverdueMs: number;
  /** Buy and upload the seller's return label without a person (a label provider is configured). */
  buyReturnLabels?: boolean;
}

/**
 * The seller's return label of a case, as far as it got: bought (and recorded) by the worker,
 * uploaded to the marketplace, attached to the ERP return. Absent: no label was bought.
 */
export interface CaseLabelProgress {
  uploaded: boolean;
  attached: boolean;
}

export const DEFAULT_RETURN_POLICY: ReturnPolicy = {
  agreeCancellations: false,
  refundWithoutReturn: false,
  refundOnReceipt: true,
  inspectionOverdueMs: 3 * 86_400_000,
};

/** Why a case cannot be booked as it is (parked until someone fixes the data). */
export type CaseParkCode =
  'order_not_imported' | 'unknown_sku' | 'quantity_above_delivered' | 'invoice_not_paid' | 'no_lines';

/** What a person has to do (listed on /ops with the action). */
export type CaseAttentionCode =
  | 'label_upload'
  | 'cancellation_to_decide'
  | 'refund_to_decide'
  | 'inspection_overdue'
  | 'marketplace_review'
  | 'return_to_cancel';

export type CaseAction =
  | { kind: 'agree_cancellation' }
  /** Re-sync the order: the order planner cancels (or reduces) the ERP order. */
  | { kind: 'resync_order' }
  /** Return transfer from the done delivery for these quantities, waiting for the goods. */
  | { kind: 'create_return'; lines: SkuQuantity[] }
  /** Move received quantities from stock to scrap (inspection found them damaged). */
  | { kind: 'scrap'; returnId: number; lines: SkuQuantity[] }
  | { kind: 'issue_refund' }
  /** Buy the seller's return label and upload it to the marketplace (a marketplace step). */
  | { kind: 'buy_label' }
  /** Attach the bought label's file to the ERP return transfer. */
  | { kind: 'attach_label'; returnId: number }
  /** Credit note reversing the posted invoice for these quantities, and its refund payment. */
  | { kind: 'credit_note'; lines: SkuQuantity[] }
  | { kind: 'park'; code: CaseParkCode; reason: string }
  | { kind: 'needs_person'; code: CaseAttentionCode; action: string }
  | { kind: 'wait'; reason: string }
  | { kind: 'ignore'; code: 'stale_event'; reason: string };

export type CaseActionKind = CaseAction['kind'];

export interface CasePlan {
  stage: CaseStage;
  actions: CaseAction[];
}

/** What the last run saw, kept in job data, so that late events are recognised. */
export interface CaseProgress {
  stage: CaseStage;
  status: MarketplaceCaseStatus;
}

const TERMINAL = new Set<MarketplaceCaseStatus>(['refunded', 'refused', 'withdrawn']);

/** The case's lines summed per SKU (null SKUs are reported by `checkLines`). */
function quantitiesBySku(lines: ReturnCaseLine[]): SkuQuantity[] {
  const bySku = new Map<string, number>();
  for (const l of lines) if (l.sku !== null) bySku.set(l.sku, (bySku.get(l.sku) ?? 0) + l.quantity);
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity })).sort((a, b) => a.sku.localeCompare(b.sku));
}

/**
 * Bad input, checked before the first write of a case so that nothing is half-booked: the order is
 * in the ERP, every SKU is one of its lines, no SKU asks for more than the ERP delivered.
 */
function checkLines(c: ReturnCase, order: ErpOrderSummary | null): CaseAction | null {
  if (order === null)
    return park(
      'order_not_imported',
      `case ${c.caseRef}: order ${c.orderRef} was never imported into the ERP; import it (orders.sync) first`,
    );
  if (c.lines.length === 0) return park('no_lines', `case ${c.caseRef} has no lines`);
  const delivered = new Map<string, number>();
  for (const l of order.lines) delivered.set(l.sku, (delivered.get(l.sku) ?? 0) + l.deliveredQuantity);
  for (const line of c.lines) {
    if (line.sku === null || !delivered.has(line.sku))
      return park(
        'unknown_sku',
        `case ${c.caseRef}: line ${line.lineRef} has SKU ${line.sku ?? '(none)'}, which is not on ERP order ${order.name}`,
      );
  }
  for (const { sku, quantity } of quantitiesBySku(c.lines)) {
    const max = delivered.get(sku) ?? 0;
    if (quantity > max)
      return park(
        'quantity_above_delivered',
        `case ${c.caseRef}: ${quantity} × ${sku} asked back but ERP order ${order.name} delivered ${max}`,
      );
  }
  return null;
}

function park(code: CaseParkCode, reason: string): CaseAction {
  return { kind: 'park', code, reason };
}

function invoicePaid(c: ReturnCase, order: ErpOrderSummary): CaseAction | null {
  if (order.invoiceStatus === 'paid') return null;
  return park(
    'invoice_not_paid',
    `case ${c.caseRef}: ERP order ${order.name} has invoice status '${order.invoiceStatus}'; a refund needs a posted, paid invoice`,
  );
}

/** Our stage from the facts alone (monotone: ERP documents are only ever added). */
export function caseStage(c: ReturnCase, erp: ErpCaseFacts): CaseStage {
  const marketplaceDone = TERMINAL.has(c.status);
  if (erp.creditNote?.paid) return marketplaceDone ? 'closed' : 'credited';
  if (c.kind === 'cancel_before_shipment' && erp.returnTransfer === null) {
    if (c.status === 'refunded')
      return erp.order === null || erp.order.state === 'cancelled' ? 'closed' : 'cancel_agreed';
    return marketplaceDone ? 'closed' : 'opened';
  }
  if (c.status === 'refund_pending' || c.status === 'refunded') {
    return erp.returnTransfer === null || erp.returnTransfer.received ? 'refund_issued' : 'awaiting_goods';
  }
  if (marketplaceDone && erp.returnTransfer === null) return 'closed';
  if (erp.returnTransfer?.received) return 'received';
  if (erp.returnTransfer !== null) return 'awaiting_goods';
  return 'opened';
}

/** Delivered lines of a cancellation: goods already left, so the cancellation is handled as a return. */
function shippedBeforeCancel(c: ReturnCase, erp: ErpCaseFacts): boolean {
  return (
    c.kind === 'cancel_before_shipment' &&
    (erp.returnTransfer !== null || (erp.order?.lines.some((l) => l.deliveredQuantity > 0) ?? false))
  );
}

function planCancellation(c: ReturnCase, erp: ErpCaseFacts, policy: ReturnPolicy): CaseAction[] {
  if (c.status === 'refunded') {
    // Agreed: the order sync cancels the ERP order (docs/odoo-api.md §2.4), as for any cancellation.
    return erp.order === null || erp.order.state === 'cancelled' ? [] : [{ kind: 'resync_order' }];
  }
  if (TERMINAL.has(c.status)) return [];
  if (policy.agreeCancellations) return [{ kind: 'agree_cancellation' }];
  return [
    {
      kind: 'needs_person',
      code: 'cancellation_to_decide',
      action: `agree or refuse the buyer's cancellation ${c.caseRef} of order ${c.orderRef} on the marketplace`,
    },
  ];
}

/** Received quantities the inspection rule sends to scrap and that are not scrapped yet. */
function scrapDue(c: ReturnCase, erp: ErpCaseFacts, policy: ReturnPolicy): SkuQuantity[] {
  if (!policy.scrapQuantity || !erp.returnTransfer?.received) return [];
  const wanted = new Map<string, number>();
  for (const line of c.lines) {
    const n = Math.min(policy.scrapQuantity(line), line.quantity);
    if (line.sku !== null && n > 0) wanted.set(line.sku, (wanted.get(line.sku) ?? 0) + n);
  }
  const done = new Map(erp.scrapped.map((s) => [s.sku, s.quantity]));
  return [...wanted]
    .map(([sku, quantity]) => ({ sku, quantity: quantity - (done.get(sku) ?? 0) }))
    .filter((s) => s.quantity > 0)
    .sort((a, b) => a.sku.localeCompare(b.sku));
}

function creditNoteOrPark(c: ReturnCase, erp: ErpCaseFacts, lines: SkuQuantity[]): CaseAction[] {
  if (erp.creditNote?.paid) return [];
  const unpaid = invoicePaid(c, erp.order!);
  return unpaid ? [unpaid] : [{ kind: 'credit_note', lines }];
}

/** What to do while the case waits for the seller's label: buy it, wait for the buyer, or ask a person. */
function planLabel(c: ReturnCase, policy: ReturnPolicy, label: CaseLabelProgress | null): CaseAction {
  if (label?.uploaded)
    return { kind: 'wait', reason: `case ${c.caseRef}: label uploaded, waiting for the buyer to ship` };
  if (policy.buyReturnLabels) return { kind: 'buy_label' };
  return {
    kind: 'needs_person',
    code: 'label_upload',
    action: `upload a return label for case ${c.caseRef} on the marketplace${c.actionDeadlineMs ? ` before ${new Date(c.actionDeadlineMs).toISOString()}` : ''}`,
  };
}

function planReturn(
  c: ReturnCase,
  erp: ErpCaseFacts,
  policy: ReturnPolicy,
  nowMs: number,
  label: CaseLabelProgress | null,
): CaseAction[] {
  const ret = erp.returnTransfer;
  // Goods that came back are booked back even when the buyer later withdrew or the refund was
  // refused: the transfer is the warehouse's record, and a person settles the money.
  if (ret === null) {
    if (TERMINAL.has(c.status) && c.status !== 'refunded') return [];
    if (c.kind === 'cancel_before_shipment' && !erp.order?.lines.some((l) => l.deliveredQuantity > 0))
      return [];
    return [{ kind: 'create_return', lines: quantitiesBySku(c.lines) }];
  }
  if (!ret.received) {
    if (c.status === 'withdrawn' || c.status === 'refused')
      return [
        {
          kind: 'needs_person',
          code: 'return_to_cancel',
          action: `case ${c.caseRef} ended '${c.status}' before the goods came back: cancel return transfer ${ret.returnId} in the ERP`,
        },
      ];
    if (c.status === 'label_needed') return [planLabel(c, policy, label)];
    if (c.status === 'return_received' && nowMs - c.updatedAtMs > policy.inspectionOverdueMs)
      return [
        {
          kind: 'needs_person',
          code: 'inspection_overdue',
          action: `the marketplace reports case ${c.caseRef} received: validate return transfer ${ret.returnId} in the ERP (receive and inspect)`,
        },
      ];
    return [{ kind: 'wait', reason: `waiting for the goods of case ${c.caseRef} (return ${ret.returnId})` }];
  }
  const actions: CaseAction[] = [];
  const scrap = scrapDue(c, erp, policy);
  if (scrap.length > 0) actions.push({ kind: 'scrap', returnId: ret.returnId, lines: scrap });
  if (c.kind === 'cancel_before_shipment' || c.status === 'refunded') {
    // A cancellation after shipment was refunded by the marketplace already.
    return [...actions, ...creditNoteOrPark(c, erp, ret.lines)];
  }
  if (c.status === 'return_received' || c.status === 'return_shipped' || c.status === 'requested') {
    if (c.status !== 'return_received')
      return [
        ...actions,
        { kind: 'wait', reason: `case ${c.caseRef}: the marketplace has not confirmed receipt yet` },
      ];
    if (policy.refundOnReceipt) return [...actions, { kind: 'issue_refund' }];
    return [
      ...actions,
      {
        kind: 'needs_person',
        code: 'refund_to_decide',
        action: `goods of case ${c.caseRef} received: issue or dispute the refund on the marketplace`,
      },
    ];
  }
  if (c.status === 'under_review') return [...actions, reviewAttention(c)];
  return [...actions, { kind: 'wait', reason: `case ${c.caseRef}: refund in progress on the marketplace` }];
}

function reviewAttention(c: ReturnCase): CaseAction {
  return {
    kind: 'needs_person',
    code: 'marketplace_review',
    action: `case ${c.caseRef} is under the marketplace's review: answer it in the seller centre`,
  };
}

function planRefundOnly(c: ReturnCase, erp: ErpCaseFacts, policy: ReturnPolicy): CaseAction[] {
  switch (c.status) {
    case 'refunded':
      return creditNoteOrPark(c, erp, quantitiesBySku(c.lines));
    case 'refused':
    case 'withdrawn':
      return [];
    case 'under_review':
      return [reviewAttention(c)];
    case 'refund_pending':
      return [{ kind: 'wait', reason: `case ${c.caseRef}: refund in progress on the marketplace` }];
    default: {
      // The marketplace refund is money out: only for an order the ERP can credit afterwards.
      const unpaid = invoicePaid(c, erp.order!);
      if (unpaid) return [unpaid];
      if (policy.refundWithoutReturn) return [{ kind: 'issue_refund' }];
      return [
        {
          kind: 'needs_person',
          code: 'refund_to_decide',
          action: `refund-only request ${c.caseRef}: issue or dispute the refund on the marketplace`,
        },
      ];
    }
  }
}

/**
 * The ordered actions that bring the ERP and the marketplace in line with case `c`. `previous` is
 * what the last run of this case saw: an event older than that is ignored (never backwards).
 */
export function planReturnCase(
  c: ReturnCase,
  erp: ErpCaseFacts,
  options: {
    policy?: ReturnPolicy;
    previous?: CaseProgress | null;
    nowMs: number;
    /** The seller's label of the case, when the worker bought one. */
    label?: CaseLabelProgress | null;
  },
): CasePlan {
  const policy = options.policy ?? DEFAULT_RETURN_POLICY;
  const stage = caseStage(c, erp);
  const previous = options.previous;
  if (
    previous &&
    (MARKETPLACE_CASE_RANK[c.status] < MARKETPLACE_CASE_RANK[previous.status] ||
      CASE_STAGE_RANK[stage] < CASE_STAGE_RANK[previous.stage])
  ) {
    return {
      stage: previous.stage,
      actions: [
        {
          kind: 'ignore',
          code: 'stale_event',
          reason: `late '${c.status}' event for case ${c.caseRef}: it was already '${previous.status}' (stage ${previous.stage}); a case never moves backwards`,
        },
      ],
    };
  }
  if (stage === 'closed') return { stage, actions: [] };

  const nothingBooked = erp.returnTransfer === null && erp.creditNote === null;
  const isCancellation = c.kind === 'cancel_before_shipment' && !shippedBeforeCancel(c, erp);
  if (nothingBooked && !isCancellation && !(TERMINAL.has(c.status) && c.status !== 'refunded')) {
    const bad = checkLines(c, erp.order);
    if (bad) return { stage, actions: [bad] };
  }

  if (isCancellation) return { stage, actions: planCancellation(c, erp, policy) };
  if (c.kind === 'refund_only') return { stage, actions: planRefundOnly(c, erp, policy) };
  const actions = planReturn(c, erp, policy, options.nowMs, options.label ?? null);
  // A bought label goes onto the ERP return first, whatever else the case waits for.
  const ret = erp.returnTransfer;
  if (ret && options.label?.uploaded && !options.label.attached && actions[0]?.kind !== 'park')
    actions.unshift({ kind: 'attach_label', returnId: ret.returnId });
  return { stage, actions };
}
