import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { TEMU_DEFAULT_QUOTAS, type EndpointGroup } from '@temu-odoo/temu-connector';

/**
 * Temu's quotas (R18) hold per app key across every replica, so the count lives in Redis. Each call
 * takes one slot in two sliding-window logs at once — its endpoint group's per-minute window and the
 * app key's per-second window — atomically in one Lua script using Redis' own clock, so replicas
 * with skewed clocks still agree. Sliding (not fixed) windows: a fixed window lets 2× the quota
 * through across a window boundary, which Temu's own sliding count would throttle.
 *
 * A throttle answer from Temu (`4000004`) calls `block(group, ms)`: every replica then waits.
 */
const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blocked = redis.call('PTTL', KEYS[1])
if blocked > 0 then return {blocked, now} end
local wait = 0
for i = 2, #KEYS do
  local max = tonumber(ARGV[(i - 2) * 2 + 1])
  local win = tonumber(ARGV[(i - 2) * 2 + 2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - win)
  local n = redis.call('ZCARD', KEYS[i])
  if n >= max then
    local edge = redis.call('ZRANGE', KEYS[i], n - max, n - max, 'WITHSCORES')
    local w = tonumber(edge[2]) + win - now + 1
    if w > wait then wait = w end
  end
end
if wait > 0 then return {wait, now} end
local member = ARGV[#ARGV]
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], now, member)
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[(i - 2) * 2 + 2]) + 1000)
end
return {0, now}
`;

export interface QuotaConfig {
  /** Requests per minute per endpoint group. */
  perMinute: Record<EndpointGroup, number>;
  /** Requests per second per app key, across all groups. */
  perSecond: number;
  /**
   * Added to each window so that network jitter between our clock and Temu's never makes Temu see
   * more than the quota in its own window; costs ~2% of the minute quota.
   */
  safetyMarginMs?: number;
}

/** The connector's Temu quotas (one definition: `TEMU_DEFAULT_QUOTAS`). */
export const DEFAULT_QUOTAS: QuotaConfig = {
  perMinute: { ...TEMU_DEFAULT_QUOTAS.perMinute },
  perSecond: TEMU_DEFAULT_QUOTAS.perSecond,
};

export class TemuQuotaLimiter {
  private readonly tag: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    appKey: string,
    private readonly config: QuotaConfig = DEFAULT_QUOTAS,
  ) {
    // One hash tag per app key: all its limiter keys share a cluster slot, as the script needs.
    this.tag = `${prefix}:{quota:${appKey}}`;
  }

  private keys(group: EndpointGroup): string[] {
    return [`${this.tag}:block:${group}`, `${this.tag}:min:${group}`, `${this.tag}:sec`];
  }

  /** Takes a slot now or returns how many ms to wait before trying again. */
  async tryAcquire(group: EndpointGroup): Promise<number> {
    return (await this.attempt(group)).waitMs;
  }

  /** One atomic attempt; `atMs` is Redis' clock at that moment (the grant time when `waitMs` is 0). */
  private async attempt(group: EndpointGroup): Promise<{ waitMs: number; atMs: number }> {
    const margin = this.config.safetyMarginMs ?? 1_000;
    // The per-second window needs a relatively larger margin: a request granted here can sit a few
    // hundred ms in a busy event loop before Temu counts it (seen with 4 replicas on 2 cores at a
    // 300 ms margin: 1 throttled answer in 70 s). The group quotas together (600/min = 10/s) bind long
    // before 20 per 1.5 s, so this costs no throughput at Temu's figures.
    const args = [
      this.config.perMinute[group],
      60_000 + margin,
      this.config.perSecond,
      1_000 + Math.ceil(margin * 0.5),
      randomUUID(),
    ];
    const [waitMs, atMs] = (await this.redis.eval(ACQUIRE_SCRIPT, 3, ...this.keys(group), ...args)) as [
      number,
      number,
    ];
    return { waitMs: Number(waitMs), atMs: Number(atMs) };
  }

  /** Waits until a slot is free and takes it; resolves with the grant time on Redis' clock. */
  async acquire(group: EndpointGroup, signal?: AbortSignal): Promise<number> {
    for (;;) {
      if (signal?.aborted) throw new Error(`quota wait aborted (${String(signal.reason)})`);
      const { waitMs: wait, atMs } = await this.attempt(group);
      if (wait <= 0) return atMs;
      // Jitter spreads replicas that were all told to wait the same time.
      await sleep(Math.min(wait, 5_000) + Math.floor(Math.random() * 20), signal);
    }
  }

  /** After a throttle answer: no replica calls this group again for `ms`. */
  async block(group: EndpointGroup, ms: number): Promise<void> {
    await this.redis.set(this.keys(group)[0]!, '1', 'PX', Math.max(1, Math.round(ms)));
  }

  /** How long the group is still blocked (0 when not blocked). */
  async blockedForMs(group: EndpointGroup): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.keys(group)[0]!));
  }
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller then sees it aborted). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
