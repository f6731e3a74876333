import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaCommand, type LuaCommand } from './lua-command.js';

const RELEASE_SCRIPT = `
local released = 0
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key); released = released + 1 end
end
return released
`;

// Returns the indexes (1-based) of the keys still held by the token, after extending them.
const EXTEND_SCRIPT = `
local held = {}
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
    table.insert(held, i)
  end
end
return held
`;

/**
 * Per-order locks around search-before-create in the ERP (R8): two workers can never write the same
 * marketplace order at once. A lock expires by itself (`ttlMs`), so a SIGKILLed holder blocks the order only
 * until then; a token makes sure one holder never releases another's lock.
 */
export class OrderLocks {
  private readonly releaseScript: LuaCommand;
  private readonly extendScript: LuaCommand;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    // Variable key counts: the key count goes first in each call.
    this.releaseScript = luaCommand(redis, 'locksRelease', RELEASE_SCRIPT);
    this.extendScript = luaCommand(redis, 'locksExtend', EXTEND_SCRIPT);
  }

  private key(shopId: string, orderRef: string): string {
    // One hash tag per shop: the multi-key release script stays within one cluster slot.
    return `${this.prefix}:{locks:${shopId}}:order:${orderRef}`;
  }

  /** Tries to lock every order; returns the token and which orders it got. */
  async acquire(
    shopId: string,
    orderRefs: string[],
    ttlMs: number,
  ): Promise<{ token: string; locked: Set<string> }> {
    const token = randomUUID();
    const pipeline = this.redis.pipeline();
    for (const ref of orderRefs) pipeline.set(this.key(shopId, ref), token, 'PX', ttlMs, 'NX');
    const results = (await pipeline.exec()) ?? [];
    const locked = new Set<string>();
    results.forEach(([err, reply], i) => {
      if (!err && reply === 'OK') locked.add(orderRefs[i]!);
    });
    return { token, locked };
  }

  /**
   * Extends the locks this token still holds (a long batch keeps its orders) and returns the orders
   * it still holds: a lock missing from the answer expired or was taken by another worker, and its
   * holder must not write that order any more. Redis errors are thrown, never taken for "held".
   */
  async extend(
    shopId: string,
    orderRefs: Iterable<string>,
    token: string,
    ttlMs: number,
  ): Promise<Set<string>> {
    const refs = [...orderRefs];
    if (!refs.length) return new Set();
    const keys = refs.map((ref) => this.key(shopId, ref));
    const held = (await this.extendScript(keys.length, ...keys, token, ttlMs)) as number[];
    return new Set(held.map((i) => refs[i - 1]!));
  }

  async release(shopId: string, orderRefs: Iterable<string>, token: string): Promise<void> {
    const keys = [...orderRefs].map((ref) => this.key(shopId, ref));
    if (keys.length) await this.releaseScript(keys.length, ...keys, token);
  }
}
