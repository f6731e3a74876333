import { describe, expect, it } from '@jest/globals';
import type { ErpOrderSummary } from '../../src/ports.js';
import type { ReturnCase } from '../../src/returns/return-case.js';
import { caseStage, DEFAULT_RETURN_POLICY, planReturnCase } from '../../src/returns/return-state-machine.js';
import type { CaseAction, ErpCaseFacts, ReturnPolicy } from '../../src/returns/return-state-machine.js';

const NOW = Date.UTC(2026, 10, 30, 12);
const DAY = 86_400_000;

/** ERP order delivered and paid: mug ×2 (line 11) and plate ×3 (line 12), all delivered. */
function erpOrder(
  overrides: Partial<ErpOrderSummary> = {},
  delivered: [number, number] = [2, 3],
): ErpOrderSummary {
  return {
    orderId: 500,
    orderRef: 'PO-1',
    name: 'S00500',
    state: 'locked',
    deliveryStatus: 'done',
    invoiceStatus: 'paid',
    lines: [
      { lineId: 11, productId: 7, sku: 'MUG-RED', quantity: 2, deliveredQuantity: delivered[0] },
      { lineId: 12, productId: 8, sku: 'PLATE-BLUE', quantity: 3, deliveredQuantity: delivered[1] },
    ],
    ...overrides,
  };
}

function aCase(overrides: Partial<ReturnCase> = {}): ReturnCase {
  return {
    shopId: 'shop-1',
    caseRef: 'PO-AS-1',
    orderRef: 'PO-1',
    kind: 'return_and_refund',
    status: 'requested',
    lines: [
      {
        lineRef: 'AS-1',
        orderLineRef: 'O-1',
        skuId: '1',
        sellerSku: null,
        reason: null,
        sku: 'MUG-RED',
        quantity: 1,
      },
    ],
    updatedAtMs: NOW - 1000,
    ...overrides,
  };
}

function facts(overrides: Partial<ErpCaseFacts> = {}): ErpCaseFacts {
  return { order: erpOrder(), returnTransfer: null, scrapped: [], creditNote: null, ...overrides };
}

const AUTO: ReturnPolicy = {
  ...DEFAULT_RETURN_POLICY,
  agreeCancellations: true,
  refundWithoutReturn: true,
  refundOnReceipt: true,
};

const plan = (c: ReturnCase, f: ErpCaseFacts, policy = AUTO) => planReturnCase(c, f, { policy, nowMs: NOW });
const kinds = (actions: CaseAction[]) => actions.map((a) => a.kind);
const code = (actions: CaseAction[]) => {
  const a = actions[0];
  return a && (a.kind === 'park' || a.kind === 'needs_person' || a.kind === 'ignore') ? a.code : undefined;
};

