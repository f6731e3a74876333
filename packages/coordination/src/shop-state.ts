import type { Redis } from 'ioredis';
import {
  DAY_MS,
  type MarketplaceSku,
  type OrderVersion,
  type OversellEvent,
  type SyncMode,
} from '@temu-odoo/core';
import { STOCK_SYNC_MODE, shopStateKey } from '@temu-odoo/queues';
import { luaCommand, type LuaCommand } from './lua-command.js';
import { DEFAULT_RETENTION, type StateRetention } from './state-retention.js';

/** Fields read per Redis command when a caller asks about many at once. */
const READ_PAGE = 1_000;
/** Expired synced versions removed per call (the rest go on the next write or poll). */
const PRUNE_PAGE = 1_000;

/** Compare-and-set: ARGV[1] is the value read before ('' = none). */
const ADVANCE_WATERMARK = `
local current = redis.call('GET', KEYS[1])
if (current or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;

// KEYS: synced (hash), synced-at (zset). ARGV: now, retentionMs, then orderRef, version pairs.
// Writes the versions with their write time, then drops up to a page of expired ones.
const MARK_SYNCED_SCRIPT = `
local now = tonumber(ARGV[1])
for i = 3, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('ZADD', KEYS[2], now, ARGV[i])
end
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[2]), 'LIMIT', 0, ${PRUNE_PAGE})
if #expired > 0 then
  redis.call('HDEL', KEYS[1], unpack(expired))
  redis.call('ZREM', KEYS[2], unpack(expired))
