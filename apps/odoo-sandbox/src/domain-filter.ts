/**
 * Evaluation of Odoo search domains (prefix notation with '&', '|', '!' and implicit AND) on
 * in-memory records, including dotted paths through relational fields ("location_id.usage").
 */
import { parseLooseDatetime } from './clock.js';
import { valueError } from './errors.js';
import type { Env, FieldDef, ModelDef, Rec, RecordReader } from './model-types.js';
import { pyTuple } from './py-repr.js';
import { fieldsOf, getModel } from './registry.js';

type Leaf = [string, string, unknown];
type Node =
  | { kind: 'leaf'; leaf: Leaf }
  | { kind: 'and' | 'or'; a: Node; b: Node }
  | { kind: 'not'; a: Node }
  | { kind: 'const'; value: boolean };

const OPERATORS = new Set([
  '=',
  '!=',
  '<>',
  '>',
  '>=',
  '<',
  '<=',
  'in',
  'not in',
  'like',
  'ilike',
  'not like',
  'not ilike',
  '=like',
  '=ilike',
  'child_of',
  'parent_of',
  '=?',
]);

function parse(domain: unknown[], model: ModelDef, env: Env): Node {
  let pos = 0;
  const one = (): Node => {
    const item = domain[pos++];
    if (item === '&' || item === '|') {
      const a = one();
      const b = one();
      return { kind: item === '&' ? 'and' : 'or', a, b };
    }
    if (item === '!') return { kind: 'not', a: one() };
    if (!Array.isArray(item) || item.length !== 3) {
      throw valueError(`Invalid leaf ${JSON.stringify(item)}`);
    }
    const [left, op, right] = item as [unknown, unknown, unknown];
    if (typeof left === 'number')
      return { kind: 'const', value: left === 1 ? op === '=' && right === 1 : false };
    if (typeof left !== 'string' || typeof op !== 'string' || !OPERATORS.has(op.toLowerCase())) {
      throw valueError(`Invalid leaf ${pyTuple([left, op, right])}`);
    }
    checkPath(env, model, left, item as unknown[]);
    return { kind: 'leaf', leaf: [left, op.toLowerCase(), right] };
  };
  const nodes: Node[] = [];
  while (pos < domain.length) nodes.push(one());
  if (nodes.length === 0) return { kind: 'const', value: true };
  return nodes.reduce((a, b) => ({ kind: 'and', a, b }));
}

function checkPath(env: Env, model: ModelDef, path: string, leaf: unknown[]): void {
  let current: ModelDef | undefined = model;
  for (const part of path.split('.')) {
    const fd: FieldDef | undefined = current ? fieldsOf(env, current)[part] : undefined;
    if (!current || !fd) {
      throw valueError(`Invalid field ${current?.name ?? model.name}.${part} in leaf ${pyTuple(leaf)}`);
    }
    current = fd.relation ? getModel(env, fd.relation) : undefined;
  }
}

/** Does the domain mention this field at any depth (used for the implicit `active` filter)? */
export function domainMentions(domain: unknown[], field: string): boolean {
  return domain.some((l) => Array.isArray(l) && l[0] === field);
}

/** `read` supplies field values (the ORM's), so this module needs nothing from the ORM itself. */
export function compileDomain(
  env: Env,
  model: ModelDef,
  domain: unknown[],
  read: RecordReader,
): (rec: Rec) => boolean {
  const node = parse(domain, model, env);
  return (rec) => evalNode(env, read, model, rec, node);
}

function evalNode(env: Env, read: RecordReader, model: ModelDef, rec: Rec, node: Node): boolean {
  switch (node.kind) {
    case 'const':
      return node.value;
    case 'and':
      return evalNode(env, read, model, rec, node.a) && evalNode(env, read, model, rec, node.b);
    case 'or':
      return evalNode(env, read, model, rec, node.a) || evalNode(env, read, model, rec, node.b);
    case 'not':
      return !evalNode(env, read, model, rec, node.a);
    case 'leaf':
      return evalLeaf(env, read, model, rec, node.leaf);
  }
}