describe('planReturnCase — return and refund', () => {
  it('requested: a return transfer for the asked quantities, summed per SKU', () => {
    const c = aCase({
      lines: [
        {
          lineRef: 'AS-1',
          orderLineRef: 'O-1',
          skuId: '1',
          sellerSku: null,
          reason: null,
          sku: 'PLATE-BLUE',
          quantity: 1,
        },
        {
          lineRef: 'AS-2',
          orderLineRef: 'O-2',
          skuId: '1',
          sellerSku: null,
          reason: null,
          sku: 'PLATE-BLUE',
          quantity: 1,
        },
        {
          lineRef: 'AS-3',
          orderLineRef: 'O-3',
          skuId: '1',
          sellerSku: null,
          reason: null,
          sku: 'MUG-RED',
          quantity: 2,
        },
      ],
    });
    // plate 1 + 1 = 2 (≤ 3 delivered), mug 2 (≤ 2 delivered); sorted by SKU
    expect(plan(c, facts())).toEqual({
      stage: 'opened',
      actions: [
        {
          kind: 'create_return',
          lines: [
            { sku: 'MUG-RED', quantity: 2 },
            { sku: 'PLATE-BLUE', quantity: 2 },
          ],
        },
      ],
    });
  });

  it('return created, goods on the way: waits', () => {
    const f = facts({
      returnTransfer: { returnId: 90, received: false, lines: [{ sku: 'MUG-RED', quantity: 1 }] },
    });
    const p = plan(aCase({ status: 'return_shipped' }), f);
    expect(p.stage).toBe('awaiting_goods');
    expect(kinds(p.actions)).toEqual(['wait']);
  });

  it('buyer chose the seller label: a person uploads it', () => {
    const f = facts({ returnTransfer: { returnId: 90, received: false, lines: [] } });
    expect(code(plan(aCase({ status: 'label_needed' }), f).actions)).toBe('label_upload');
  });

  it('marketplace says received 4 days ago, ERP not: inspection overdue (limit 3 days)', () => {
    const f = facts({ returnTransfer: { returnId: 90, received: false, lines: [] } });
    const old = aCase({ status: 'return_received', updatedAtMs: NOW - 4 * DAY });
    expect(code(plan(old, f).actions)).toBe('inspection_overdue');
    const fresh = aCase({ status: 'return_received', updatedAtMs: NOW - 2 * DAY });
    expect(kinds(plan(fresh, f).actions)).toEqual(['wait']);
  });

  it('received in the ERP and on the marketplace: refund issued (policy allows)', () => {
    const f = facts({
      returnTransfer: { returnId: 90, received: true, lines: [{ sku: 'MUG-RED', quantity: 1 }] },
    });
    const p = plan(aCase({ status: 'return_received' }), f);
    expect(p).toEqual({ stage: 'received', actions: [{ kind: 'issue_refund' }] });
    const manual = plan(aCase({ status: 'return_received' }), f, { ...AUTO, refundOnReceipt: false });
    expect(code(manual.actions)).toBe('refund_to_decide');
  });

  it('damaged goods: scrap what the inspection rule says, once', () => {
    const policy: ReturnPolicy = { ...AUTO, scrapQuantity: (l) => (l.sku === 'PLATE-BLUE' ? 2 : 0) };
    const c = aCase({
      status: 'return_received',
      lines: [
        {
          lineRef: 'AS-1',
          orderLineRef: 'O-1',
          skuId: '1',
          sellerSku: null,
          reason: null,
          sku: 'MUG-RED',
          quantity: 1,
        },
        {
          lineRef: 'AS-2',
          orderLineRef: 'O-2',
          skuId: '1',
          sellerSku: null,
          reason: null,
          sku: 'PLATE-BLUE',
          quantity: 3,
        },
      ],
    });
    const received = {
      returnId: 90,
      received: true,
      lines: [
        { sku: 'MUG-RED', quantity: 1 },
        { sku: 'PLATE-BLUE', quantity: 3 },
      ],
    };
    expect(plan(c, facts({ returnTransfer: received }), policy).actions).toEqual([
      { kind: 'scrap', returnId: 90, lines: [{ sku: 'PLATE-BLUE', quantity: 2 }] },
      { kind: 'issue_refund' },
    ]);
    // 1 of the 2 already scrapped by an earlier run: 2 − 1 = 1 left
    const half = facts({ returnTransfer: received, scrapped: [{ sku: 'PLATE-BLUE', quantity: 1 }] });
    expect(plan(c, half, policy).actions[0]).toEqual({
      kind: 'scrap',
      returnId: 90,
      lines: [{ sku: 'PLATE-BLUE', quantity: 1 }],
    });
  });

  it('refunded on the marketplace: credit note for the returned quantities, then closed', () => {
    const ret = { returnId: 90, received: true, lines: [{ sku: 'MUG-RED', quantity: 1 }] };
    const p = plan(aCase({ status: 'refunded' }), facts({ returnTransfer: ret }));
    expect(p).toEqual({
      stage: 'refund_issued',
      actions: [{ kind: 'credit_note', lines: [{ sku: 'MUG-RED', quantity: 1 }] }],
    });
    const done = facts({ returnTransfer: ret, creditNote: { creditNoteId: 7, paid: true } });
    expect(plan(aCase({ status: 'refunded' }), done)).toEqual({ stage: 'closed', actions: [] });
  });

  it('a return already booked is not checked again (the ERP delivered quantity dropped by the return)', () => {
    // After returning 2 mugs the ERP reports 0 delivered; the case must go on, not park.
    const c = aCase({
      status: 'refunded',
      lines: [
        {
          lineRef: 'AS-1',
          orderLineRef: 'O-1',
          skuId: '1',
          sellerSku: null,
          reason: null,
          sku: 'MUG-RED',
          quantity: 2,
        },
      ],
    });
    const f = facts({
      order: erpOrder({}, [0, 3]),
      returnTransfer: { returnId: 90, received: true, lines: [{ sku: 'MUG-RED', quantity: 2 }] },
    });
    expect(kinds(plan(c, f).actions)).toEqual(['credit_note']);
  });
});

