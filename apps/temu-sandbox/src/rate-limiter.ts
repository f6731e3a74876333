import { TEMU_DEFAULT_QUOTAS } from '@temu-odoo/temu-connector';
import type { EndpointGroup } from './api-types.js';

export interface RateLimitConfig {
  /** Requests per second per app key (docs/temu-api.md §6: 20 by default). */
  appKeyPerSecond: number;
  /** Requests per minute per app key and endpoint group (mission R18 seed figures). */
  groupPerMinute: Record<EndpointGroup, number>;
  /** Also answer HTTP 429 on throttled calls (Temu's body is the same either way). */
  throttleHttp429: boolean;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  appKeyPerSecond: TEMU_DEFAULT_QUOTAS.perSecond,
  groupPerMinute: { ...TEMU_DEFAULT_QUOTAS.perMinute },
  throttleHttp429: false,
};

/** What callers may override: any subset, down to a single group. */
export interface RateLimitOverrides {
  appKeyPerSecond?: number;
  groupPerMinute?: Partial<Record<EndpointGroup, number>>;
  throttleHttp429?: boolean;
}

export function resolveRateLimits(partial: RateLimitOverrides = {}): RateLimitConfig {
  return {
    appKeyPerSecond: partial.appKeyPerSecond ?? DEFAULT_RATE_LIMITS.appKeyPerSecond,
    groupPerMinute: { ...DEFAULT_RATE_LIMITS.groupPerMinute, ...partial.groupPerMinute },
    throttleHttp429: partial.throttleHttp429 ?? DEFAULT_RATE_LIMITS.throttleHttp429,
  };
}

/**
 * Sliding-window log: keeps the admission times of the last window per key. A call is admitted only
 * if, counting it, no window of `windowMs` ending now holds more than `limit` admitted calls, so the
 * limit holds over every sliding window, not just aligned ones.
 */
export class SlidingWindowLog {
  private readonly times = new Map<string, number[]>();

  constructor(readonly windowMs: number) {}

  count(key: string, now: number): number {
    const list = this.times.get(key);
    if (!list) return 0;
    let drop = 0;
    while (drop < list.length && list[drop]! <= now - this.windowMs) drop++;
    if (drop > 0) list.splice(0, drop);
    return list.length;
  }

  /** Records an admission and returns the count in the window including it. */
  add(key: string, now: number): number {
    const n = this.count(key, now);
    const list = this.times.get(key) ?? [];
    list.push(now);
    this.times.set(key, list);
    return n + 1;
  }

  clear(): void {
    this.times.clear();
  }
}

export type ThrottleReason = 'appKeyPerSecond' | 'groupPerMinute';

/** The two limits of docs/temu-api.md §6 / R18, checked together so a rejected call spends neither. */
export class RateLimiter {
  private readonly perSecond = new SlidingWindowLog(1000);
  private readonly perMinute = new SlidingWindowLog(60_000);

  constructor(public config: RateLimitConfig) {}

  /** Admits the call (and records it) or returns why it is throttled. */
  tryAdmit(appKey: string, group: EndpointGroup, now: number): ThrottleReason | null {
    const groupKey = `${appKey}\u0000${group}`;
    if (this.perSecond.count(appKey, now) >= this.config.appKeyPerSecond) return 'appKeyPerSecond';
    if (this.perMinute.count(groupKey, now) >= this.config.groupPerMinute[group]) return 'groupPerMinute';
    this.perSecond.add(appKey, now);
    this.perMinute.add(groupKey, now);
    return null;
  }

  reset(): void {
    this.perSecond.clear();
    this.perMinute.clear();
  }
}
