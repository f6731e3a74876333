import type { Redis } from 'ioredis';
import type { Order } from '@temu-odoo/core';

/**
 * Orders read from Temu wait here until the `odoo` queue writes them in batches: batching is what
 * brings Odoo down to ~1.5 calls per order (ARCHITECTURE "odoo … batched"). Per shop, two hashes:
 * `pending` (orderRef → order JSON, the newest Temu update wins) and `claimed` (orders a flush is
 * writing, with the claim time). A flush that dies (SIGKILL) leaves its claims behind; the next
 * flush takes claims older than the lease back, so an order is never dropped between Temu and Odoo.
 */

const ADD_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local ok, decoded = pcall(cjson.decode, current)
  if ok and tonumber(decoded['updatedAtMs']) > tonumber(ARGV[3]) then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

// KEYS: pending, claimed, claimedAt. ARGV: max, now, leaseMs.
const CLAIM_SCRIPT = `
local now = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
local stale = {}
local claimedAt = redis.call('HGETALL', KEYS[3])
for i = 1, #claimedAt, 2 do
  if tonumber(claimedAt[i + 1]) + lease < now then table.insert(stale, claimedAt[i]) end
end
for _, ref in ipairs(stale) do
  local body = redis.call('HGET', KEYS[2], ref)
  redis.call('HDEL', KEYS[2], ref)
  redis.call('HDEL', KEYS[3], ref)
  if body and redis.call('HEXISTS', KEYS[1], ref) == 0 then redis.call('HSET', KEYS[1], ref, body) end
end
local max = tonumber(ARGV[1])
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
  redis.call('HSET', KEYS[3], out[i], now)
end
return out
`;

export class UpsertBuffer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly leaseMs = 30_000,
  ) {}

  private keys(shopId: string): [string, string, string] {
    // One hash tag per shop keeps the three hashes in one cluster slot for the scripts.
    const base = `${this.prefix}:{upserts:${shopId}}`;
    return [`${base}:pending`, `${base}:claimed`, `${base}:claimed-at`];
  }

  /** Adds or replaces the order unless a newer version of it is already pending. */
  async add(order: Order): Promise<boolean> {
    const [pending] = this.keys(order.shopId);
    const added = await this.redis.eval(
      ADD_SCRIPT,
      1,
      pending,
      order.orderRef,
      JSON.stringify(order),
      order.updatedAtMs,
    );
    return Number(added) === 1;
  }

  /** Moves up to `max` pending orders to `claimed` (also reclaiming expired claims) and returns them. */
  async claim(shopId: string, max: number): Promise<Order[]> {
    const flat = (await this.redis.eval(
      CLAIM_SCRIPT,
      3,
      ...this.keys(shopId),
      max,
      Date.now(),
      this.leaseMs,
    )) as string[];
    const orders: Order[] = [];
    for (let i = 1; i < flat.length; i += 2) orders.push(JSON.parse(flat[i]!) as Order);
    return orders;
  }

  /** Done with these orders (written, parked or superseded). */
  async ack(shopId: string, orderRefs: string[]): Promise<void> {
    if (!orderRefs.length) return;
    const [, claimed, claimedAt] = this.keys(shopId);
    await this.redis
      .multi()
      .hdel(claimed, ...orderRefs)
      .hdel(claimedAt, ...orderRefs)
      .exec();
  }

  /** Puts claimed orders back for a later flush (retryable failure), unless a newer one arrived. */
  async release(shopId: string, orders: Order[]): Promise<void> {
    for (const order of orders) await this.add(order);
    await this.ack(
      shopId,
      orders.map((o) => o.orderRef),
    );
  }

  async size(shopId: string): Promise<{ pending: number; claimed: number }> {
    const [pending, claimed] = this.keys(shopId);
    const [p, c] = await Promise.all([this.redis.hlen(pending), this.redis.hlen(claimed)]);
    return { pending: p, claimed: c };
  }
}
