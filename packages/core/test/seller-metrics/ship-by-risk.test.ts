import { describe, expect, it } from '@jest/globals';
import { classifyShipBy, ordersAtRisk } from '../../src/seller-metrics/ship-by-risk.js';
import {
  metricConditions,
  shipByConditions,
  tokenExpiryConditions,
} from '../../src/seller-metrics/alert-conditions.js';
import { sellerMetrics } from '../../src/seller-metrics/seller-metrics.js';

const HOUR = 3_600_000;
const NOW = 1_750_000_000_000;

describe('classifyShipBy (horizon 24 h, escalation 4 h)', () => {
  it.each([
    [25 * HOUR, 'none'],
    [24 * HOUR + 1, 'none'],
    [24 * HOUR, 'at_risk'],
    [4 * HOUR + 1, 'at_risk'],
    [4 * HOUR, 'urgent'],
    [0, 'urgent'],
    [-1, 'overdue'],
  ])('%d ms before the deadline → %s', (leftMs, risk) => {
    expect(classifyShipBy(NOW + leftMs, NOW)).toBe(risk);
  });

  it('honours a custom horizon', () => {
    expect(classifyShipBy(NOW + 30 * HOUR, NOW, { horizonMs: 48 * HOUR, escalationMs: 2 * HOUR })).toBe(
      'at_risk',
    );
    expect(classifyShipBy(NOW + 3 * HOUR, NOW, { horizonMs: 48 * HOUR, escalationMs: 2 * HOUR })).toBe(
      'at_risk',
    );
  });
});

describe('ordersAtRisk and its alert conditions', () => {
  const open = [
    { orderRef: 'LATER', shipByMs: NOW + 30 * HOUR },
    { orderRef: 'SOON', shipByMs: NOW + 10 * HOUR },
    { orderRef: 'URGENT', shipByMs: NOW + 2 * HOUR },
    { orderRef: 'PAST', shipByMs: NOW - HOUR },
  ];

  it('lists orders within the horizon, soonest first, with the time left', () => {
    expect(ordersAtRisk(open, NOW)).toEqual([
      { orderRef: 'PAST', shipByMs: NOW - HOUR, risk: 'overdue', leftMs: -HOUR },
      { orderRef: 'URGENT', shipByMs: NOW + 2 * HOUR, risk: 'urgent', leftMs: 2 * HOUR },
      { orderRef: 'SOON', shipByMs: NOW + 10 * HOUR, risk: 'at_risk', leftMs: 10 * HOUR },
    ]);
  });

  it('makes one critical "at risk" condition and one per overdue order', () => {
    const conditions = shipByConditions('shop-1', ordersAtRisk(open, NOW));
    expect(conditions.map((c) => [c.key, c.active, c.severity])).toEqual([
      ['orders-at-risk', true, 'critical'],
      ['overdue:PAST', true, 'critical'],
    ]);
    expect(conditions[0]!.summary).toBe(
      '2 order(s) must ship before their ship-by time: URGENT (2 h 0 min left), SOON (10 h 0 min left)',
    );
    expect(shipByConditions('shop-1', [])[0]!.active).toBe(false);
  });
});

describe('alert conditions', () => {
  it('activates token thresholds 30/7/1 as the days left fall', () => {
    const active = (days: number) =>
      tokenExpiryConditions('s', days)
        .filter((c) => c.active)
        .map((c) => c.key);
    expect(active(31)).toEqual([]);
    expect(active(30)).toEqual(['token-expiry:30d']);
    expect(active(7)).toEqual(['token-expiry:30d', 'token-expiry:7d']);
    expect(active(0)).toEqual(['token-expiry:30d', 'token-expiry:7d', 'token-expiry:1d']);
  });

  it('activates a metric condition only for the metric and window that miss', () => {
    // 7 days: 18 due, 17 on time → 94.4% ≤ 95% misses; 30 days: 100 due, 97 on time → 97% meets.
    const week = sellerMetrics((d) => (d === 0 ? { due: 18, dueOnTime: 17 } : undefined), 0, 7);
    const month = sellerMetrics((d) => (d === 0 ? { due: 100, dueOnTime: 97 } : undefined), 0, 30);
    const active = metricConditions('s', { 7: week, 30: month }).filter((c) => c.active);
    expect(active.map((c) => c.key)).toEqual(['metric:shipByCompliance:7d']);
    expect(active[0]!.summary).toBe('ship-by compliance over 7 days is 94.4% (17/18); target > 95.0%');
  });

  it('needs 10 orders in the window before a metric alerts', () => {
    // 8 of 9 on time = 88.9% misses the target, but 9 orders < 10: no alert yet.
    const few = sellerMetrics((d) => (d === 0 ? { due: 9, dueOnTime: 8 } : undefined), 0, 7);
    expect(metricConditions('s', { 7: few }).some((c) => c.active)).toBe(false);
    const ten = sellerMetrics((d) => (d === 0 ? { due: 10, dueOnTime: 9 } : undefined), 0, 7);
    expect(
      metricConditions('s', { 7: ten })
        .filter((c) => c.active)
        .map((c) => c.key),
    ).toEqual(['metric:shipByCompliance:7d']);
  });
});
