/**
 * Counts rejected requests per client address in a sliding window and says when a client must wait.
 * Webhook verification is cheap to probe (one HTTP request per guess); capping failures makes any
 * guessing attack — against the signature or the cipher — slow and loud. One process's memory: a
 * replica enforces its own share, which is enough for a brake.
 */
export interface FailureLimiterOptions {
  /** Failures one address may cause per window before it is refused outright. */
  perAddress: number;
  /** Failures all addresses together may cause per window (many addresses, one attacker). */
  total: number;
  windowMs: number;
  /** Addresses remembered at most; the oldest are forgotten first. */
  maxTracked?: number;
  now?: () => number;
}

const TOTAL = '*';

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly maxTracked: number;

  constructor(private readonly options: FailureLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.maxTracked = options.maxTracked ?? 10_000;
  }

  /** 0 when `address` may be served; otherwise how long until its oldest counted failure expires. */
  retryAfterMs(address: string): number {
    return Math.max(this.waitFor(address, this.options.perAddress), this.waitFor(TOTAL, this.options.total));
  }

  recordFailure(address: string): void {
    for (const key of [address, TOTAL]) {
      const times = this.recent(key);
      times.push(this.now());
      this.failures.delete(key);
      this.failures.set(key, times);
    }
    while (this.failures.size > this.maxTracked + 1) {
      const oldest = [...this.failures.keys()].find((k) => k !== TOTAL)!;
      this.failures.delete(oldest);
    }
  }

  private waitFor(key: string, limit: number): number {
    const times = this.recent(key);
    if (times.length < limit) return 0;
    return times[times.length - limit]! + this.options.windowMs - this.now();
  }

  /** The key's failures still inside the window (older ones dropped in place). */
  private recent(key: string): number[] {
    const times = this.failures.get(key) ?? [];
    const since = this.now() - this.options.windowMs;
    while (times.length && times[0]! <= since) times.shift();
    return times;
  }
}
