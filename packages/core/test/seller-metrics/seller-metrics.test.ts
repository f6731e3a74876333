import { describe, expect, it } from '@jest/globals';
import {
  applySellerEvent,
  dayOf,
  type DayCounters,
  type OrderFacts,
  type SellerEvent,
} from '../../src/seller-metrics/order-facts.js';
import { missesTarget, sellerMetrics } from '../../src/seller-metrics/seller-metrics.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Day 20 000 since the epoch starts at 2024-10-04T00:00:00Z. */
const D = 20_000;
const at = (day: number, hours = 0) => day * DAY + hours * HOUR;

/** Replays events per order into day buckets, as the Redis store does. */
function ledger() {
  const facts = new Map<string, OrderFacts>();
  const buckets = new Map<number, DayCounters>();
  return {
    apply(orderRef: string, event: SellerEvent) {
      const { facts: next, increments } = applySellerEvent(facts.get(orderRef) ?? null, event);
      facts.set(orderRef, next);
      for (const { day, counter } of increments) {
        const b = buckets.get(day) ?? {};
        b[counter] = (b[counter] ?? 0) + 1;
        buckets.set(day, b);
      }
    },
    buckets: (day: number) => buckets.get(day),
    raw: buckets,
  };
}

describe('applySellerEvent', () => {
  it('counts a confirmation at the ship-by instant as on time, one millisecond later as late', () => {
    const onTime = applySellerEvent({ shipByMs: at(D, 12) }, { kind: 'confirmed', atMs: at(D, 12) });
    expect(onTime.increments).toEqual([
      { day: D, counter: 'shipped' },
      { day: D, counter: 'trackingUploaded' },
      { day: D, counter: 'due' },
      { day: D, counter: 'dueOnTime' },
    ]);
    const late = applySellerEvent({ shipByMs: at(D, 12) }, { kind: 'confirmed', atMs: at(D, 12) + 1 });
    expect(late.increments).toEqual([
      { day: D, counter: 'shipped' },
      { day: D, counter: 'shippedLate' },
      { day: D, counter: 'trackingUploaded' },
      { day: D, counter: 'due' },
    ]);
  });

  it('attributes compliance to the ship-by day and the upload to the hand-over day', () => {
    // Shipped 23:00 on D−1, confirmed 01:00 on D, due 06:00 on D+1.
    let f = applySellerEvent(null, { kind: 'imported', shipByMs: at(D + 1, 6) }).facts;
    const shipped = applySellerEvent(f, { kind: 'shipped', atMs: at(D - 1, 23) });
    expect(shipped.increments).toEqual([{ day: D - 1, counter: 'shipped' }]);
    f = shipped.facts;
    expect(applySellerEvent(f, { kind: 'confirmed', atMs: at(D, 1) }).increments).toEqual([
      { day: D - 1, counter: 'trackingUploaded' },
      { day: D + 1, counter: 'due' },
      { day: D + 1, counter: 'dueOnTime' },
    ]);
  });

  it('counts an overdue order once, and its late confirmation adds no second "due"', () => {
    const f0: OrderFacts = { shipByMs: at(D, 10) };
    expect(applySellerEvent(f0, { kind: 'overdue', atMs: at(D, 10) }).changed).toBe(false); // not yet late
    const o1 = applySellerEvent(f0, { kind: 'overdue', atMs: at(D, 11) });
    expect(o1.increments).toEqual([{ day: D, counter: 'due' }]);
    expect(applySellerEvent(o1.facts, { kind: 'overdue', atMs: at(D, 12) }).increments).toEqual([]);
    const late = applySellerEvent(o1.facts, { kind: 'confirmed', atMs: at(D, 20) });
    expect(late.increments).toEqual([
      { day: D, counter: 'shipped' },
      { day: D, counter: 'shippedLate' },
      { day: D, counter: 'trackingUploaded' },
    ]);
  });

  it('ignores a repeated event (a retried job)', () => {
    const s = applySellerEvent({ shipByMs: null }, { kind: 'shipped', atMs: at(D) });
    expect(applySellerEvent(s.facts, { kind: 'shipped', atMs: at(D, 1) })).toMatchObject({
      changed: false,
      increments: [],
    });
    const d = applySellerEvent(s.facts, { kind: 'delivered', atMs: at(D + 3) });
    expect(applySellerEvent(d.facts, { kind: 'delivery_failed', atMs: at(D + 4) }).changed).toBe(false);
  });

  it('keeps the first ship-by time when an order is imported again', () => {
    const f = applySellerEvent(null, { kind: 'imported', shipByMs: at(D, 5) }).facts;
    expect(applySellerEvent(f, { kind: 'imported', shipByMs: at(D, 9) }).changed).toBe(false);
    expect(
      applySellerEvent({ shipByMs: null }, { kind: 'imported', shipByMs: at(D, 9) }).facts.shipByMs,
    ).toBe(at(D, 9));
  });
});

