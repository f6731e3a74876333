import { DAY_MS } from '../time.js';

/**
 * Counters kept per shop and per UTC day. Each event of an order adds to the bucket of the day the
 * metric attributes it to (README "Seller metrics"): ship-by compliance to the day of the ship-by
 * time, shipments and tracking uploads to the day the order was handed over, delivery outcomes to
 * the day the outcome was seen. Summing at most 30 buckets gives any window: no order is rescanned.
 */
export const METRIC_COUNTERS = [
  'due',
  'dueOnTime',
  'shipped',
  'shippedLate',
  'trackingUploaded',
  'delivered',
  'deliveryFailed',
] as const;
export type MetricCounter = (typeof METRIC_COUNTERS)[number];
export type DayCounters = Partial<Record<MetricCounter, number>>;

export interface CounterIncrement {
  /** Days since the epoch (UTC). */
  day: number;
  counter: MetricCounter;
}

/** What is remembered about one order, only while it can still change a metric (≤ 30 days). */
export interface OrderFacts {
  shipByMs: number | null;
  /** Handed to the carrier (the ERP delivery was validated). */
  shippedAtMs?: number;
  /** The marketplace confirmed the shipment (tracking uploaded). */
  confirmedAtMs?: number;
  /** Its ship-by passed unconfirmed; already counted as a missed deadline. */
  overdueCounted?: true;
  outcome?: 'delivered' | 'failed';
  /** Cancelled before it shipped: no longer waits for a shipment. */
  cancelled?: true;
}

export type SellerEvent =
  | { kind: 'imported'; shipByMs: number | null }
  | { kind: 'shipped'; atMs: number }
  | { kind: 'confirmed'; atMs: number }
  | { kind: 'overdue'; atMs: number }
  | { kind: 'delivered'; atMs: number }
  | { kind: 'delivery_failed'; atMs: number }
  | { kind: 'cancelled'; atMs: number };

export interface AppliedEvent {
  facts: OrderFacts;
  increments: CounterIncrement[];
  /** False when the event was already applied (a retried job): nothing to write. */
  changed: boolean;
}

/** Still waiting to be shipped: the orders the ship-by risk scan looks at. */
export function awaitsShipment(facts: OrderFacts): boolean {
  return (
    facts.shipByMs !== null &&
    facts.shippedAtMs === undefined &&
    facts.confirmedAtMs === undefined &&
    !facts.cancelled
  );
}

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

const unchanged = (facts: OrderFacts): AppliedEvent => ({ facts, increments: [], changed: false });

/**
 * The one rule for turning an order event into counter increments. Idempotent: an event already
 * reflected in the facts adds nothing, so a job retried after a crash cannot count twice.
 */
export function applySellerEvent(previous: OrderFacts | null, event: SellerEvent): AppliedEvent {
  const facts: OrderFacts = previous ? { ...previous } : { shipByMs: null };
  switch (event.kind) {
    case 'imported': {
      // The ship-by time is fixed when the order is placed; only a missing one is filled in.
      if (previous && (previous.shipByMs !== null || event.shipByMs === null)) return unchanged(previous);
      facts.shipByMs = event.shipByMs;
      return { facts, increments: [], changed: true };
    }
    case 'shipped': {
      if (facts.shippedAtMs !== undefined) return unchanged(facts);
      return { facts, increments: markShipped(facts, event.atMs), changed: true };
    }
    case 'confirmed': {
      if (facts.confirmedAtMs !== undefined) return unchanged(facts);
      // Shipped on the marketplace before the ERP said so: the confirmation is the hand-over we know.
      const increments = facts.shippedAtMs === undefined ? markShipped(facts, event.atMs) : [];
      facts.confirmedAtMs = event.atMs;
      increments.push({ day: dayOf(facts.shippedAtMs!), counter: 'trackingUploaded' });
      if (facts.shipByMs !== null && !facts.overdueCounted) {
        const day = dayOf(facts.shipByMs);
        increments.push({ day, counter: 'due' });
        if (event.atMs <= facts.shipByMs) increments.push({ day, counter: 'dueOnTime' });
      }
      return { facts, increments, changed: true };
    }
    case 'overdue': {
      // Counted once, and only once the deadline has really passed without a confirmation.
      if (
        facts.shipByMs === null ||
        facts.overdueCounted ||
        facts.confirmedAtMs !== undefined ||
        event.atMs <= facts.shipByMs
      )
        return unchanged(facts);
      facts.overdueCounted = true;
      return { facts, increments: [{ day: dayOf(facts.shipByMs), counter: 'due' }], changed: true };
    }
    case 'cancelled': {
      // After it shipped, a cancellation means the parcel never reached the buyer.
      if (facts.shippedAtMs !== undefined)
        return applySellerEvent(facts, { kind: 'delivery_failed', atMs: event.atMs });
      if (facts.cancelled) return unchanged(facts);
      facts.cancelled = true;
      return { facts, increments: [], changed: true };
    }
    case 'delivered':
    case 'delivery_failed': {
      if (facts.outcome !== undefined) return unchanged(facts);
      facts.outcome = event.kind === 'delivered' ? 'delivered' : 'failed';
      const counter: MetricCounter = event.kind === 'delivered' ? 'delivered' : 'deliveryFailed';
      return { facts, increments: [{ day: dayOf(event.atMs), counter }], changed: true };
    }
  }
}

function markShipped(facts: OrderFacts, atMs: number): CounterIncrement[] {
  facts.shippedAtMs = atMs;
  const increments: CounterIncrement[] = [{ day: dayOf(atMs), counter: 'shipped' }];
  if (facts.shipByMs !== null && atMs > facts.shipByMs)
    increments.push({ day: dayOf(atMs), counter: 'shippedLate' });
  return increments;
}
