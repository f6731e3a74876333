import type { Redis } from 'ioredis';
import {
  DAY_MS,
  MAX_WINDOW_DAYS,
  METRIC_COUNTERS,
  applySellerEvent,
  awaitsShipment,
  dayOf,
  sellerMetrics,
  type CounterIncrement,
  type DayCounters,
  type MetricCounter,
  type OrderFacts,
  type SellerEvent,
  type SellerMetrics,
} from '@temu-odoo/core';
import { shopStateKey } from '@temu-odoo/queues';

/** Day buckets live one day longer than the longest window, then Redis drops them itself. */
const BUCKET_TTL_DAYS = MAX_WINDOW_DAYS + 1;
/** Order facts are forgotten this long after their ship-by (or first sight): they can no longer count. */
export const FACTS_RETENTION_MS = BUCKET_TTL_DAYS * DAY_MS;
const PAGE = 1_000;
/** Orders pruned per evaluation: enough to keep up with any shop, small enough to stay quick. */
const PRUNE_PAGE = 250;
const CAS_ATTEMPTS = 5;

// KEYS: facts (hash), tracked (zset), open (zset), then one day-bucket hash per increment.
// ARGV: orderRef, expected facts ('' = none), new facts, tracked score, open action ('add', 'rem',
// 'keep'), open score, unused, then per day key its counter name and expiry (unix s).
// Writes only if the facts are still those read (another worker may have applied an event since).
const APPLY_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if current ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
if ARGV[5] == 'add' then redis.call('ZADD', KEYS[3], ARGV[6], ARGV[1])
elseif ARGV[5] == 'rem' then redis.call('ZREM', KEYS[3], ARGV[1]) end
for i = 4, #KEYS do
  redis.call('HINCRBY', KEYS[i], ARGV[2 * i], 1)
  redis.call('EXPIREAT', KEYS[i], ARGV[2 * i + 1])