function evalLeaf(env: Env, read: RecordReader, model: ModelDef, rec: Rec, [path, op, value]: Leaf): boolean {
  const dot = path.indexOf('.');
  const fname = dot < 0 ? path : path.slice(0, dot);
  const fd = fieldsOf(env, model)[fname];
  if (!fd) return false;
  const raw = read.rawValue(env, model, rec, fname);
  if (dot < 0) return compare(env, read, fd, raw, op, value);
  const rel = fd.relation ? getModel(env, fd.relation) : undefined;
  if (!rel) return false;
  const ids = Array.isArray(raw) ? (raw as number[]) : typeof raw === 'number' ? [raw] : [];
  const rest = path.slice(dot + 1);
  const negative = op === '!=' || op === 'not in' || op === 'not like' || op === 'not ilike';
  if (ids.length === 0) return negative;
  return ids.some((id) => {
    const sub = env.store.get(rel.name, id);
    return sub ? evalLeaf(env, read, rel, sub, [rest, op, value]) : false;
  });
}

const isEmpty = (v: unknown) =>
  v === false || v === null || v === undefined || (Array.isArray(v) && v.length === 0);

function likeToRegExp(pattern: string, anchored: boolean, insensitive: boolean): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (anchored && ch === '%') re += '.*';
    else if (anchored && ch === '_') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  if (!anchored) re = re.replace(/%/g, '.*');
  return new RegExp(anchored ? `^${re}$` : re, insensitive ? 'is' : 's');
}

function scalar(env: Env, fd: FieldDef, v: unknown): unknown {
  if (fd.type === 'datetime' && typeof v === 'string') return parseLooseDatetime(v) ?? v;
  return v;
}

function compare(
  env: Env,
  read: RecordReader,
  fd: FieldDef,
  raw: unknown,
  op: string,
  value: unknown,
): boolean {
  if (op === '=?')
    return value === false || value === null || value === undefined
      ? true
      : compare(env, read, fd, raw, '=', value);
  if (op === '<>') op = '!=';
  // x2many: the leaf matches when any linked id matches.
  if (fd.type === 'one2many' || fd.type === 'many2many') {
    const ids = (raw as number[]) ?? [];
    switch (op) {
      case '=':
        return value === false ? ids.length === 0 : ids.includes(value as number);
      case '!=':
        return value === false ? ids.length > 0 : !ids.includes(value as number);
      case 'in':
        return (value as unknown[]).some((v) => (v === false ? ids.length === 0 : ids.includes(v as number)));
      case 'not in':
        return !(value as unknown[]).some((v) => ids.includes(v as number));
      default:
        return false;
    }
  }
  // many2one compared with a string: Odoo matches the display name.
  if (fd.type === 'many2one' && typeof value === 'string' && fd.relation) {
    const name = typeof raw === 'number' ? read.displayNameById(env, fd.relation, raw) : false;
    return compare(env, read, { type: 'char', string: '' }, name, op === '=' ? '=ilike' : op, value);
  }
  const v = scalar(env, fd, raw);
  const x = scalar(env, fd, value);
  switch (op) {
    case '=':
      return x === false || x === null ? isEmpty(v) : v === x;
    case '!=':
      return x === false || x === null ? !isEmpty(v) : v !== x;
    case 'in':
      return (Array.isArray(x) ? x : [x]).some((item) =>
        item === false ? isEmpty(v) : v === scalar(env, fd, item),
      );
    case 'not in':
      return !(Array.isArray(x) ? x : [x]).some((item) =>
        item === false ? isEmpty(v) : v === scalar(env, fd, item),
      );
    case '>':
    case '>=':
    case '<':
    case '<=': {
      if (isEmpty(v) || x === false || x === null) return false;
      const a = v as number | string;
      const b = x as number | string;
      return op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b;
    }
    case 'like':
    case 'ilike':
    case 'not like':
    case 'not ilike': {
      const negative = op.startsWith('not');
      if (isEmpty(v)) return negative;
      const hit = likeToRegExp(`%${String(x)}%`, true, op.includes('ilike')).test(String(v));
      return negative ? !hit : hit;
    }
    case '=like':
    case '=ilike':
      return !isEmpty(v) && likeToRegExp(String(x), true, op === '=ilike').test(String(v));
    case 'child_of':
    case 'parent_of':
      return (Array.isArray(x) ? x : [x]).includes(v);
    default:
      return false;
  }
}