describe('sellerMetrics over 7- and 30-day windows', () => {
  /**
   * Shop history, today = D:
   * - 40 orders due on D−2 (12:00): 37 confirmed by 11:00 on D−2, 3 confirmed on D−1 at 08:00 (late).
   * - 20 orders due on D−7 (12:00): all confirmed on time at 10:00 on D−7 — outside the 7-day window
   *   (it covers D−6 … D) and inside the 30-day one.
   * - 10 orders due on D−30 (confirmed on time): outside both windows (30 days = D−29 … D).
   * - 2 orders due on D (06:00) not shipped: overdue at 07:00 on D.
   * - 5 orders shipped in the ERP on D−1 with no tracking uploaded yet (no ship-by known).
   * - deliveries: 45 delivered and 5 failed on D−3; 8 delivered on D−6 at 00:00 (the 7-day edge).
   *
   * 7 days (D−6 … D):
   *   due = 40 (D−2) + 2 (D) = 42; on time = 37 → compliance 37/42 = 0.88095…
   *   shipped: 37 on D−2, 3 + 5 on D−1 = 45; late = 3 → late rate 3/45 = 0.0666…
   *   tracking uploaded: 40 of 45 → 40/45 = 0.888…
   *   delivery: 45 + 8 = 53 delivered of 58 → 53/58 = 0.9137…
   * 30 days (D−29 … D) adds the 20 of D−7:
   *   due 62, on time 57 → 57/62 = 0.91935…; shipped 65, late 3 → 3/65; uploaded 60/65.
   */
  function history() {
    const l = ledger();
    const orders = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}-${i}`);
    for (const [i, ref] of orders(40, 'due-d2').entries()) {
      l.apply(ref, { kind: 'imported', shipByMs: at(D - 2, 12) });
      l.apply(ref, { kind: 'confirmed', atMs: i < 37 ? at(D - 2, 11) : at(D - 1, 8) });
    }
    for (const ref of orders(20, 'due-d7')) {
      l.apply(ref, { kind: 'imported', shipByMs: at(D - 7, 12) });
      l.apply(ref, { kind: 'confirmed', atMs: at(D - 7, 10) });
    }
    for (const ref of orders(10, 'due-d30')) {
      l.apply(ref, { kind: 'imported', shipByMs: at(D - 30, 12) });
      l.apply(ref, { kind: 'confirmed', atMs: at(D - 30, 10) });
    }
    for (const ref of orders(2, 'overdue')) {
      l.apply(ref, { kind: 'imported', shipByMs: at(D, 6) });
      l.apply(ref, { kind: 'overdue', atMs: at(D, 7) });
    }
    for (const ref of orders(5, 'no-tracking')) l.apply(ref, { kind: 'shipped', atMs: at(D - 1, 15) });
    for (const [i, ref] of orders(50, 'delivery').entries())
      l.apply(ref, { kind: i < 45 ? 'delivered' : 'delivery_failed', atMs: at(D - 3, 9) });
    for (const ref of orders(8, 'edge')) l.apply(ref, { kind: 'delivered', atMs: at(D - 6) });
    return l;
  }

  it('computes the 7-day window', () => {
    const m = sellerMetrics(history().buckets, D, 7);
    expect(m.shipByCompliance).toEqual({ value: 37 / 42, numerator: 37, denominator: 42 });
    expect(m.lateShipmentRate).toEqual({ value: 3 / 45, numerator: 3, denominator: 45 });
    expect(m.trackingUploadRate).toEqual({ value: 40 / 45, numerator: 40, denominator: 45 });
    expect(m.deliverySuccess).toEqual({ value: 53 / 58, numerator: 53, denominator: 58 });
  });

  it('computes the 30-day window', () => {
    const m = sellerMetrics(history().buckets, D, 30);
    expect(m.shipByCompliance).toEqual({ value: 57 / 62, numerator: 57, denominator: 62 });
    expect(m.lateShipmentRate).toEqual({ value: 3 / 65, numerator: 3, denominator: 65 });
    expect(m.trackingUploadRate).toEqual({ value: 60 / 65, numerator: 60, denominator: 65 });
    // 8 on D−6 + 45 on D−3 delivered, 5 failed: same as 7 days.
    expect(m.deliverySuccess).toEqual({ value: 53 / 58, numerator: 53, denominator: 58 });
  });

  it('drops the edge day when the window moves on by one day', () => {
    // Tomorrow (D+1) the 7-day window is D−5 … D+1: the 8 deliveries of D−6 fall out → 45/50 = 0.9.
    expect(sellerMetrics(history().buckets, D + 1, 7).deliverySuccess.value).toBe(0.9);
  });

  it('reports no value, and no miss, for an empty window', () => {
    const m = sellerMetrics(() => undefined, D, 7);
    expect(m.shipByCompliance).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(missesTarget('shipByCompliance', m.shipByCompliance)).toBe(false);
  });

  it('applies strict targets: 95% compliance misses "> 95%", 4.9% late meets "< 5%"', () => {
    expect(missesTarget('shipByCompliance', { value: 0.95, numerator: 95, denominator: 100 })).toBe(true);
    expect(missesTarget('shipByCompliance', { value: 0.96, numerator: 96, denominator: 100 })).toBe(false);
    expect(missesTarget('lateShipmentRate', { value: 0.049, numerator: 49, denominator: 1000 })).toBe(false);
    expect(missesTarget('lateShipmentRate', { value: 0.05, numerator: 5, denominator: 100 })).toBe(true);
    expect(missesTarget('deliverySuccess', { value: 0.92, numerator: 92, denominator: 100 })).toBe(true);
    expect(missesTarget('trackingUploadRate', { value: 0.99, numerator: 99, denominator: 100 })).toBe(false);
  });

  it('buckets by UTC day', () => {
    expect(dayOf(at(D) - 1)).toBe(D - 1);
    expect(dayOf(at(D))).toBe(D);
  });
});

describe('cancellations', () => {
  it('stops waiting for an unshipped order and counts a shipped one as a failed delivery', () => {
    const waiting = applySellerEvent({ shipByMs: at(D, 12) }, { kind: 'cancelled', atMs: at(D, 1) });
    expect(waiting).toMatchObject({ changed: true, increments: [], facts: { cancelled: true } });
    const shipped = applySellerEvent(
      { shipByMs: at(D, 12), shippedAtMs: at(D, 2) },
      { kind: 'cancelled', atMs: at(D + 2) },
    );
    expect(shipped.increments).toEqual([{ day: D + 2, counter: 'deliveryFailed' }]);
  });
});
