import { describe, expect, it } from '@jest/globals';
import { skuMapping } from '../../src/orders/order-mapping.js';
import { erpProgressRank, planOrderActions } from '../../src/orders/order-state-machine.js';
import type { OrderAction } from '../../src/orders/order-state-machine.js';
import type { ErpOrderSummary } from '../../src/ports.js';
import { aLine, anOrder, aTwoLineOrder } from '../fakes/order-builder.js';

/** The ERP twin of aTwoLineOrder: mug ×2 (line 11) and plate ×3 (line 12). */
function erpOrder(
  overrides: Partial<ErpOrderSummary> = {},
  delivered: [number, number] = [0, 0],
): ErpOrderSummary {
  return {
    orderId: 500,
    orderRef: 'PO-211-00822146499192890',
    name: 'S00500',
    state: 'confirmed',
    deliveryStatus: 'pending',
    invoiceStatus: 'none',
    lines: [
      { lineId: 11, productId: 7, sku: 'MUG-RED', quantity: 2, deliveredQuantity: delivered[0] },
      { lineId: 12, productId: 8, sku: 'PLATE-BLUE', quantity: 3, deliveredQuantity: delivered[1] },
    ],
    ...overrides,
  };
}

const kinds = (actions: OrderAction[]) => actions.map((a) => a.kind);
const ignoreCode = (actions: OrderAction[]) => (actions[0]?.kind === 'ignore' ? actions[0].code : undefined);

describe('planOrderActions — new orders (no ERP order yet)', () => {
  it('pending → draft quotation only', () => {
    expect(planOrderActions(aTwoLineOrder({ status: 'pending' }), null)).toEqual([{ kind: 'create' }]);
  });

  it('pending without any buyer or address still becomes a draft quotation (placeholder customer)', () => {
    const actions = planOrderActions(
      aTwoLineOrder({ status: 'pending', buyer: null, shippingAddress: null }),
      null,
    );
    expect(actions).toEqual([{ kind: 'create' }]);
  });

  it('unshipped → create and confirm', () => {
    expect(planOrderActions(aTwoLineOrder(), null)).toEqual([{ kind: 'create' }, { kind: 'confirm' }]);
  });

  it('shipped → create, confirm, validate every shipped line', () => {
    const order = aTwoLineOrder({ status: 'shipped' }, [{ status: 'shipped' }, { status: 'shipped' }]);
    expect(planOrderActions(order, null)).toEqual([
      { kind: 'create' },
      { kind: 'confirm' },
      {
        kind: 'validate_delivery',
        shipped: [
          { sku: 'MUG-RED', quantity: 2 },
          { sku: 'PLATE-BLUE', quantity: 3 },
        ],
      },
    ]);
  });

  it('partially shipped (41) → only the shipped lines are delivered', () => {
    const order = aTwoLineOrder({ status: 'partially_shipped' }, [
      { status: 'shipped' },
      { status: 'unshipped' },
    ]);
    expect(planOrderActions(order, null)).toEqual([
      { kind: 'create' },
      { kind: 'confirm' },
      { kind: 'validate_delivery', shipped: [{ sku: 'MUG-RED', quantity: 2 }] },
    ]);
  });

  it('delivered → create, confirm, deliver, invoice and pay', () => {
    const order = aTwoLineOrder({ status: 'delivered' }, [{ status: 'delivered' }, { status: 'delivered' }]);
    expect(kinds(planOrderActions(order, null))).toEqual([
      'create',
      'confirm',
      'validate_delivery',
      'invoice_and_pay',
    ]);
  });

  it('cancelled before it reached the ERP is ignored, or imported as cancelled when asked', () => {
    const order = aTwoLineOrder({ status: 'cancelled' }, [{ status: 'cancelled' }, { status: 'cancelled' }]);
    expect(ignoreCode(planOrderActions(order, null))).toBe('cancelled_before_import');
    expect(planOrderActions(order, null, { importCancelled: true })).toEqual([
      { kind: 'create' },
      { kind: 'cancel' },
    ]);
  });
});

