import type { Redis } from 'ioredis';
import { DAY_MS, dayOf } from '@temu-odoo/core';
import { shopStateKey, type TemuGroup } from '@temu-odoo/queues';

/** Lag samples kept per shop and day for the percentiles (the newest; enough for p95 within a point or two). */
const LAG_SAMPLES = 1_000;
const TWO_DAYS_S = (2 * DAY_MS) / 1000;
const MINUTE_MS = 60_000;
export const TEMU_GROUPS: TemuGroup[] = ['orders', 'inventory', 'products', 'shipping', 'finance'];

/**
 * Small per-day counters of the health page that are not seller metrics: orders written to the ERP
 * today with their lag (marketplace update → ERP write), stock pushes today. Keys expire after two
 * days; each is one or two Redis commands per batch.
 */
export class DailyCounters {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly shopId: string,
  ) {}

  private key(name: string, day: number): string {
    return shopStateKey(this.prefix, this.shopId, `daily:${name}:${day}`);
  }

  async recordImported(lagsMs: number[], nowMs: number): Promise<void> {
    if (!lagsMs.length) return;
    const day = dayOf(nowMs);
    const lags = this.key('lag-ms', day);
    const count = this.key('imported', day);
    await this.redis
      .multi()
      .incrby(count, lagsMs.length)
      .expire(count, TWO_DAYS_S)
      .lpush(lags, ...lagsMs.slice(-LAG_SAMPLES).map((ms) => String(Math.max(0, Math.round(ms)))))
      .ltrim(lags, 0, LAG_SAMPLES - 1)
      .expire(lags, TWO_DAYS_S)
      .exec();
  }

  async recordStockPushes(count: number, nowMs: number): Promise<void> {
    if (count <= 0) return;
    const key = this.key('stock-pushes', dayOf(nowMs));
    await this.redis.multi().incrby(key, count).expire(key, TWO_DAYS_S).exec();
  }

  async today(
    nowMs: number,
  ): Promise<{ imported: number; stockPushes: number; lagP50Ms: number | null; lagP95Ms: number | null }> {
    const day = dayOf(nowMs);
    const [imported, pushes, lags] = await Promise.all([
      this.redis.get(this.key('imported', day)),
      this.redis.get(this.key('stock-pushes', day)),
      this.redis.lrange(this.key('lag-ms', day), 0, -1),
    ]);
    const sorted = lags.map(Number).sort((a, b) => a - b);
    return {
      imported: Number(imported ?? 0),
      stockPushes: Number(pushes ?? 0),
      lagP50Ms: percentile(sorted, 0.5),
      lagP95Ms: percentile(sorted, 0.95),
    };
  }
}

/** Nearest-rank percentile of sorted values (p95 of 20 values is the 19th). */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** Temu calls per endpoint group and minute, fleet-wide (the health page's quota use). */
export async function countTemuCall(
  redis: Redis,
  prefix: string,
  group: TemuGroup,
  nowMs = Date.now(),
): Promise<void> {
  // Hash tag per group: the last hour's 60 minute keys share a cluster slot for one MGET.
  const key = `${prefix}:state:{quota-use:${group}}:${Math.floor(nowMs / MINUTE_MS)}`;
  await redis.multi().incr(key).expire(key, 7_200).exec();
}

/** Temu calls per group over the last 60 minutes (this minute included). */
export async function temuCallsLastHour(
  redis: Redis,
  prefix: string,
  nowMs: number,
): Promise<Record<TemuGroup, number>> {
  const minute = Math.floor(nowMs / MINUTE_MS);
  const out = {} as Record<TemuGroup, number>;
  for (const group of TEMU_GROUPS) {
    const keys = Array.from({ length: 60 }, (_, i) => `${prefix}:state:{quota-use:${group}}:${minute - i}`);
    out[group] = (await redis.mget(...keys)).reduce((sum, v) => sum + Number(v ?? 0), 0);
  }
  return out;
}
