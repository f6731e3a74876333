import { describe, expect, it } from '@jest/globals';
import type { ErpOrderSummary } from '../../src/ports.js';
import type { ReturnCase } from '../../src/returns/return-case.js';
import { DEFAULT_RETURN_POLICY, planReturnCase } from '../../src/returns/return-state-machine.js';
import type { CaseLabelProgress, ErpCaseFacts } from '../../src/returns/return-state-machine.js';

/** The seller's return label in the planner: bought once, uploaded, attached to the ERP return. */
const NOW = Date.UTC(2026, 10, 30, 12);

const order: ErpOrderSummary = {
  orderId: 500,
  orderRef: 'PO-1',
  name: 'S00500',
  state: 'locked',
  deliveryStatus: 'done',
  invoiceStatus: 'paid',
  lines: [{ lineId: 11, productId: 7, sku: 'MUG-RED', quantity: 2, deliveredQuantity: 2 }],
};

const labelCase = (status: ReturnCase['status'] = 'label_needed'): ReturnCase => ({
  shopId: 'shop-1',
  caseRef: 'PO-AS-9',
  orderRef: 'PO-1',
  kind: 'return_and_refund',
  status,
  lines: [
    {
      lineRef: 'AS-9',
      orderLineRef: 'O-1',
      skuId: '1',
      sellerSku: null,
      reason: null,
      sku: 'MUG-RED',
      quantity: 1,
    },
  ],
  updatedAtMs: NOW - 1000,
});

/** The return transfer 77 waits for the goods. */
const waiting: ErpCaseFacts = {
  order,
  returnTransfer: { returnId: 77, received: false, lines: [{ sku: 'MUG-RED', quantity: 1 }] },
  scrapped: [],
  creditNote: null,
};

const BUYING = { ...DEFAULT_RETURN_POLICY, buyReturnLabels: true };
const plan = (c: ReturnCase, f: ErpCaseFacts, label: CaseLabelProgress | null, buy = true) =>
  planReturnCase(c, f, { policy: buy ? BUYING : DEFAULT_RETURN_POLICY, nowMs: NOW, label });

describe('planReturnCase: the seller return label', () => {
  it("without a label provider a person uploads the label (today's behaviour)", () => {
    const actions = plan(labelCase(), waiting, null, false).actions;
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ kind: 'needs_person', code: 'label_upload' });
  });

  it('with a provider and no label yet: buy it', () => {
    expect(plan(labelCase(), waiting, null).actions).toEqual([{ kind: 'buy_label' }]);
  });

  it('bought and uploaded but not attached: attach to return 77, then wait for the buyer', () => {
    const actions = plan(labelCase(), waiting, { uploaded: true, attached: false }).actions;
    expect(actions.map((a) => a.kind)).toEqual(['attach_label', 'wait']);
    expect(actions[0]).toEqual({ kind: 'attach_label', returnId: 77 });
  });

  it('uploaded and attached: nothing bought again, the case waits for the buyer', () => {
    const actions = plan(labelCase(), waiting, { uploaded: true, attached: true }).actions;
    expect(actions.map((a) => a.kind)).toEqual(['wait']);
  });

  it('a label not attached yet is attached even after the buyer shipped', () => {
    const actions = plan(labelCase('return_shipped'), waiting, { uploaded: true, attached: false }).actions;
    expect(actions[0]).toEqual({ kind: 'attach_label', returnId: 77 });
  });

  it('the return transfer comes first: no label is bought before it exists', () => {
    const none: ErpCaseFacts = { ...waiting, returnTransfer: null };
    expect(plan(labelCase(), none, null).actions.map((a) => a.kind)).toEqual(['create_return']);
  });
});