describe('planOrderActions — orders already in the ERP', () => {
  it('pending → unshipped confirms the quotation', () => {
    expect(
      planOrderActions(aTwoLineOrder(), erpOrder({ state: 'quotation', deliveryStatus: 'none' })),
    ).toEqual([{ kind: 'confirm' }]);
  });

  it('the same status twice changes nothing', () => {
    expect(planOrderActions(aTwoLineOrder(), erpOrder())).toEqual([]);
    expect(
      planOrderActions(
        aTwoLineOrder({ status: 'pending' }),
        erpOrder({ state: 'quotation', deliveryStatus: 'none' }),
      ),
    ).toEqual([]);
  });

  it('unshipped → shipped validates the delivery', () => {
    const order = aTwoLineOrder({ status: 'shipped' }, [{ status: 'shipped' }, { status: 'shipped' }]);
    expect(planOrderActions(order, erpOrder())).toEqual([
      {
        kind: 'validate_delivery',
        shipped: [
          { sku: 'MUG-RED', quantity: 2 },
          { sku: 'PLATE-BLUE', quantity: 3 },
        ],
      },
    ]);
  });

  it('41 → shipped delivers only the remainder of what the ERP already delivered', () => {
    const order = aTwoLineOrder({ status: 'shipped' }, [{ status: 'shipped' }, { status: 'shipped' }]);
    const erp = erpOrder({ deliveryStatus: 'partial' }, [2, 0]);
    expect(planOrderActions(order, erp)).toEqual([
      { kind: 'validate_delivery', shipped: [{ sku: 'PLATE-BLUE', quantity: 3 }] },
    ]);
  });

  it('shipped → delivered invoices and pays', () => {
    const order = aTwoLineOrder({ status: 'delivered' }, [{ status: 'delivered' }, { status: 'delivered' }]);
    expect(planOrderActions(order, erpOrder({ deliveryStatus: 'done' }, [2, 3]))).toEqual([
      { kind: 'invoice_and_pay' },
    ]);
  });

  it('an invoiced but unpaid order is sent to invoice_and_pay again so the payment gets registered', () => {
    const order = aTwoLineOrder({ status: 'delivered' }, [{ status: 'delivered' }, { status: 'delivered' }]);
    expect(
      planOrderActions(order, erpOrder({ deliveryStatus: 'done', invoiceStatus: 'invoiced' }, [2, 3])),
    ).toEqual([{ kind: 'invoice_and_pay' }]);
    expect(
      planOrderActions(order, erpOrder({ deliveryStatus: 'done', invoiceStatus: 'paid' }, [2, 3])),
    ).toEqual([]);
  });

  it('partial delivery (51) does not invoice until every remaining line is delivered', () => {
    const order = aTwoLineOrder({ status: 'partially_delivered' }, [
      { status: 'delivered' },
      { status: 'shipped' },
    ]);
    expect(planOrderActions(order, erpOrder({ deliveryStatus: 'done' }, [2, 3]))).toEqual([]);
  });

  it('51 where the undelivered line was cancelled counts as fully delivered', () => {
    const order = aTwoLineOrder({ status: 'partially_delivered' }, [
      { status: 'delivered' },
      { status: 'cancelled', quantity: 0, originalQuantity: 3, cancelledQuantity: 3 },
    ]);
    expect(planOrderActions(order, erpOrder({ deliveryStatus: 'partial' }, [2, 0]))).toEqual([
      { kind: 'reduce_lines', lines: [{ erpLineId: 12, sku: 'PLATE-BLUE', fromQuantity: 3, quantity: 0 }] },
      { kind: 'invoice_and_pay' },
    ]);
  });

  it('partial cancellation of a confirmed order reduces the line', () => {
    const order = aTwoLineOrder({}, [{}, { quantity: 1, originalQuantity: 3, cancelledQuantity: 2 }]);
    expect(planOrderActions(order, erpOrder())).toEqual([
      { kind: 'reduce_lines', lines: [{ erpLineId: 12, sku: 'PLATE-BLUE', fromQuantity: 3, quantity: 1 }] },
    ]);
  });

  it('a quantity cut while pending is applied to the quotation before it is confirmed', () => {
    const order = aTwoLineOrder({}, [{ quantity: 1, originalQuantity: 2, cancelledQuantity: 1 }, {}]);
    expect(kinds(planOrderActions(order, erpOrder({ state: 'quotation', deliveryStatus: 'none' })))).toEqual([
      'reduce_lines',
      'confirm',
    ]);
  });

  it('a reduction never goes below what was delivered, taking the cut from the last lines first', () => {
    const erp = erpOrder({
      deliveryStatus: 'partial',
      lines: [
        { lineId: 21, productId: 7, sku: 'MUG-RED', quantity: 3, deliveredQuantity: 0 },
        { lineId: 22, productId: 7, sku: 'MUG-RED', quantity: 3, deliveredQuantity: 2 },
      ],
    });
    const order = anOrder({
      status: 'partially_shipped',
      lines: [aLine({ sellerSku: 'MUG-RED', quantity: 3, originalQuantity: 6 })],
    });
    expect(planOrderActions(order, erp)).toEqual([
      {
        kind: 'reduce_lines',
        lines: [
          { erpLineId: 22, sku: 'MUG-RED', fromQuantity: 3, quantity: 2 },
          { erpLineId: 21, sku: 'MUG-RED', fromQuantity: 3, quantity: 1 },
        ],
      },
    ]);
  });

  it('ERP lines for products the marketplace order does not have (e.g. shipping) are left alone', () => {
    const erp = erpOrder();
    erp.lines.push({ lineId: 13, productId: 99, sku: 'SHIPPING', quantity: 1, deliveredQuantity: 0 });
    expect(planOrderActions(aTwoLineOrder(), erp)).toEqual([]);
  });

  it('matches lines through the SKU mapping', () => {
    const order = anOrder({
      status: 'shipped',
      lines: [aLine({ skuId: '9', sellerSku: '', status: 'shipped' })],
    });
    const erp = erpOrder({
      lines: [{ lineId: 31, productId: 7, sku: 'ERP-MUG', quantity: 2, deliveredQuantity: 0 }],
    });
    expect(planOrderActions(order, erp, { mapping: skuMapping({ bySkuId: { '9': 'ERP-MUG' } }) })).toEqual([
      { kind: 'validate_delivery', shipped: [{ sku: 'ERP-MUG', quantity: 2 }] },
    ]);
  });
});

