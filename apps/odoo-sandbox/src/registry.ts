import type { Env, FieldDef, ModelDef } from './model-types.js';

/** Fields every Odoo model has (`MAGIC_COLUMNS` + `display_name`). */
const MAGIC_FIELDS: Record<string, FieldDef> = {
  id: { type: 'integer', string: 'ID', readonly: true },
  display_name: { type: 'char', string: 'Display Name', readonly: true },
  create_date: { type: 'datetime', string: 'Created on', readonly: true },
  create_uid: { type: 'many2one', string: 'Created by', relation: 'res.users', readonly: true },
  write_date: { type: 'datetime', string: 'Last Updated on', readonly: true },
  write_uid: { type: 'many2one', string: 'Last Updated by', relation: 'res.users', readonly: true },
};

const byName = new Map<string, ModelDef>();

/** Called once with models/index.ts (kept out of this module's imports to avoid an import cycle). */
export function registerModels(models: ModelDef[]): void {
  for (const m of models) byName.set(m.name, m);
}

/** The model as installed in this database (version range), or undefined → "Object X doesn't exist". */
export function getModel(env: Env, name: string): ModelDef | undefined {
  const m = byName.get(name);
  if (!m) return undefined;
  if ((m.min !== undefined && env.major < m.min) || (m.max !== undefined && env.major > m.max))
    return undefined;
  if (m.module && !env.store.installedModules.has(m.module)) return undefined;
  return m;
}

export function requireModel(env: Env, name: string): ModelDef {
  const m = getModel(env, name);
  if (!m) throw new Error(`sandbox bug: model ${name} is not registered`);
  return m;
}

const cache = new Map<string, Record<string, FieldDef>>();

/** Fields of a model for this version and set of installed modules. */
export function fieldsOf(env: Env, model: ModelDef): Record<string, FieldDef> {
  const modules = [...env.store.installedModules].sort().join(',');
  const key = `${model.name}|${env.major}|${modules}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out: Record<string, FieldDef> = { ...MAGIC_FIELDS };
  for (const [name, f] of Object.entries(model.fields)) {
    if (f.min !== undefined && env.major < f.min) continue;
    if (f.max !== undefined && env.major > f.max) continue;
    if (f.module && !env.store.installedModules.has(f.module)) continue;
    out[name] = f.since && env.major >= f.since.major ? { ...f, ...f.since.def } : f;
  }
  cache.set(key, out);
  return out;
}
