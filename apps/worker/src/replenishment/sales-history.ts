import type { Redis } from 'ioredis';
import { addDays, dayNumber, type DailySeries } from '@temu-odoo/core';

const KEEP_DAYS = 200;

/**
 * Daily snapshots of Temu's running sales counters per warehouse and SKU. Temu's sales call has no
 * dates (docs/temu-api.md "Fully-managed sales and warehouse stock"), so the plan keeps one
 * snapshot a day: `<prefix>:replenishment:<shop>:sold:<warehouse>:<date>` = hash SKU → total sold,
 * kept 200 days. A day's sales = the next snapshot's total − this one's; a gap of several days
 * spreads the difference evenly over them; a counter that went down (Temu reset it) counts 0.
 */
export class SalesHistory {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly shopId: string,
  ) {}

  // One hash tag per shop: `dailySeries` reads a shop's days in one pipeline, and a Redis Cluster
  // takes a pipeline only within one slot (README "Redis Cluster").
  #key(warehouseId: string, date: string): string {
    return `${this.prefix}:{replenishment:${this.shopId}}:sold:${warehouseId}:${date}`;
  }

  /** Stores today's totals (overwrites a snapshot of the same day: the later one is fresher). */
  async record(warehouseId: string, date: string, totals: Map<string, number>): Promise<void> {
    if (totals.size === 0) return;
    const key = this.#key(warehouseId, date);
    await this.redis
      .multi()
      .del(key)
      .hset(key, Object.fromEntries(totals))
      .expire(key, KEEP_DAYS * 86_400)
      .exec();
  }

  /** Daily sales per SKU over the last `days` days up to (not including) `today`, from the snapshots. */
  async dailySeries(warehouseId: string, today: string, days: number): Promise<Map<string, DailySeries>> {
    const dates = Array.from({ length: days + 1 }, (_, i) => addDays(today, i - days));
    const pipe = this.redis.pipeline();
    for (const d of dates) pipe.hgetall(this.#key(warehouseId, d));
    const replies = (await pipe.exec()) ?? [];
    const snaps: Array<{ date: string; totals: Record<string, string> }> = [];
    replies.forEach(([err, value], i) => {
      if (err) throw err;
      const totals = value as Record<string, string>;
      if (Object.keys(totals).length > 0) snaps.push({ date: dates[i]!, totals });
    });
    const out = new Map<string, DailySeries>();
    const skus = new Set(snaps.flatMap((s) => Object.keys(s.totals)));
    for (const sku of skus) {
      const points = snaps.filter((s) => s.totals[sku] !== undefined);
      if (points.length < 2) continue;
      const values: number[] = [];
      for (let i = 1; i < points.length; i++) {
        const gap = dayNumber(points[i]!.date) - dayNumber(points[i - 1]!.date);
        const sold = Math.max(0, Number(points[i]!.totals[sku]) - Number(points[i - 1]!.totals[sku]));
        for (let g = 0; g < gap; g++) values.push(sold / gap);
      }
      // The day before a snapshot is the last day it covers: the series runs first … today − 1.
      out.set(sku, { startDate: points[0]!.date, values });
    }
    return out;
  }
}