describe('planOrderActions — cancellations', () => {
  const cancelled = () =>
    aTwoLineOrder({ status: 'cancelled' }, [{ status: 'cancelled' }, { status: 'cancelled' }]);

  it('cancels a quotation', () => {
    expect(planOrderActions(cancelled(), erpOrder({ state: 'quotation', deliveryStatus: 'none' }))).toEqual([
      { kind: 'cancel' },
    ]);
  });

  it('cancels a confirmed order that has not shipped (the ERP releases the reservation)', () => {
    expect(planOrderActions(cancelled(), erpOrder())).toEqual([{ kind: 'cancel' }]);
  });

  it('does not cancel once goods left: that needs a return', () => {
    const actions = planOrderActions(cancelled(), erpOrder({ deliveryStatus: 'partial' }, [1, 0]));
    expect(ignoreCode(actions)).toBe('cancelled_after_shipment');
    expect(actions[0]).toMatchObject({ reason: expect.stringContaining('reverse it with a return') });
  });

  it('does not cancel an invoiced order', () => {
    const actions = planOrderActions(
      cancelled(),
      erpOrder({ deliveryStatus: 'done', invoiceStatus: 'paid' }, [2, 3]),
    );
    expect(ignoreCode(actions)).toBe('cancelled_after_invoice');
  });

  it('an already cancelled ERP order is left as it is', () => {
    expect(planOrderActions(cancelled(), erpOrder({ state: 'cancelled' }))).toEqual([]);
  });

  it('a cancelled ERP order is never revived by a later marketplace status', () => {
    expect(ignoreCode(planOrderActions(aTwoLineOrder(), erpOrder({ state: 'cancelled' })))).toBe(
      'erp_cancelled',
    );
  });
});

describe('planOrderActions — never backwards', () => {
  it("ignores a late 'unshipped' after the ERP delivered, with the reason", () => {
    const actions = planOrderActions(aTwoLineOrder(), erpOrder({ deliveryStatus: 'done' }, [2, 3]));
    expect(actions).toEqual([
      {
        kind: 'ignore',
        code: 'stale_event',
        reason:
          "late 'unshipped' event for order PO-211-00822146499192890: ERP order S00500 is further along (state confirmed, delivery done, invoice none); an order never moves backwards",
      },
    ]);
  });

  it("ignores a late 'unshipped' after the ERP invoiced", () => {
    const erp = erpOrder({ deliveryStatus: 'done', invoiceStatus: 'paid' }, [2, 3]);
    expect(ignoreCode(planOrderActions(aTwoLineOrder(), erp))).toBe('stale_event');
    const shipped = aTwoLineOrder({ status: 'shipped' }, [{ status: 'shipped' }, { status: 'shipped' }]);
    expect(ignoreCode(planOrderActions(shipped, erp))).toBe('stale_event');
  });

  it("ignores a late 'pending' after confirmation", () => {
    expect(ignoreCode(planOrderActions(aTwoLineOrder({ status: 'pending' }), erpOrder()))).toBe(
      'stale_event',
    );
  });

  it('ranks ERP progress on the marketplace scale', () => {
    expect(erpProgressRank(erpOrder({ state: 'quotation', deliveryStatus: 'none' }))).toBe(0);
    expect(erpProgressRank(erpOrder())).toBe(1);
    expect(erpProgressRank(erpOrder({ deliveryStatus: 'partial' }, [1, 0]))).toBe(2);
    expect(erpProgressRank(erpOrder({ deliveryStatus: 'done' }, [2, 3]))).toBe(3);
    expect(erpProgressRank(erpOrder({ deliveryStatus: 'done', invoiceStatus: 'invoiced' }, [2, 3]))).toBe(5);
    expect(erpProgressRank(erpOrder({ state: 'cancelled' }))).toBe(6);
  });
});
