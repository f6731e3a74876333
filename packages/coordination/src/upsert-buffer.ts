import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ORDER_STATUS_RANK, type Order } from '@temu-odoo/core';
import { luaCommand, type LuaCommand } from './lua-command.js';

/**
 * Orders read from the marketplace wait here until the ERP queue writes them in batches: batching is
 * what brings the ERP down to ~1.5 calls per order (ARCHITECTURE "odoo … batched"). Per shop, three
 * hashes: `pending` (orderRef → order JSON, the newest version wins), `claimed` (the orders a flush is
 * writing) and `claims` (orderRef → `token|lease end`, who holds each claim and until when).
 *
 * A claim is owned: each flush claims under its own token, renews its lease while it writes, and
 * acks or releases only the claims that still carry its token — all in Lua, so no interleaving of
 * two flushes can erase the other's claim. A flush that dies (SIGKILL) stops renewing; the next
 * claim after the lease takes its orders back, so an order never leaves the buffer unwritten.
 * Lease times come from Redis's own clock (TIME), so workers' clocks need not agree.
 */

/**
 * Lua helpers shared by the scripts: server time, claim parsing, and the order of versions of core's
 * compareOrderVersions (update time, then status rank within one second).
 */
const LUA_HELPERS = `
local RANK = cjson.decode('${JSON.stringify(ORDER_STATUS_RANK)}')
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function claimOf(value)
  if not value then return nil, 0 end
  local sep = string.find(value, '|', 1, true)
  return string.sub(value, 1, sep - 1), tonumber(string.sub(value, sep + 1))
end
local function versionOf(body)
  local ok, decoded = pcall(cjson.decode, body)
  if not ok then return -1, -1 end
  return tonumber(decoded['updatedAtMs']) or -1, RANK[decoded['status']] or -1
end
-- True when the stored order JSON is a newer version than the incoming one (keep it then).
local function storedIsNewer(stored, incoming)
  if not stored then return false end
  local storedAt, storedRank = versionOf(stored)
  local at, rank = versionOf(incoming)
  if storedAt ~= at then return storedAt > at end
  return storedRank > rank
end
`;

// KEYS: pending. ARGV: orderRef, order JSON.
const ADD_SCRIPT = `${LUA_HELPERS}
if storedIsNewer(redis.call('HGET', KEYS[1], ARGV[1]), ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

// KEYS: pending, claimed, claims. ARGV: max, leaseMs, token.
const CLAIM_SCRIPT = `${LUA_HELPERS}
local now = nowMs()
local claims = redis.call('HGETALL', KEYS[3])
for i = 1, #claims, 2 do
  local ref = claims[i]
  local _, leaseEnd = claimOf(claims[i + 1])
  if leaseEnd < now then
    local body = redis.call('HGET', KEYS[2], ref)
    redis.call('HDEL', KEYS[2], ref)
    redis.call('HDEL', KEYS[3], ref)
    if body and not storedIsNewer(redis.call('HGET', KEYS[1], ref), body) then
      redis.call('HSET', KEYS[1], ref, body)
    end
  end
end
local max = tonumber(ARGV[1])
local owner = ARGV[3] .. '|' .. (now + tonumber(ARGV[2]))
local out = {}
local cursor = '0'
repeat
  local page = redis.call('HSCAN', KEYS[1], cursor, 'COUNT', max)
  cursor = page[1]
  local fields = page[2]
  for i = 1, #fields, 2 do
    if #out < max * 2 and redis.call('HEXISTS', KEYS[3], fields[i]) == 0 then
      table.insert(out, fields[i])
      table.insert(out, fields[i + 1])
    end
  end
until cursor == '0' or #out >= max * 2
for i = 1, #out, 2 do
  redis.call('HDEL', KEYS[1], out[i])
  redis.call('HSET', KEYS[2], out[i], out[i + 1])
  redis.call('HSET', KEYS[3], out[i], owner)
end
return out
`;

// KEYS: claims. ARGV: token, leaseMs, orderRefs… Returns the refs still held.
const RENEW_SCRIPT = `${LUA_HELPERS}
local owner = ARGV[1] .. '|' .. (nowMs() + tonumber(ARGV[2]))
local held = {}
for i = 3, #ARGV do
  local token = claimOf(redis.call('HGET', KEYS[1], ARGV[i]))
  if token == ARGV[1] then
    redis.call('HSET', KEYS[1], ARGV[i], owner)
    table.insert(held, ARGV[i])
  end
