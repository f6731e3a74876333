import type { EndpointGroup } from '@temu-odoo/temu-connector';

/**
 * Every Temu call admitted by a set of sandboxes, per app key, to measure the busiest sliding
 * windows per app key across all the shops that share it (each sandbox's own stats see one shop).
 * Computed once at the end, from the recorded times, with the same window semantics as the
 * sandbox's limiter: a call at t counts in every window (t − w, t].
 */
export class AdmissionMeter {
  private readonly perGroup = new Map<string, number[]>();
  private readonly perKey = new Map<string, number[]>();

  record = (appKey: string, group: EndpointGroup, nowMs: number): void => {
    const g = `${appKey}\u0000${group}`;
    (this.perGroup.get(g) ?? this.perGroup.set(g, []).get(g)!).push(nowMs);
    (this.perKey.get(appKey) ?? this.perKey.set(appKey, []).get(appKey)!).push(nowMs);
  };

  clear(): void {
    this.perGroup.clear();
    this.perKey.clear();
  }

  /** Busiest minute per app key and group, and busiest second per app key. */
  maxima(): {
    perMinute: Record<string, Partial<Record<EndpointGroup, number>>>;
    perSecond: Record<string, number>;
    calls: Record<string, number>;
  } {
    const perMinute: Record<string, Partial<Record<EndpointGroup, number>>> = {};
    for (const [k, times] of this.perGroup) {
      const [appKey, group] = k.split('\u0000') as [string, EndpointGroup];
      (perMinute[appKey] ??= {})[group] = maxInWindow(times, 60_000);
    }
    const perSecond: Record<string, number> = {};
    const calls: Record<string, number> = {};
    for (const [appKey, times] of this.perKey) {
      perSecond[appKey] = maxInWindow(times, 1_000);
      calls[appKey] = times.length;
    }
    return { perMinute, perSecond, calls };
  }
}

/** Largest number of times inside any window (t − w, t] (times ascend: recorded in call order). */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[start]! <= sorted[end]! - windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
