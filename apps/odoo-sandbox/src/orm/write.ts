import { parseStrictDatetime, wholeSeconds } from '../clock.js';
import { missingError, validationError, valueError } from '../errors.js';
import { round } from '../float-round.js';
import type { Env, FieldDef, ModelDef, Rec, Vals } from '../model-types.js';
import { fieldsOf, requireModel } from '../registry.js';

function invalidField(model: ModelDef, f: string) {
  return valueError(`Invalid field '${f}' on model '${model.name}'`);
}

/** Message of a NOT NULL violation turned into a ValidationError (fixtures errors.json). */
export function mandatoryFieldError(model: ModelDef, fd: FieldDef, fname: string) {
  return validationError(
    'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${model.description} (${model.name})\nField: ${fd.string} (${fname})\n`,
  );
}

function toDatetime(value: unknown): number | false {
  if (value === false || value === null || value === undefined || value === '') return false;
  if (typeof value === 'number') return wholeSeconds(value); // internal writes pass epoch ms
  if (typeof value !== 'string')
    throw valueError(`time data ${JSON.stringify(value)} does not match format '%Y-%m-%d %H:%M:%S'`);
  const ms = parseStrictDatetime(value);
  if (ms === null) throw valueError(`time data '${value}' does not match format '%Y-%m-%d %H:%M:%S'`);
  return ms;
}

function toDate(value: unknown): string | false {
  if (value === false || value === null || value === undefined || value === '') return false;
  const s = String(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s.slice(0, 10)) || (s.length > 10 && parseStrictDatetime(s) === null)) {
    throw valueError(`time data '${s}' does not match format '%Y-%m-%d'`);
  }
  return s.slice(0, 10);
}

/** Converts a client value into the stored representation. */
export function convertValue(
  env: Env,
  model: ModelDef,
  fname: string,
  fd: FieldDef,
  value: unknown,
  current: unknown,
): unknown {
  switch (fd.type) {
    case 'integer':
      return value === false || value === null ? 0 : Math.trunc(Number(value));
    case 'float':
    case 'monetary': {
      const n = value === false || value === null ? 0 : Number(value);
      if (Number.isNaN(n)) throw valueError(`could not convert string to float: '${String(value)}'`);
      return fd.digits !== undefined ? round(n, fd.digits) : n;
    }
    case 'boolean':
      return Boolean(value);
    case 'datetime':
      return toDatetime(value);
    case 'date':
      return toDate(value);
    case 'many2one': {
      const id = Array.isArray(value) ? value[0] : value;
      if (id === false || id === null || id === undefined || id === 0) return false;
      if (typeof id !== 'number' || !Number.isInteger(id))
        throw valueError(`Wrong value for ${model.name}.${fname}: ${JSON.stringify(value)}`);
      if (fd.relation && !env.store.get(fd.relation, id)) {
        throw validationError(
          `The operation cannot be completed: the record ${fd.relation}(${id},) referenced by ${fd.string} (${fname}) does not exist.`,
        );
      }
      return id;
    }
    case 'many2many':
      return applyM2mCommands(env, fd, value, (current as number[] | undefined) ?? []);
    default:
      return value === null || value === undefined ? false : value;
  }
}

function applyM2mCommands(env: Env, fd: FieldDef, value: unknown, current: number[]): number[] {
  if (value === false || value === null) return [];
  if (!Array.isArray(value)) throw valueError(`Wrong value for many2many: ${JSON.stringify(value)}`);
  let ids = [...current];
  for (const cmd of value) {
    if (typeof cmd === 'number') {
      // a plain list of ids replaces the set
      ids = (value as unknown[]).filter((v): v is number => typeof v === 'number');
      break;
    }
    if (!Array.isArray(cmd)) continue;
    const [code, id, arg] = cmd as [number, number, unknown];
    if (code === 6) ids = [...((arg as number[]) ?? [])];
    else if (code === 5) ids = [];
    else if (code === 4 && !ids.includes(id)) ids.push(id);
    else if (code === 3 || code === 2) ids = ids.filter((x) => x !== id);
    else if (code === 0 && fd.relation) ids.push(...create(env, fd.relation, [arg as Vals]));
  }
  return ids;
}

function applyO2mCommands(env: Env, parent: Rec, fd: FieldDef, value: unknown): void {
  if (!fd.relation || !fd.inverse || !Array.isArray(value)) return;
  const inverse = fd.inverse;
  const relation = fd.relation;
  const children = () =>
    env.store
      .all(relation)
      .filter((r) => r[inverse] === parent.id)
      .map((r) => r.id);
  for (const cmd of value) {
    if (!Array.isArray(cmd)) continue;
    const [code, id, arg] = cmd as [number, number, unknown];
    if (code === 0) create(env, relation, [{ ...(arg as Vals), [inverse]: parent.id }]);
    else if (code === 1) write(env, relation, [id], arg as Vals);
    else if (code === 2 || code === 3) unlink(env, relation, [id]);
    else if (code === 4) write(env, relation, [id], { [inverse]: parent.id });
    else if (code === 5) unlink(env, relation, children());
    else if (code === 6) {
      const keep = new Set((arg as number[]) ?? []);
      unlink(
        env,
        relation,
        children().filter((c) => !keep.has(c)),
      );
      for (const c of keep) write(env, relation, [c], { [inverse]: parent.id });
    }
  }
}

