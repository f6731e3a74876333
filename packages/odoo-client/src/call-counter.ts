/**
 * Counts requests sent to Odoo per `model.method` (retries and start-up calls included), so the
 * adapter's efficiency can be measured: e.g. calls per imported order.
 */
export class CallCounter {
  readonly #counts = new Map<string, number>();

  record(model: string, method: string): void {
    const key = `${model}.${method}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  /** Counts keyed `model.method` (`common.version`, `common.authenticate` for the session calls). */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  total(): number {
    let n = 0;
    for (const v of this.#counts.values()) n += v;
    return n;
  }

  /** Total excluding the `common.*` session calls (version, authenticate). */
  businessTotal(): number {
    let n = 0;
    for (const [k, v] of this.#counts) if (!k.startsWith('common.')) n += v;
    return n;
  }

  reset(): void {
    this.#counts.clear();
  }
}