describe('planReturnCase — refund only', () => {
  const c = aCase({ kind: 'refund_only' });

  it('requested: refund issued when policy allows, else a person decides', () => {
    expect(plan(c, facts()).actions).toEqual([{ kind: 'issue_refund' }]);
    expect(code(plan(c, facts(), { ...AUTO, refundWithoutReturn: false }).actions)).toBe('refund_to_decide');
  });

  it('refunded: credit note, no return transfer', () => {
    expect(plan({ ...c, status: 'refunded' }, facts()).actions).toEqual([
      { kind: 'credit_note', lines: [{ sku: 'MUG-RED', quantity: 1 }] },
    ]);
  });

  it('credit note posted but its payment not yet: credit note again (the adapter finishes it)', () => {
    const f = facts({ creditNote: { creditNoteId: 7, paid: false } });
    expect(kinds(plan({ ...c, status: 'refunded' }, f).actions)).toEqual(['credit_note']);
  });

  it('refused by the marketplace: closed with nothing booked', () => {
    expect(plan({ ...c, status: 'refused' }, facts())).toEqual({ stage: 'closed', actions: [] });
  });
});

describe('planReturnCase — cancellations', () => {
  const cancel = aCase({ kind: 'cancel_before_shipment' });
  const unshipped = facts({ order: erpOrder({ state: 'confirmed', invoiceStatus: 'none' }, [0, 0]) });

  it('before shipment: agreed when configured, else a person decides', () => {
    expect(plan(cancel, unshipped).actions).toEqual([{ kind: 'agree_cancellation' }]);
    const manual = plan(cancel, unshipped, { ...AUTO, agreeCancellations: false });
    expect(code(manual.actions)).toBe('cancellation_to_decide');
  });

  it('agreed: the order sync cancels the ERP order; closed once it is cancelled', () => {
    const agreed = { ...cancel, status: 'refunded' as const };
    expect(plan(agreed, unshipped)).toEqual({ stage: 'cancel_agreed', actions: [{ kind: 'resync_order' }] });
    const cancelled = facts({ order: erpOrder({ state: 'cancelled', invoiceStatus: 'none' }, [0, 0]) });
    expect(plan(agreed, cancelled)).toEqual({ stage: 'closed', actions: [] });
  });

  it('after shipment: handled as a return, then a credit note without a marketplace refund', () => {
    expect(plan({ ...cancel, status: 'refunded' }, facts()).actions).toEqual([
      { kind: 'create_return', lines: [{ sku: 'MUG-RED', quantity: 1 }] },
    ]);
    const received = facts({
      returnTransfer: { returnId: 91, received: true, lines: [{ sku: 'MUG-RED', quantity: 1 }] },
    });
    expect(plan({ ...cancel, status: 'refunded' }, received).actions).toEqual([
      { kind: 'credit_note', lines: [{ sku: 'MUG-RED', quantity: 1 }] },
    ]);
  });
});