function checkFieldNames(env: Env, model: ModelDef, vals: Vals): void {
  const fields = fieldsOf(env, model);
  // Keys starting with "_" are sandbox-internal state (never sent by the RPC layer, see dispatch).
  for (const f of Object.keys(vals)) if (!fields[f] && !f.startsWith('_')) throw invalidField(model, f);
}

/** Splits vals into stored, one2many and related parts and writes them onto `rec`. */
function assign(env: Env, model: ModelDef, rec: Rec, vals: Vals, isNew: boolean): void {
  const fields = fieldsOf(env, model);
  const stored: Vals = {};
  const later: Array<[string, FieldDef, unknown]> = [];
  for (const [f, v] of Object.entries(vals)) {
    const fd = fields[f];
    if (!fd) {
      if (f.startsWith('_')) stored[f] = v;
      continue;
    }
    if (f === 'id' || f === 'display_name' || f === 'write_date' || f === 'create_date') continue;
    if (fd.type === 'one2many' || fd.related) later.push([f, fd, v]);
    else if (fd.compute)
      continue; // computed without inverse: Odoo ignores the value
    else stored[f] = convertValue(env, model, f, fd, v, rec[f]);
  }
  stored.write_date = env.now;
  stored.write_uid = env.uid;
  if (isNew) {
    stored.create_date = env.now;
    stored.create_uid = env.uid;
    env.store.insert(model.name, Object.assign(rec, stored));
  } else {
    env.store.patch(model.name, rec, stored);
  }
  for (const [, fd, v] of later) {
    if (fd.type === 'one2many') applyO2mCommands(env, rec, fd, v);
    else if (fd.related) {
      const [via, target] = fd.related;
      const relation = fields[via]?.relation;
      const targetId = rec[via];
      if (relation && typeof targetId === 'number') write(env, relation, [targetId], { [target]: v });
    }
  }
}

/** `create` for a list of vals; returns the new ids (the RPC layer decides int vs list). */
export function create(env: Env, modelName: string, valsList: Vals[]): number[] {
  const model = requireModel(env, modelName);
  const fields = fieldsOf(env, model);
  const ids: number[] = [];
  for (const input of valsList) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw valueError(`create() expects a dict or a list of dicts, got ${JSON.stringify(input)}`);
    }
    const vals: Vals = { ...input };
    checkFieldNames(env, model, vals);
    for (const [f, fd] of Object.entries(fields)) {
      if (vals[f] === undefined && fd.default) {
        const d = fd.default(env, vals);
        if (d !== undefined) vals[f] = d;
      }
    }
    model.prepareCreate?.(env, vals);
    const id = env.store.takeId(model.name);
    for (const [f, fd] of Object.entries(fields)) {
      if (fd.required && (vals[f] === undefined || vals[f] === false || vals[f] === null)) {
        throw mandatoryFieldError(model, fd, f);
      }
    }
    model.checkCreate?.(env, vals);
    const rec: Rec = { id };
    assign(env, model, rec, vals, true);
    model.afterCreate?.(env, rec, vals);
    ids.push(id);
  }
  return ids;
}

/** `write`: existence is checked first, then field names (fixtures module_check / errors). */
export function write(env: Env, modelName: string, ids: number[], vals: Vals): true {
  const model = requireModel(env, modelName);
  const missing = ids.filter((id) => !env.store.get(modelName, id));
  if (missing.length > 0) throw missingError(modelName, missing, env.uid);
  checkFieldNames(env, model, vals);
  const recs = ids.map((id) => env.store.get(modelName, id)!);
  model.beforeWrite?.(env, recs, vals);
  for (const rec of recs) assign(env, model, rec, vals, false);
  model.afterWrite?.(env, recs, vals);
  return true;
}

export function unlink(env: Env, modelName: string, ids: number[]): true {
  const model = requireModel(env, modelName);
  const recs = ids.map((id) => env.store.get(modelName, id)).filter((r): r is Rec => Boolean(r));
  model.beforeUnlink?.(env, recs);
  for (const rec of recs) env.store.remove(modelName, rec.id);
  return true;
}

/** Internal state change by business logic (maintains write_date like the ORM does). */
export function setValues(env: Env, modelName: string, rec: Rec, vals: Vals): void {
  env.store.patch(modelName, rec, { ...vals, write_date: env.now, write_uid: env.uid });
}
