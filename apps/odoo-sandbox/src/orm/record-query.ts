/**
 * Search and sort of in-memory records with the field reader passed in. The ORM's values module
 * resolves one2many fields by searching, and searching reads values: taking the reader as an
 * argument keeps that recursion at run time, not in the import graph (see orm/search.ts for the
 * bound version business code uses).
 */
import { compileDomain, domainMentions } from '../domain-filter.js';
import { valueError } from '../errors.js';
import type { Env, ModelDef, Rec, RecordReader } from '../model-types.js';
import { fieldsOf, getModel } from '../registry.js';

export interface SearchOptions {
  offset?: number;
  limit?: number | null;
  order?: string | null;
  /** Hide archived records unless `context.active_test === false` (default true). */
  activeTest?: boolean;
}

type OrderTerm = { field: string; desc: boolean };

function parseOrder(env: Env, model: ModelDef, order: string): OrderTerm[] {
  const fields = fieldsOf(env, model);
  return order
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((term) => {
      const [field = '', dir = 'asc'] = term.split(/\s+/);
      if (!fields[field])
        throw valueError(
          `Invalid "order" specified (${order}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
        );
      return { field, desc: dir.toLowerCase() === 'desc' };
    });
}

function sortKey(v: unknown, type: string | undefined): unknown {
  if (type === 'boolean') return v ? 1 : 0;
  if (v === false || v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/** Sorts like PostgreSQL: NULLs last when ascending, first when descending; ties by id. */
export function sortRecordsWith(
  read: RecordReader,
  env: Env,
  model: ModelDef,
  recs: Rec[],
  order: string,
): Rec[] {
  const terms = parseOrder(env, model, order);
  const fields = fieldsOf(env, model);
  const keyed = recs.map((rec) => ({
    rec,
    keys: terms.map((t) => sortKey(read.rawValue(env, model, rec, t.field), fields[t.field]?.type)),
  }));
  keyed.sort((x, y) => {
    for (let i = 0; i < terms.length; i++) {
      const a = x.keys[i];
      const b = y.keys[i];
      const desc = terms[i]!.desc;
      if (a === b) continue;
      if (a === null) return desc ? -1 : 1;
      if (b === null) return desc ? 1 : -1;
      let c: number;
      if (typeof a === 'string' && typeof b === 'string') c = a.localeCompare(b, 'en');
      else c = (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
      if (c !== 0) return desc ? -c : c;
    }
    return x.rec.id - y.rec.id;
  });
  return keyed.map((k) => k.rec);
}

export function searchRecordsWith(
  read: RecordReader,
  env: Env,
  modelName: string,
  domain: unknown[],
  opts: SearchOptions = {},
): Rec[] {
  const model = getModel(env, modelName);
  if (!model) return [];
  const match = compileDomain(env, model, domain, read);
  const activeTest = (opts.activeTest ?? true) && env.context.active_test !== false;
  const filterActive = activeTest && 'active' in fieldsOf(env, model) && !domainMentions(domain, 'active');
  let recs = env.store.all(modelName).filter((r) => (!filterActive || r.active !== false) && match(r));
  recs = sortRecordsWith(read, env, model, recs, opts.order || model.order);
  const offset = opts.offset ?? 0;
  const end = opts.limit ? offset + opts.limit : undefined;
  return recs.slice(offset, end);
}
