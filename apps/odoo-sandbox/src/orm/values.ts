import { formatDatetime } from '../clock.js';
import type { Env, FieldDef, ModelDef, Rec, RecordReader } from '../model-types.js';
import { fieldsOf, getModel, requireModel } from '../registry.js';
import { searchRecordsWith } from './record-query.js';

export function emptyValue(fd: FieldDef): unknown {
  switch (fd.type) {
    case 'boolean':
      return false;
    case 'integer':
    case 'float':
    case 'monetary':
      return 0;
    case 'one2many':
    case 'many2many':
      return [];
    default:
      return false;
  }
}

export function displayNameOf(env: Env, model: ModelDef, rec: Rec): string {
  if (model.displayName) return model.displayName(env, rec);
  const name = rec.name;
  return typeof name === 'string' ? name : `${model.name},${rec.id}`;
}

export function displayNameById(env: Env, modelName: string, id: number): string | false {
  const model = getModel(env, modelName);
  const rec = env.store.get(modelName, id);
  if (!model || !rec) return false;
  return displayNameOf(env, model, rec);
}

/** The value of a field as the ORM sees it (stored, computed, related or one2many). */
export function rawValue(env: Env, model: ModelDef, rec: Rec, fname: string): unknown {
  if (fname === 'id') return rec.id;
  if (fname === 'display_name') return displayNameOf(env, model, rec);
  const fd = fieldsOf(env, model)[fname];
  if (!fd) return undefined;
  if (fd.compute) return fd.compute(env, rec);
  if (fd.related) {
    const [via, target] = fd.related;
    const viaDef = fieldsOf(env, model)[via];
    const targetId = rec[via];
    if (!viaDef?.relation || typeof targetId !== 'number') return emptyValue(fd);
    const targetModel = requireModel(env, viaDef.relation);
    const targetRec = env.store.get(viaDef.relation, targetId);
    return targetRec ? rawValue(env, targetModel, targetRec, target) : emptyValue(fd);
  }
  if (fd.type === 'one2many') {
    if (!fd.relation || !fd.inverse) return [];
    return searchRecordsWith(SELF_READER, env, fd.relation, [[fd.inverse, '=', rec.id]], {
      activeTest: true,
    }).map((r) => r.id);
  }
  const v = rec[fname];
  return v === undefined || v === null ? emptyValue(fd) : v;
}

/** This module's readers, for the one2many search above (function declarations are hoisted). */
const SELF_READER: RecordReader = { rawValue, displayNameById };

/** Shortcut for business code: a field of a record by model name. */
export function val(env: Env, modelName: string, rec: Rec, fname: string): unknown {
  return rawValue(env, requireModel(env, modelName), rec, fname);
}

/** Wire format of `read` (docs/odoo-api.md §1.1: many2one → [id, "display name"] or false). */
export function formatValue(env: Env, fd: FieldDef, raw: unknown): unknown {
  switch (fd.type) {
    case 'many2one': {
      if (typeof raw !== 'number' || !fd.relation) return false;
      const name = displayNameById(env, fd.relation, raw);
      return name === false ? false : [raw, name];
    }
    case 'datetime':
      return typeof raw === 'number' ? formatDatetime(raw) : false;
    case 'one2many':
    case 'many2many':
      return Array.isArray(raw) ? raw : [];
    case 'integer':
    case 'float':
    case 'monetary':
      return typeof raw === 'number' ? raw : 0;
    case 'boolean':
      return Boolean(raw);
    default:
      return raw === undefined || raw === null || raw === '' ? (raw === '' ? '' : false) : raw;
  }
}
