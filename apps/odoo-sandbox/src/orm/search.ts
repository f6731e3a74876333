import type { Env, ModelDef, Rec, RecordReader } from '../model-types.js';
import { searchRecordsWith, sortRecordsWith, type SearchOptions } from './record-query.js';
import { displayNameById, rawValue } from './values.js';

export type { SearchOptions } from './record-query.js';

/** The ORM's own field reader, bound here once for business code. */
const ORM_READER: RecordReader = { rawValue, displayNameById };

/** Sorts like PostgreSQL: NULLs last when ascending, first when descending; ties by id. */
export function sortRecords(env: Env, model: ModelDef, recs: Rec[], order: string): Rec[] {
  return sortRecordsWith(ORM_READER, env, model, recs, order);
}

export function searchRecords(
  env: Env,
  modelName: string,
  domain: unknown[],
  opts: SearchOptions = {},
): Rec[] {
  return searchRecordsWith(ORM_READER, env, modelName, domain, opts);
}

export function search(env: Env, modelName: string, domain: unknown[], opts: SearchOptions = {}): number[] {
  return searchRecords(env, modelName, domain, opts).map((r) => r.id);
}