end
return held
`;

// KEYS: pending, claimed, claims. ARGV: token, mode ('ack' | 'release'), orderRefs…
// Acts only on claims that carry the token; 'release' puts the claimed version back in pending
// unless a newer one arrived meanwhile. Returns how many claims it settled.
const SETTLE_SCRIPT = `${LUA_HELPERS}
local settled = 0
for i = 3, #ARGV do
  local ref = ARGV[i]
  local token = claimOf(redis.call('HGET', KEYS[3], ref))
  if token == ARGV[1] then
    local body = redis.call('HGET', KEYS[2], ref)
    redis.call('HDEL', KEYS[2], ref)
    redis.call('HDEL', KEYS[3], ref)
    if ARGV[2] == 'release' and body and not storedIsNewer(redis.call('HGET', KEYS[1], ref), body) then
      redis.call('HSET', KEYS[1], ref, body)
    end
    settled = settled + 1
  end
end
return settled
`;

/** What one flush claimed: its token and the orders. */
export interface BufferClaim {
  token: string;
  orders: Order[];
}

export class UpsertBuffer {
  private readonly addScript: LuaCommand;
  private readonly claimScript: LuaCommand;
  private readonly renewScript: LuaCommand;
  private readonly settleScript: LuaCommand;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly leaseMs = 30_000,
  ) {
    this.addScript = luaCommand(redis, 'bufferAdd', ADD_SCRIPT, 1);
    this.claimScript = luaCommand(redis, 'bufferClaim', CLAIM_SCRIPT, 3);
    this.renewScript = luaCommand(redis, 'bufferRenew', RENEW_SCRIPT, 1);
    this.settleScript = luaCommand(redis, 'bufferSettle', SETTLE_SCRIPT, 3);
  }

  private keys(shopId: string): [pending: string, claimed: string, claims: string] {
    // One hash tag per shop keeps the three hashes in one cluster slot for the scripts.
    const base = `${this.prefix}:{upserts:${shopId}}`;
    return [`${base}:pending`, `${base}:claimed`, `${base}:claims`];
  }

  /** Adds or replaces the order unless a newer version of it is already pending. */
  async add(order: Order): Promise<boolean> {
    const [pending] = this.keys(order.shopId);
    const added = await this.addScript(pending, order.orderRef, JSON.stringify(order));
    return Number(added) === 1;
  }

  /**
   * Claims up to `max` pending orders under a new token (first taking back claims whose lease ran
   * out). Renew with `renew` while writing; finish with `ack` or `release`.
   */
  async claim(shopId: string, max: number): Promise<BufferClaim> {
    const token = randomUUID();
    const flat = (await this.claimScript(...this.keys(shopId), max, this.leaseMs, token)) as string[];
    const orders: Order[] = [];
    for (let i = 1; i < flat.length; i += 2) orders.push(JSON.parse(flat[i]!) as Order);
    return { token, orders };
  }

  /** Extends the lease of the claims this token still holds; returns their order refs. */
  async renew(shopId: string, claim: BufferClaim): Promise<Set<string>> {
    if (!claim.orders.length) return new Set();
    const [, , claims] = this.keys(shopId);
    const held = (await this.renewScript(
      claims,
      claim.token,
      this.leaseMs,
      ...claim.orders.map((o) => o.orderRef),
    )) as string[];
    return new Set(held);
  }

  /**
   * Runs `work` while renewing the claim's lease every third of it, so a slow ERP never lets the
   * claim lapse while its holder is alive. `onLost` hears of orders whose claim was taken anyway
   * (a stall longer than the lease): their ack and release then do nothing, by design.
   */
  async whileHeld<T>(
    shopId: string,
    claim: BufferClaim,
    work: () => Promise<T>,
    onLost: (orderRefs: string[], err?: Error) => void,
  ): Promise<T> {
    const timer = setInterval(() => {
      this.renew(shopId, claim).then(
        (held) => {
          const lost = claim.orders.map((o) => o.orderRef).filter((ref) => !held.has(ref));
          if (lost.length) onLost(lost);
        },
        (err: Error) => onLost([], err),
      );
    }, this.leaseMs / 3);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  /** Done with these orders (written, parked or superseded); returns how many claims it settled. */
  async ack(shopId: string, claim: BufferClaim, orderRefs: string[]): Promise<number> {
    return this.settle(shopId, claim.token, 'ack', orderRefs);
  }

  /** Puts claimed orders back for a later flush (retryable failure), unless a newer one arrived. */
  async release(shopId: string, claim: BufferClaim, orderRefs: string[]): Promise<number> {
    return this.settle(shopId, claim.token, 'release', orderRefs);
  }

  private async settle(
    shopId: string,
    token: string,
    mode: 'ack' | 'release',
    orderRefs: string[],
  ): Promise<number> {
    if (!orderRefs.length) return 0;
    const settled = await this.settleScript(...this.keys(shopId), token, mode, ...orderRefs);
    return Number(settled);
  }

  async size(shopId: string): Promise<{ pending: number; claimed: number }> {
    const [pending, claimed] = this.keys(shopId);
    const [p, c] = await Promise.all([this.redis.hlen(pending), this.redis.hlen(claimed)]);
    return { pending: p, claimed: c };
  }
}
