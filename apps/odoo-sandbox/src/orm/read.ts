import { valueError } from '../errors.js';
import type { Env, ModelDef } from '../model-types.js';
import { fieldsOf } from '../registry.js';
import { formatValue, rawValue } from './values.js';

/** `read`: unknown ids are skipped (fixtures errors.json: `read([99999999])` → []). */
export function read(
  env: Env,
  model: ModelDef,
  ids: number[],
  fields?: string[] | null,
): Record<string, unknown>[] {
  const all = fieldsOf(env, model);
  const names = fields && fields.length > 0 ? fields : Object.keys(all);
  for (const f of names) {
    if (!all[f]) throw valueError(`Invalid field '${f}' on model '${model.name}'`);
  }
  const out: Record<string, unknown>[] = [];
  for (const id of ids) {
    const rec = env.store.get(model.name, id);
    if (!rec) continue;
    const row: Record<string, unknown> = { id };
    for (const f of names) {
      if (f === 'id') continue;
      row[f] = formatValue(env, all[f]!, rawValue(env, model, rec, f));
    }
    out.push(row);
  }
  return out;
}
