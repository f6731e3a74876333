import { describe, expect, it } from '@jest/globals';
import { erpSkusOf, ordersAboutToConfirm, oversoldOrders } from '../../src/stock/oversold-orders.js';
import { aLine, anOrder, aTwoLineOrder } from '../fakes/order-builder.js';

const AT = 1_750_000_900_000;

describe('ordersAboutToConfirm', () => {
  it('keeps confirmable orders newer than the version written, including ones seen only pending', () => {
    const seenPending = anOrder({ orderRef: 'PO-A', status: 'unshipped', updatedAtMs: 2_000 });
    const unchanged = anOrder({ orderRef: 'PO-B', status: 'unshipped', updatedAtMs: 1_000 });
    const pending = anOrder({ orderRef: 'PO-C', status: 'pending', updatedAtMs: 3_000 });
    const cancelled = anOrder({ orderRef: 'PO-D', status: 'cancelled', updatedAtMs: 3_000 });
    const synced = new Map([
      ['PO-A', { updatedAtMs: 1_000, status: 'pending' }],
      ['PO-B', { updatedAtMs: 1_000, status: 'unshipped' }],
    ]);
    expect(
      ordersAboutToConfirm([seenPending, unchanged, pending, cancelled], synced).map((o) => o.orderRef),
    ).toEqual(['PO-A']);
  });

  it('lists the ERP SKUs of orders once each', () => {
    const orders = [aTwoLineOrder(), anOrder({ lines: [aLine(), aLine({ sellerSku: '' })] })];
    expect(erpSkusOf(orders)).toEqual(['MUG-RED', 'PLATE-BLUE']);
  });
});

describe('oversoldOrders', () => {
  it('lets orders consume the free stock oldest first; the one that finds too little is oversold', () => {
    // 3 mugs free. Oldest (t=1) takes 2 → 1 left; next (t=2) needs 2 of 1 → oversold; last (t=3)
    // needs 2 of −1 → oversold too.
    const orders = [
      anOrder({ orderRef: 'PO-3', createdAtMs: 3, lines: [aLine({ quantity: 2 })] }),
      anOrder({ orderRef: 'PO-1', createdAtMs: 1, lines: [aLine({ quantity: 2 })] }),
      anOrder({ orderRef: 'PO-2', createdAtMs: 2, lines: [aLine({ quantity: 2 })] }),
    ];
    expect(oversoldOrders(orders, new Map([['MUG-RED', 3]]), AT)).toEqual([
      { atMs: AT, orderRef: 'PO-1', oversold: false },
      { atMs: AT, orderRef: 'PO-2', oversold: true },
      { atMs: AT, orderRef: 'PO-3', oversold: true },
    ]);
  });

  it('ignores lines without an ERP SKU or with nothing to ship, and counts unknown stock as none', () => {
    const order = anOrder({
      orderRef: 'PO-9',
      lines: [aLine({ sellerSku: '', quantity: 5 }), aLine({ quantity: 0 })],
    });
    expect(oversoldOrders([order], new Map(), AT)).toEqual([{ atMs: AT, orderRef: 'PO-9', oversold: false }]);
    const plate = anOrder({ orderRef: 'PO-10', lines: [aLine({ sellerSku: 'PLATE-BLUE', quantity: 1 })] });
    // No stock read for PLATE-BLUE: 0 free < 1 needed.
    expect(oversoldOrders([plate], new Map([['MUG-RED', 10]]), AT)[0]?.oversold).toBe(true);
  });
});
