/** Counters by key: ORM calls per "model.method" (and per `common` function), or HTTP requests per "METHOD path". */
export interface StatsSnapshot {
  totalCalls: number;
  calls: Record<string, number>;
  /** Milliseconds spent inside ORM methods (synchronous: the sandbox's event loop is busy meanwhile). */
  busyMs: number;
  since: string;
}

export class Stats {
  private calls = new Map<string, number>();
  private total = 0;
  private busy = 0;
  private since = new Date();

  addBusy(ms: number): void {
    this.busy += ms;
  }

  record(key: string): void {
    this.total += 1;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    const calls: Record<string, number> = {};
    for (const [k, v] of [...this.calls.entries()].sort(([a], [b]) => a.localeCompare(b))) calls[k] = v;
    return {
      totalCalls: this.total,
      calls,
      busyMs: Math.round(this.busy * 1000) / 1000,
      since: this.since.toISOString(),
    };
  }

  reset(): void {
    this.calls.clear();
    this.total = 0;
    this.busy = 0;
    this.since = new Date();
  }
}
