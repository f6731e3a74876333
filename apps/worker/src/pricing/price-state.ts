import type { Redis } from 'ioredis';
import { lastPricePlanKey, type PricePlanTable } from '@temu-odoo/queues';

const DAY_START_TTL_S = 2 * 24 * 3600;

/**
 * The pricing memory of one shop in Redis: the price Temu lists per SKU as we last learned it, the
 * target of SKUs with a price order under review (not pushed again meanwhile), the target Temu last
 * answered, and each SKU's listed price at the start of the UTC day (the reference of the daily cap).
 */
export class PriceState {
  readonly #redis: Redis;
  readonly #base: string;

  readonly #lastPlanKey: string;

  constructor(redis: Redis, prefix: string, shopId: string) {
    this.#redis = redis;
    this.#base = `${prefix}:pricing:${shopId}`;
    this.#lastPlanKey = lastPricePlanKey(prefix, shopId);
  }

  async listed(): Promise<Map<string, number>> {
    return numbers(await this.#redis.hgetall(`${this.#base}:listed`));
  }

  async setListed(prices: Array<{ skuId: string; priceMinor: number }>): Promise<void> {
    if (prices.length === 0) return;
    await this.#redis.hset(
      `${this.#base}:listed`,
      Object.fromEntries(prices.map((p) => [p.skuId, p.priceMinor])),
    );
  }

  async pending(): Promise<Map<string, number>> {
    return numbers(await this.#redis.hgetall(`${this.#base}:pending`));
  }

  async setPending(prices: Array<{ skuId: string; priceMinor: number }>): Promise<void> {
    if (prices.length === 0) return;
    await this.#redis.hset(
      `${this.#base}:pending`,
      Object.fromEntries(prices.map((p) => [p.skuId, p.priceMinor])),
    );
  }

  async clearPending(skuIds: string[]): Promise<void> {
    if (skuIds.length > 0) await this.#redis.hdel(`${this.#base}:pending`, ...skuIds);
  }

  /**
   * The target of each SKU's last price order that Temu closed (passed, countered, rejected): the
   * same target is not filed again, so a plan with nothing changed makes no Temu call.
   */
  async answered(): Promise<Map<string, number>> {
    return numbers(await this.#redis.hgetall(`${this.#base}:answered`));
  }

  async setAnswered(targets: Array<{ skuId: string; priceMinor: number }>): Promise<void> {
    if (targets.length === 0) return;
    await this.#redis.hset(
      `${this.#base}:answered`,
      Object.fromEntries(targets.map((t) => [t.skuId, t.priceMinor])),
    );
  }

  /** The last plan's table (what `pnpm ops prices` prints), kept for a week. */
  async saveLastPlan(table: PricePlanTable): Promise<void> {
    await this.#redis.set(this.#lastPlanKey, JSON.stringify(table), 'EX', 7 * 24 * 3600);
  }

  async lastPlan(): Promise<PricePlanTable | null> {
    const raw = await this.#redis.get(this.#lastPlanKey);
    return raw === null ? null : (JSON.parse(raw) as PricePlanTable);
  }

  /** Start-of-day prices of `day` (YYYY-MM-DD). */
  async dayStart(day: string): Promise<Map<string, number>> {
    return numbers(await this.#redis.hgetall(`${this.#base}:day:${day}`));
  }

  /** Records start-of-day prices for SKUs that have none yet today (the first move of the day). */
  async rememberDayStart(day: string, prices: Array<{ skuId: string; priceMinor: number }>): Promise<void> {
    if (prices.length === 0) return;
    const key = `${this.#base}:day:${day}`;
    const pipeline = this.#redis.multi();
    for (const p of prices) pipeline.hsetnx(key, p.skuId, String(p.priceMinor));
    pipeline.expire(key, DAY_START_TTL_S);
    await pipeline.exec();
  }
}

function numbers(raw: Record<string, string>): Map<string, number> {
  return new Map(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
}