end
return 1
`;

interface ApplyCommand {
  sellerMetricsApply(numKeys: number, ...args: Array<string | number>): unknown;
}

/** Registers the script once per connection (ioredis then runs it by EVALSHA, loading it if Redis lost it). */
function defineApply(redis: Redis): void {
  if (typeof (redis as unknown as Partial<ApplyCommand>).sellerMetricsApply !== 'function')
    redis.defineCommand('sellerMetricsApply', { lua: APPLY_SCRIPT });
}

export interface OpenOrder {
  orderRef: string;
  shipByMs: number;
}

/**
 * A shop's seller-metric ledger in Redis: per-day counters (`sm:day:<day>`, expiring after 31
 * days), the facts of orders that can still change a counter (`sm:facts`, pruned after 31 days),
 * and the unshipped orders by ship-by time (`sm:open`) for the risk scan. Memory is bounded by the
 * orders of the 30-day window; an evaluation reads 30 small hashes and the orders within the risk
 * horizon, never the whole history.
 */
export class SellerMetricsStore {
  private readonly base: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    readonly shopId: string,
  ) {
    this.base = shopStateKey(prefix, shopId, 'sm');
  }

  private dayKey(day: number): string {
    return `${this.base}:day:${day}`;
  }

  /**
   * Applies events (any orders, any kinds) idempotently; returns how many changed something. The
   * events of one order are folded locally and written with one compare-and-set, all orders of a
   * page in one pipeline; an order another worker changed meanwhile is read and folded again.
   */
  async record(events: Array<{ orderRef: string; event: SellerEvent }>, nowMs = Date.now()): Promise<number> {
    let changed = 0;
    for (let i = 0; i < events.length; i += PAGE) {
      const byOrder = new Map<string, SellerEvent[]>();
      for (const { orderRef, event } of events.slice(i, i + PAGE)) {
        const list = byOrder.get(orderRef) ?? [];
        list.push(event);
        byOrder.set(orderRef, list);
      }
      let pending = [...byOrder.keys()];
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt === CAS_ATTEMPTS) {
          throw new Error(
            `seller metrics of order(s) ${pending.slice(0, 5).join(', ')} (shop ${this.shopId}) changed under ${CAS_ATTEMPTS} attempts in a row: retried with the job`,
          );
        }
        const raw = await this.redis.hmget(`${this.base}:facts`, ...pending);
        defineApply(this.redis);
        const pipeline = this.redis.pipeline();
        const writes: string[] = [];
        pending.forEach((orderRef, j) => {
          const plan = this.fold(raw[j] ?? '', byOrder.get(orderRef)!, nowMs);
          if (!plan) return;
          writes.push(orderRef);
          // EVALSHA through ioredis's script cache: the script body is not sent (and hashed) per order.
          (pipeline as unknown as ApplyCommand).sellerMetricsApply(
            plan.keys.length,
            ...plan.keys,
            orderRef,
            ...plan.args,
          );
        });
        const results = writes.length ? ((await pipeline.exec()) ?? []) : [];
        pending = [];
        results.forEach(([err, ok], j) => {
          if (err) throw err;
          if (ok === 1) changed += 1;
          else pending.push(writes[j]!);
        });
      }
    }
    return changed;
  }

  /** The script's keys and arguments for one order's events, or null when they change nothing. */
  private fold(
    stored: string,
    events: SellerEvent[],
    nowMs: number,
  ): { keys: string[]; args: Array<string | number> } | null {
    let facts: OrderFacts | null = stored ? (JSON.parse(stored) as OrderFacts) : null;
    const increments: CounterIncrement[] = [];
    let any = false;
    let lastEvent = events[0]!;
    for (const event of events) {
      const applied = applySellerEvent(facts, event);
      facts = applied.facts;
      increments.push(...applied.increments);
      if (applied.changed) {
        any = true;
        lastEvent = event;
      }
    }
    if (!any || !facts) return null;
    const open = awaitsShipment(facts);
    return {
      keys: [
        `${this.base}:facts`,
        `${this.base}:tracked`,
        `${this.base}:open`,
        ...increments.map((inc) => this.dayKey(inc.day)),
      ],
      args: [
        stored,
        JSON.stringify(facts),
        trackedScore(facts, lastEvent, nowMs),
        open ? 'add' : 'rem',
        facts.shipByMs ?? 0,
        '',
        ...increments.flatMap((inc) => [inc.counter, ((inc.day + BUCKET_TTL_DAYS) * DAY_MS) / 1000]),
      ],
    };
  }

  /** Forgets an order that will not count (cancelled before it shipped). */
  async forget(orderRefs: string[]): Promise<void> {
    for (let i = 0; i < orderRefs.length; i += PAGE) {
      const refs = orderRefs.slice(i, i + PAGE);
      await this.redis
        .multi()
        .hdel(`${this.base}:facts`, ...refs)
        .zrem(`${this.base}:tracked`, ...refs)
        .zrem(`${this.base}:open`, ...refs)
        .srem(`${this.base}:overdueSeen`, ...refs)
        .exec();
    }
  }

  /**
   * Of overdue orders, those no evaluation recorded yet, in the given order. Already counted ones
   * are not read and folded again every minute (the day buckets keep them counted).
   */
  async unseenOverdue(orderRefs: string[]): Promise<string[]> {
    if (!orderRefs.length) return [];
    const seen = await this.redis.smismember(`${this.base}:overdueSeen`, ...orderRefs);
    return orderRefs.filter((_, i) => !seen[i]);
  }

  /** Remembers orders whose overdue event is recorded (dropped with their facts at pruning). */
  async markOverdueSeen(orderRefs: string[]): Promise<void> {
    for (let i = 0; i < orderRefs.length; i += PAGE)
      await this.redis.sadd(`${this.base}:overdueSeen`, ...orderRefs.slice(i, i + PAGE));
  }

  /** Unshipped orders whose ship-by is at or before `untilMs`, soonest first (at most `limit`). */
  async openOrdersDueBy(untilMs: number, limit = 10_000): Promise<OpenOrder[]> {
    const flat = await this.redis.zrangebyscore(
      `${this.base}:open`,
      '-inf',
      untilMs,
      'WITHSCORES',
      'LIMIT',
      0,
      limit,
    );
    const out: OpenOrder[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push({ orderRef: flat[i]!, shipByMs: Number(flat[i + 1]) });
    return out;
  }

  /**
   * What an evaluation starts from, in one round trip: the unshipped orders due by `untilMs`
   * (soonest first) and a page of orders past the retention (to prune).
   */
  async scan(
    untilMs: number,
    nowMs: number,
    limit = 10_000,
  ): Promise<{ open: OpenOrder[]; stale: string[] }> {
    const results =
      (await this.redis
        .pipeline()
        .zrangebyscore(`${this.base}:open`, '-inf', untilMs, 'WITHSCORES', 'LIMIT', 0, limit)
        .zrangebyscore(`${this.base}:tracked`, '-inf', nowMs - FACTS_RETENTION_MS, 'LIMIT', 0, PRUNE_PAGE)
        .exec()) ?? [];
    for (const [err] of results) if (err) throw err;
    const flat = results[0]![1] as string[];
    const open: OpenOrder[] = [];
    for (let i = 0; i < flat.length; i += 2) open.push({ orderRef: flat[i]!, shipByMs: Number(flat[i + 1]) });
    return { open, stale: results[1]![1] as string[] };
  }

  /** The counters of the last `days` UTC days ending with the day of `nowMs`. */
  async dayCounters(nowMs: number, days = MAX_WINDOW_DAYS): Promise<Map<number, DayCounters>> {
    const today = dayOf(nowMs);
    const pipeline = this.redis.pipeline();
    for (let day = today - days + 1; day <= today; day++) pipeline.hgetall(this.dayKey(day));
    const results = (await pipeline.exec()) ?? [];
    const out = new Map<number, DayCounters>();
    results.forEach(([err, value], i) => {
      if (err) throw err;
      const hash = value as Record<string, string>;
      const counters: DayCounters = {};
      for (const c of METRIC_COUNTERS)
        if (hash[c] !== undefined) counters[c as MetricCounter] = Number(hash[c]);
      out.set(today - days + 1 + i, counters);
    });
    return out;
  }

  /** The four metrics over each window, from one read of the 30 day buckets. */
  async metrics(nowMs: number, windows: readonly number[]): Promise<Record<number, SellerMetrics>> {
    const counters = await this.dayCounters(nowMs);
    const today = dayOf(nowMs);
    return Object.fromEntries(windows.map((w) => [w, sellerMetrics((d) => counters.get(d), today, w)]));
  }

  /** Drops facts of orders older than the retention, a page per call; returns how many. */
  async prune(nowMs: number): Promise<number> {
    const stale = await this.redis.zrangebyscore(
      `${this.base}:tracked`,
      '-inf',
      nowMs - FACTS_RETENTION_MS,
      'LIMIT',
      0,
      PAGE,
    );
    if (stale.length) await this.forget(stale);
    return stale.length;
  }
}

/** Orders without a ship-by are kept from the time of the event that introduced them. */
function trackedScore(facts: OrderFacts, event: SellerEvent, nowMs: number): number {
  return facts.shipByMs ?? ('atMs' in event ? event.atMs : nowMs);
}
