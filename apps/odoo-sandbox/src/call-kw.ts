/**
 * `call_kw`: resolves model and method, binds positional/keyword arguments like Python would and
 * runs generic ORM methods or model business methods (docs/odoo-api.md §1.1 "object service").
 */
import { accessError, attributeError, typeError, userError, valueError } from './errors.js';
import type { Env, ModelDef, Vals } from './model-types.js';
import { read } from './orm/read.js';
import { search } from './orm/search.js';
import { displayNameOf } from './orm/values.js';
import { create, unlink, write } from './orm/write.js';
import { fieldsOf, getModel } from './registry.js';

interface GenericMethod {
  /** Record method: first positional argument (JSON-RPC) or `ids` (JSON-2) are the record ids. */
  record: boolean;
  params: (env: Env) => string[];
  /** Python function named in "got an unexpected keyword argument" errors. */
  owner?: string;
  min?: number;
  max?: number;
  run: (env: Env, model: ModelDef, ids: number[], a: Record<string, unknown>) => unknown;
}

const asDomain = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asFields = (v: unknown): string[] | null => (Array.isArray(v) ? (v as string[]) : null);
const asInt = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function checkVals(model: ModelDef, vals: unknown): void {
  if (typeof vals !== 'object' || vals === null) return;
  for (const k of Object.keys(vals))
    if (k.startsWith('_')) throw valueError(`Invalid field '${k}' on model '${model.name}'`);
}

function fieldsGet(env: Env, model: ModelDef, allfields: string[] | null, attributes: string[] | null) {
  const fields = fieldsOf(env, model);
  const names = (allfields && allfields.length ? allfields : Object.keys(fields))
    .filter((f) => fields[f])
    .sort();
  const out: Record<string, Record<string, unknown>> = {};
  for (const f of names) {
    const fd = fields[f]!;
    const all: Record<string, unknown> = {
      type: fd.type,
      string: fd.string,
      readonly: Boolean(fd.readonly || (fd.compute && !fd.related)),
      required: Boolean(fd.required),
      store: !fd.compute && !fd.notStored,
      searchable: true,
      sortable: !fd.compute,
      ...(fd.relation ? { relation: fd.relation } : {}),
      ...(fd.selection ? { selection: fd.selection.map((s) => [s, fd.selectionLabels?.[s] ?? s]) } : {}),
    };
    const picked: Record<string, unknown> = {};
    for (const a of (attributes && attributes.length ? attributes : Object.keys(all)).slice().sort())
      if (a in all) picked[a] = all[a];
    out[f] = picked;
  }
  return out;
}

export const GENERIC_METHODS: Record<string, GenericMethod> = {
  search: {
    record: false,
    params: (env) =>
      env.major <= 16
        ? ['domain', 'offset', 'limit', 'order', 'count']
        : ['domain', 'offset', 'limit', 'order'],
    run: (env, model, _ids, a) => {
      const ids = search(env, model.name, asDomain(a.domain ?? a.args), {
        offset: asInt(a.offset),
        limit: asInt(a.limit),
        order: (a.order as string) ?? null,
      });
      return a.count ? ids.length : ids;
    },
  },
  search_read: {
    record: false,
    params: () => ['domain', 'fields', 'offset', 'limit', 'order', 'load'],
    owner: 'BaseModel._read_format',
    run: (env, model, _ids, a) => {
      const ids = search(env, model.name, asDomain(a.domain), {
        offset: asInt(a.offset),
        limit: asInt(a.limit),
        order: (a.order as string) ?? null,
      });
      return read(env, model, ids, asFields(a.fields));
    },
  },
  search_count: {
    record: false,
    params: () => ['domain', 'limit'],
    run: (env, model, _ids, a) =>
      search(env, model.name, asDomain(a.domain ?? a.args), { limit: asInt(a.limit) }).length,
  },
  read: {
    record: true,
    params: () => ['fields', 'load'],
    run: (env, model, ids, a) => read(env, model, ids, asFields(a.fields)),
  },
  write: {
    record: true,
    params: () => ['vals'],
    run: (env, model, ids, a) => {
      checkVals(model, a.vals);
      return write(env, model.name, ids, (a.vals as Vals) ?? {});
    },
  },
  unlink: { record: true, params: () => [], run: (env, model, ids) => unlink(env, model.name, ids) },
  exists: {
    record: true,
    params: () => [],
    run: (env, model, ids) => ids.filter((id) => env.store.get(model.name, id)),
  },
  fields_get: {
    record: false,
    params: () => ['allfields', 'attributes'],
    run: (env, model, _ids, a) => fieldsGet(env, model, asFields(a.allfields), asFields(a.attributes)),
  },
  name_search: {
    record: false,
    params: (env) =>
      env.major >= 19 ? ['name', 'domain', 'operator', 'limit'] : ['name', 'args', 'operator', 'limit'],
    run: (env, model, _ids, a) => {
      const name = typeof a.name === 'string' ? a.name : '';
      const domain = [...asDomain(a.domain ?? a.args)];
      if (name) domain.push(['display_name', (a.operator as string) ?? 'ilike', name]);
      return search(env, model.name, domain, { limit: asInt(a.limit) ?? 100 }).map((id) => [
        id,
        displayNameOf(env, model, env.store.get(model.name, id)!),
      ]);
    },
  },
  name_get: {
    record: true,
    max: 17,
    params: () => [],
    run: (env, model, ids) =>
      ids
        .filter((id) => env.store.get(model.name, id))
        .map((id) => [id, displayNameOf(env, model, env.store.get(model.name, id)!)]),
  },
  default_get: {
    record: false,
    params: () => ['fields_list'],
    run: (env, model, _ids, a) => {
      const fields = fieldsOf(env, model);
      const out: Record<string, unknown> = {};
      for (const f of asFields(a.fields_list) ?? []) {
        const d = fields[f]?.default?.(env, {});
        if (d !== undefined) out[f] = d;
      }
      return out;
    },
  },
};