end
return #expired
`;

/**
 * What the worker remembers per shop in Redis: watermarks, caches (address, amounts, SKU list),
 * last stock values Temu acknowledged, order velocity and oversell events. All of it can be lost
 * (Redis flushed): reconciliation and the next full passes rebuild it from Temu and Odoo.
 */
export class ShopState {
  private readonly base: string;
  private readonly advanceScript: LuaCommand;
  private readonly markSyncedScript: LuaCommand;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    readonly shopId: string,
    readonly retention: StateRetention = DEFAULT_RETENTION,
  ) {
    this.base = shopStateKey(prefix, shopId, '').slice(0, -1);
    this.advanceScript = luaCommand(redis, 'stateAdvanceWatermark', ADVANCE_WATERMARK, 1);
    this.markSyncedScript = luaCommand(redis, 'stateMarkSynced', MARK_SYNCED_SCRIPT, 2);
  }

  async watermark(kind: 'orders' | 'stock' | 'shipping' | 'aftersales'): Promise<number | null> {
    const v = await this.redis.get(`${this.base}:watermark:${kind}`);
    return v === null ? null : Number(v);
  }

  async setWatermark(kind: 'orders' | 'stock' | 'shipping' | 'aftersales', ms: number): Promise<void> {
    await this.redis.set(`${this.base}:watermark:${kind}`, String(Math.round(ms)));
  }

  /**
   * Moves the watermark from the value a poll read at its start (`fromMs`, null for none) to `toMs`,
   * only if nobody changed it since: after Redis lost its data mid-poll (the value vanished) or the
   * scheduler put it back for recovery, a poll that read the old value must not overwrite that.
   * True when it moved.
   */
  async advanceWatermark(
    kind: 'orders' | 'stock' | 'shipping' | 'aftersales',
    fromMs: number | null,
    toMs: number,
  ): Promise<boolean> {
    const moved = await this.advanceScript(
      `${this.base}:watermark:${kind}`,
      fromMs === null ? '' : String(Math.round(fromMs)),
      String(Math.round(toMs)),
    );
    return moved === 1;
  }

  /** The version (Temu update time and status) of each order last written to Odoo. */
  async syncedVersions(orderRefs: string[]): Promise<Map<string, OrderVersion>> {
    const out = new Map<string, OrderVersion>();
    // In pages: a scan of a large shop asks about far more orders than one call can take.
    for (let i = 0; i < orderRefs.length; i += READ_PAGE) {
      const refs = orderRefs.slice(i, i + READ_PAGE);
      const values = await this.redis.hmget(`${this.base}:synced`, ...refs);
      values.forEach((v, j) => {
        if (v === null) return;
        const [at, status] = v.split('|');
        out.set(refs[j]!, { updatedAtMs: Number(at), status: status ?? '' });
      });
    }
    return out;
  }

  /**
   * Records the versions written, and drops versions not written again within the retention
   * (`syncedVersionsMs`), a page per call. Returns how many it dropped.
   */
  async markSynced(
    versions: Array<{ orderRef: string } & OrderVersion>,
    nowMs = Date.now(),
  ): Promise<number> {
    const args = versions.flatMap((v) => [v.orderRef, `${v.updatedAtMs}|${v.status}`]);
    const dropped = await this.markSyncedScript(
      `${this.base}:synced`,
      `${this.base}:synced-at`,
      nowMs,
      this.retention.syncedVersionsMs,
      ...args,
    );
    return Number(dropped);
  }

  /** Drops expired synced versions (called by each poll, so a shop that stopped selling shrinks too). */
  async pruneSynced(nowMs = Date.now()): Promise<number> {
    let total = 0;
    for (;;) {
      const dropped = await this.markSynced([], nowMs);
      total += dropped;
      if (dropped < PRUNE_PAGE) return total;
    }
  }

  /** Forgets what was cached for finished orders: the buyer's personal data and the amounts. */
  async forgetOrderData(orderRefs: string[]): Promise<void> {
    for (let i = 0; i < orderRefs.length; i += READ_PAGE) {
      const keys = orderRefs
        .slice(i, i + READ_PAGE)
        .flatMap((ref) => [`${this.base}:cache:address:${ref}`, `${this.base}:cache:amounts:${ref}`]);
      if (keys.length) await this.redis.del(...keys);
    }
  }

  async cached<T>(name: string): Promise<T | null> {
    const v = await this.redis.get(`${this.base}:cache:${name}`);
    return v === null ? null : (JSON.parse(v) as T);
  }

  async cache(name: string, value: unknown, ttlMs: number): Promise<void> {
    await this.redis.set(`${this.base}:cache:${name}`, JSON.stringify(value), 'PX', ttlMs);
  }

  async replaceSkus(skus: MarketplaceSku[]): Promise<void> {
    const key = `${this.base}:skus`;
    const tmp = `${key}:tmp`;
    const pipeline = this.redis.multi().del(tmp);
    for (let i = 0; i < skus.length; i += 500) {
      pipeline.hset(tmp, Object.fromEntries(skus.slice(i, i + 500).map((s) => [s.skuId, JSON.stringify(s)])));
    }
    if (skus.length) pipeline.rename(tmp, key);
    else pipeline.del(key);
    pipeline.set(`${key}:refreshed-at`, String(Date.now()));
    await pipeline.exec();
  }

  async skus(): Promise<MarketplaceSku[]> {
    const all = await this.redis.hgetall(`${this.base}:skus`);
    return Object.values(all).map((v) => JSON.parse(v) as MarketplaceSku);
  }

  async skusRefreshedAt(): Promise<number | null> {
    const v = await this.redis.get(`${this.base}:skus:refreshed-at`);
    return v === null ? null : Number(v);
  }

  async acknowledgedStock(): Promise<Map<string, number>> {
    const all = await this.redis.hgetall(`${this.base}:stock-acked`);
    return new Map(Object.entries(all).map(([k, v]) => [k, Number(v)]));
  }

  async acknowledgeStock(values: Array<{ skuId: string; quantity: number }>): Promise<void> {
    if (!values.length) return;
    await this.redis.hset(
      `${this.base}:stock-acked`,
      Object.fromEntries(values.map((v) => [v.skuId, v.quantity])),
    );
  }

  async replaceAcknowledgedStock(values: Array<{ skuId: string; quantity: number }>): Promise<void> {
    const key = `${this.base}:stock-acked`;
    const pipeline = this.redis.multi().del(key);
    for (let i = 0; i < values.length; i += 500) {
      pipeline.hset(key, Object.fromEntries(values.slice(i, i + 500).map((v) => [v.skuId, v.quantity])));
    }
    await pipeline.exec();
  }

  /** Records the newest sweep for each goods; a queued push older than it is superseded. */
  async setLatestPush(goodsIds: string[], seq: number): Promise<void> {
    if (!goodsIds.length) return;
    await this.redis.hset(`${this.base}:stock-latest`, Object.fromEntries(goodsIds.map((g) => [g, seq])));
  }

  async latestPush(goodsId: string): Promise<number | null> {
    const v = await this.redis.hget(`${this.base}:stock-latest`, goodsId);
    return v === null ? null : Number(v);
  }

  /** Units sold per ERP SKU and UTC day, from the orders this service imported (velocity). */
  async recordSales(lines: Array<{ sku: string; quantity: number; atMs: number }>): Promise<void> {
    if (!lines.length) return;
    const pipeline = this.redis.pipeline();
    for (const line of lines) {
      const day = Math.floor(line.atMs / DAY_MS);
      const key = `${this.base}:sales:${day}`;
      pipeline.hincrby(key, line.sku, line.quantity).pexpire(key, 400 * DAY_MS);
    }
    await pipeline.exec();
  }

  async unitsSold(windowDays: number, nowMs: number): Promise<Map<string, number>> {
    const today = Math.floor(nowMs / DAY_MS);
    const pipeline = this.redis.pipeline();
    for (let d = 0; d < Math.ceil(windowDays); d++) pipeline.hgetall(`${this.base}:sales:${today - d}`);
    const totals = new Map<string, number>();
    for (const [, day] of (await pipeline.exec()) ?? []) {
      for (const [sku, units] of Object.entries((day ?? {}) as Record<string, string>)) {
        totals.set(sku, (totals.get(sku) ?? 0) + Number(units));
      }
    }
    return totals;
  }

  async recordOversell(events: OversellEvent[], keepMs: number): Promise<void> {
    if (!events.length) return;
    const key = `${this.base}:oversell`;
    const pipeline = this.redis.pipeline();
    for (const e of events) pipeline.zadd(key, e.atMs, `${e.orderRef}|${e.oversold ? 1 : 0}`);
    pipeline.zremrangebyscore(key, '-inf', Date.now() - keepMs);
    await pipeline.exec();
  }

  async oversellEvents(sinceMs: number): Promise<OversellEvent[]> {
    const flat = await this.redis.zrangebyscore(`${this.base}:oversell`, sinceMs, '+inf', 'WITHSCORES');
    const out: OversellEvent[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const [orderRef, flag] = flat[i]!.split('|');
      out.push({ orderRef: orderRef!, oversold: flag === '1', atMs: Number(flat[i + 1]) });
    }
    return out;
  }

  async syncMode(): Promise<SyncMode> {
    return ((await this.redis.get(`${this.base}:${STOCK_SYNC_MODE}`)) as SyncMode | null) ?? 'normal';
  }

  async setSyncMode(mode: SyncMode): Promise<void> {
    await this.redis.set(`${this.base}:${STOCK_SYNC_MODE}`, mode);
  }

  /** Once-only marker (e.g. a delivery's tracking uploaded); true when this call set it. */
  async markOnce(name: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.base}:once:${name}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
  }

  /** Which of these once-only markers are set (one round trip per page of names). */
  async markedAmong(names: string[]): Promise<Set<string>> {
    const marked = new Set<string>();
    for (let i = 0; i < names.length; i += READ_PAGE) {
      const page = names.slice(i, i + READ_PAGE);
      const pipeline = this.redis.pipeline();
      for (const name of page) pipeline.exists(`${this.base}:once:${name}`);
      const replies = (await pipeline.exec()) ?? [];
      replies.forEach(([err, n], j) => {
        if (err) throw err;
        if (n === 1) marked.add(page[j]!);
      });
    }
    return marked;
  }

  async isMarked(name: string): Promise<boolean> {
    return (await this.redis.exists(`${this.base}:once:${name}`)) === 1;
  }

  async unmark(name: string): Promise<void> {
    await this.redis.del(`${this.base}:once:${name}`);
  }
}

/**
 * Operator gauges the dashboard exports on /metrics (`temu_odoo_<field>`). The write time of each
 * goes to a sorted set, so `pruneGauges` can drop the gauges nobody refreshes (a removed shop's).
 */
export async function setGauge(redis: Redis, prefix: string, field: string, value: number): Promise<void> {
  // `{metrics}` is a Redis Cluster hash tag: the gauges hash and its sorted set share one slot, as
  // this MULTI needs on a cluster (README "Redis Cluster").
  await redis
    .multi()
    .hset(`${prefix}:state:{metrics}`, field, String(value))
    .zadd(`${prefix}:state:{metrics}-at`, Date.now(), field)
    .exec();
}

/** Removes gauges not written for `maxAgeMs`; returns their names. */
export async function pruneGauges(redis: Redis, prefix: string, maxAgeMs: number): Promise<string[]> {
  const at = `${prefix}:state:{metrics}-at`;
  const stale = await redis.zrangebyscore(at, '-inf', Date.now() - maxAgeMs, 'LIMIT', 0, 1000);
  if (stale.length)
    await redis
      .multi()
      .hdel(`${prefix}:state:{metrics}`, ...stale)
      .zrem(at, ...stale)
      .exec();
  return stale;
}
