import type { Rec } from './model-types.js';

/**
 * The in-memory database: one table per model, per-model id sequences that are never reused
 * (a rolled-back create still uses up its id, fixtures README "order_create"), `ir.sequence`
 * counters, installed modules and company flags.
 */
export class Store {
  private readonly tables = new Map<string, Map<number, Rec>>();
  private readonly nextIds = new Map<string, number>();
  private readonly sequences = new Map<string, number>();
  readonly installedModules = new Set<string>();
  /** Company settings that RPC calls can flip (e.g. the stock_sms warning). */
  readonly flags: Record<string, boolean> = {};
  /** Undo log of the running transaction: first-touch copies (undefined = inserted). */
  private undo: Map<string, Rec | undefined> | null = null;

  table(model: string): Map<number, Rec> {
    let t = this.tables.get(model);
    if (!t) {
      t = new Map();
      this.tables.set(model, t);
    }
    return t;
  }

  get(model: string, id: number): Rec | undefined {
    return this.tables.get(model)?.get(id);
  }

  all(model: string): Rec[] {
    return [...this.table(model).values()];
  }

  /** Takes the next id of a model (PostgreSQL `nextval`). */
  takeId(model: string): number {
    const next = this.nextIds.get(model) ?? 1;
    this.nextIds.set(model, next + 1);
    return next;
  }

  /** Makes sure ids below `id` are never handed out again (seed data with fixed ids). */
  reserveIdsUpTo(model: string, id: number): void {
    if ((this.nextIds.get(model) ?? 1) <= id) this.nextIds.set(model, id + 1);
  }

  insert(model: string, rec: Rec): Rec {
    this.touch(model, rec.id);
    this.table(model).set(rec.id, rec);
    this.reserveIdsUpTo(model, rec.id);
    return rec;
  }

  /** The only way records change, so that a failed call can be rolled back. */
  patch(model: string, rec: Rec, values: Record<string, unknown>): void {
    this.touch(model, rec.id);
    Object.assign(rec, values);
  }

  remove(model: string, id: number): void {
    this.touch(model, id);
    this.tables.get(model)?.delete(id);
  }

  /**
   * Each `execute_kw` is one transaction (docs/odoo-api.md §1.1): effects of a call that raises are undone.
   * Ids and sequence numbers are not given back, like PostgreSQL sequences.
   */
  transaction<T>(fn: () => T): T {
    if (this.undo) return fn();
    const undo = new Map<string, Rec | undefined>();
    this.undo = undo;
    try {
      const result = fn();
      this.undo = null;
      return result;
    } catch (err) {
      this.undo = null;
      for (const [key, prev] of undo) {
        const sep = key.lastIndexOf('#');
        const model = key.slice(0, sep);
        const id = Number(key.slice(sep + 1));
        if (prev) this.table(model).set(id, prev);
        else this.table(model).delete(id);
      }
      throw err;
    }
  }

  private touch(model: string, id: number): void {
    if (!this.undo) return;
    const key = `${model}#${id}`;
    if (this.undo.has(key)) return;
    const current = this.tables.get(model)?.get(id);
    this.undo.set(key, current ? structuredClone(current) : undefined);
  }

  /** `ir.sequence.next_by_code`: returns 1, 2, 3… per key. */
  nextSequence(key: string): number {
    const n = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, n);
    return n;
  }

  models(): string[] {
    return [...this.tables.keys()].sort();
  }
}