describe('planReturnCase — bad input is parked before anything is booked', () => {
  it('order never imported', () => {
    expect(code(plan(aCase(), facts({ order: null })).actions)).toBe('order_not_imported');
  });

  it('unknown SKU, or none', () => {
    const c = aCase({
      lines: [
        {
          lineRef: 'AS-9',
          orderLineRef: 'O-9',
          skuId: '1',
          sellerSku: null,
          reason: null,
          sku: 'NOPE',
          quantity: 1,
        },
      ],
    });
    const p = plan(c, facts());
    expect(code(p.actions)).toBe('unknown_sku');
    expect(p.actions[0]).toMatchObject({ reason: expect.stringContaining('NOPE') });
    expect(code(plan(aCase({ lines: [{ ...c.lines[0]!, sku: null }] }), facts()).actions)).toBe(
      'unknown_sku',
    );
  });

  it('quantity above delivered: 2 + 2 plates asked, 3 delivered', () => {
    const c = aCase({
      lines: [
        {
          lineRef: 'AS-1',
          orderLineRef: 'O-1',
          skuId: '1',
          sellerSku: null,
          reason: null,
          sku: 'PLATE-BLUE',
          quantity: 2,
        },
        {
          lineRef: 'AS-2',
          orderLineRef: 'O-2',
          skuId: '1',
          sellerSku: null,
          reason: null,
          sku: 'PLATE-BLUE',
          quantity: 2,
        },
      ],
    });
    const p = plan(c, facts());
    expect(code(p.actions)).toBe('quantity_above_delivered');
    expect(p.actions[0]).toMatchObject({ reason: expect.stringContaining('4 × PLATE-BLUE') });
  });

  it('refund for an unpaid invoice: parked, the marketplace refund is not issued', () => {
    const f = facts({ order: erpOrder({ invoiceStatus: 'invoiced' }) });
    expect(code(plan(aCase({ kind: 'refund_only' }), f).actions)).toBe('invoice_not_paid');
    expect(code(plan(aCase({ kind: 'refund_only', status: 'refunded' }), f).actions)).toBe(
      'invoice_not_paid',
    );
  });
});

describe('planReturnCase — never backwards', () => {
  it('a late status event after a later one is ignored', () => {
    const p = planReturnCase(aCase({ status: 'return_shipped' }), facts(), {
      policy: AUTO,
      nowMs: NOW,
      previous: { stage: 'refund_issued', status: 'refunded' },
    });
    expect(p.stage).toBe('refund_issued');
    expect(code(p.actions)).toBe('stale_event');
  });

  it('the same status again plans the same (idempotent by case number)', () => {
    const f = facts({ returnTransfer: { returnId: 90, received: false, lines: [] } });
    const first = plan(aCase({ status: 'return_shipped' }), f);
    const again = planReturnCase(aCase({ status: 'return_shipped' }), f, {
      policy: AUTO,
      nowMs: NOW,
      previous: { stage: first.stage, status: 'return_shipped' },
    });
    expect(again).toEqual(first);
  });

  it('stage from facts only grows: opened → awaiting_goods → received → refund_issued → closed', () => {
    const c = aCase();
    const ret = { returnId: 90, received: false, lines: [{ sku: 'MUG-RED', quantity: 1 }] };
    expect(caseStage(c, facts())).toBe('opened');
    expect(caseStage({ ...c, status: 'return_shipped' }, facts({ returnTransfer: ret }))).toBe(
      'awaiting_goods',
    );
    const got = { ...ret, received: true };
    expect(caseStage({ ...c, status: 'return_received' }, facts({ returnTransfer: got }))).toBe('received');
    expect(caseStage({ ...c, status: 'refund_pending' }, facts({ returnTransfer: got }))).toBe(
      'refund_issued',
    );
    const credited = facts({ returnTransfer: got, creditNote: { creditNoteId: 1, paid: true } });
    expect(caseStage({ ...c, status: 'refunded' }, credited)).toBe('closed');
  });
});
