import { describe, expect, it } from '@jest/globals';
import type { PurchaseOrder, PurchaseOrderStatus } from '../../src/consignment/consignment.js';
import {
  MIN_HISTORY_DAYS,
  PURCHASE_ORDER_WINDOW_DAYS,
  chooseDemand,
  orderedPerDay,
} from '../../src/forecast/demand-source.js';

function po(ref: string, status: PurchaseOrderStatus, lines: Array<[string | null, number]>): PurchaseOrder {
  return {
    ref,
    status,
    statusCode: 0,
    placedAtMs: null,
    warehouse: null,
    shipmentRef: null,
    lines: lines.map(([sellerSku, quantity], i) => ({
      lineRef: `${ref}-${i}`,
      sellerSku,
      quantity,
      receivedQuantity: 0,
      unitPrice: null,
    })),
  };
}

describe('orderedPerDay', () => {
  it('sums the standing orders per SKU and divides by the window', () => {
    // MUG: 90 (to ship) + 30 (stored) = 120 over 30 days → 4 a day; the voided 600 and the
    // cancelled 300 are not demand. LAMP: 15 (awaiting acceptance) / 30 = 0.5 a day. The line
    // without a seller SKU and the 0-quantity line add nothing.
    const orders = [
      po('PO1', 'to_ship', [
        ['MUG', 90],
        ['LAMP', 15],
      ]),
      po('PO2', 'stored', [['MUG', 30]]),
      po('PO3', 'voided', [['MUG', 600]]),
      po('PO4', 'cancelled', [['LAMP', 300]]),
      po('PO5', 'awaiting_acceptance', [
        [null, 50],
        ['CUP', 0],
      ]),
    ];
    const perDay = orderedPerDay(orders, PURCHASE_ORDER_WINDOW_DAYS);
    expect([...perDay].sort()).toEqual([
      ['LAMP', 0.5],
      ['MUG', 4],
    ]);
  });

  it('refuses a window that is not a whole number of days ≥ 1', () => {
    expect(() => orderedPerDay([], 0)).toThrow(/windowDays must be a whole number ≥ 1, got 0/);
  });
});

describe('chooseDemand', () => {
  const horizon = 3;

  it('enough history: the forecast, whatever the orders say', () => {
    // 14 days of exactly 5: index 1, level 5, trend 0 → 5 a day (same as demand-forecast.test).
    const history = { startDate: '2026-01-01', values: Array<number>(MIN_HISTORY_DAYS).fill(5) };
    const c = chooseDemand({ history, last30DaysSold: 999, orderedPerDay: 40, horizonDays: horizon });
    expect(c.source).toBe('history');
    expect(c.historyDays).toBe(14);
    expect(c.perDay).toBeCloseTo(5, 9);
    expect(c.forecast.map((d) => Number(d.toFixed(9)))).toEqual([5, 5, 5]);
  });

  it('short history with a 30-day count: the count ÷ 30, flat', () => {
    // 13 days is one short of 14; 60 sold in 30 days → 2 a day; the orders' 40 a day is not used.
    const history = { startDate: '2026-01-01', values: Array<number>(13).fill(5) };
    const c = chooseDemand({ history, last30DaysSold: 60, orderedPerDay: 40, horizonDays: horizon });
    expect(c).toEqual({ source: 'last30', forecast: [2, 2, 2], perDay: 2, historyDays: 13 });
  });

  it('no sales yet but ordered: the purchase orders per day, flat', () => {
    // Nothing sold in 30 days, 120 units ordered over 30 days → 4 a day.
    const c = chooseDemand({
      history: undefined,
      last30DaysSold: 0,
      orderedPerDay: 120 / 30,
      horizonDays: horizon,
    });
    expect(c).toEqual({ source: 'purchase_orders', forecast: [4, 4, 4], perDay: 4, historyDays: 0 });
  });

  it('neither sold nor ordered: 0 a day from the 30-day count', () => {
    const c = chooseDemand({ history: undefined, last30DaysSold: 0, orderedPerDay: 0, horizonDays: 2 });
    expect(c).toEqual({ source: 'last30', forecast: [0, 0], perDay: 0, historyDays: 0 });
  });
});