export interface CallRequest {
  env: Env;
  modelName: string;
  method: string;
  /** JSON-RPC: the raw positional args; JSON-2: none. */
  args: unknown[];
  kwargs: Record<string, unknown>;
  /** JSON-2 passes ids separately and always returns lists from create. */
  ids?: number[];
  json2?: boolean;
}

function toIds(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.filter((x): x is number => typeof x === 'number');
  return [];
}

function bind(
  owner: string,
  params: string[],
  positional: unknown[],
  kwargs: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  positional.forEach((v, i) => {
    const p = params[i];
    if (p === undefined)
      throw typeError(
        `${owner}() takes ${params.length + 1} positional arguments but ${positional.length + 1} were given`,
      );
    out[p] = v;
  });
  for (const [k, v] of Object.entries(kwargs)) {
    if (!params.includes(k)) throw typeError(`${owner}() got an unexpected keyword argument '${k}'`);
    out[k] = v;
  }
  return out;
}

/** Is this a record method (takes ids)? Used by JSON-2 to refuse ids on `@api.model` methods. */
export function isModelMethod(model: ModelDef, method: string): boolean {
  if (model.modelMethods?.[method] || method === 'create') return true;
  const g = GENERIC_METHODS[method];
  return g ? !g.record : false;
}

export function callKw(req: CallRequest): unknown {
  const { env, modelName, method } = req;
  const model = getModel(env, modelName);
  if (!model) throw userError(`Object ${modelName} doesn't exist`);
  if (method.startsWith('_'))
    throw accessError(`Private methods (such as '${modelName}.${method}') cannot be called remotely.`);
  const { context, ...kwargs } = req.kwargs;
  env.context =
    context && typeof context === 'object' && !Array.isArray(context)
      ? (context as Record<string, unknown>)
      : {};
  const range = model.methodVersions?.[method];
  const inRange =
    !range ||
    ((range.min === undefined || env.major >= range.min) &&
      (range.max === undefined || env.major <= range.max));
  const notFound = () => attributeError(`The method '${modelName}.${method}' does not exist`);

  if (method === 'create') {
    const input = req.json2 ? kwargs.vals_list : (req.args[0] ?? kwargs.vals_list);
    const single = !Array.isArray(input);
    const list = (single ? [input ?? {}] : input) as Vals[];
    for (const v of list) checkVals(model, v);
    const override = model.modelMethods?.create;
    const ids = override
      ? (override({ env, model, ids: [], args: [list], kwargs: {} }) as number[])
      : create(env, modelName, list);
    // create(dict) → int, create([dict…]) → [ids] over JSON-RPC; JSON-2 always returns the list (docs/odoo-api.md §1.1, §1.6).
    return single && !req.json2 ? ids[0] : ids;
  }
  const modelMethod = model.modelMethods?.[method];
  if (modelMethod && inRange) return modelMethod({ env, model, ids: req.ids ?? [], args: req.args, kwargs });
  const recordMethod = model.methods?.[method];
  if (recordMethod && inRange) {
    const ids = req.ids ?? toIds(req.args[0]);
    return recordMethod({ env, model, ids, args: req.ids ? [] : req.args.slice(1), kwargs });
  }
  const generic = GENERIC_METHODS[method];
  if (
    !generic ||
    (generic.min !== undefined && env.major < generic.min) ||
    (generic.max !== undefined && env.major > generic.max)
  ) {
    throw notFound();
  }
  const ids = generic.record ? (req.ids ?? toIds(req.args[0])) : [];
  const positional = req.ids || !generic.record ? (req.ids ? [] : req.args) : req.args.slice(1);
  const owner = generic.owner ?? `BaseModel.${method}`;
  const bound = bind(owner, generic.params(env), positional, kwargs);
  return generic.run(env, model, ids, bound);
}
