/**
 * The two patch kinds tools/k8s/kustomize.ts applies, in the subset deploy/k8s needs.
 *
 * Strategic merge: maps merge key by key, `null` deletes a key; a list whose items are maps with a
 * `name` (containers, env, ports, volumes, volumeMounts) merges item by item on that name, an item
 * with `$patch: delete` removes its namesake; any other list replaces the original (Kubernetes' merge
 * keys for the pod-spec lists this repository patches are all `name`).
 *
 * JSON 6902: `add`, `replace`, `remove` on JSON pointers (RFC 6901 escapes, `-` appends).
 */

type Json = unknown;

function isMap(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function namedList(v: Json): v is Array<Record<string, Json>> {
  return Array.isArray(v) && v.length > 0 && v.every((i) => isMap(i) && typeof i.name === 'string');
}

export function strategicMerge(original: Json, patch: Json): Json {
  if (!isMap(original) || !isMap(patch)) return structuredClone(patch);
  const out: Record<string, Json> = structuredClone(original);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isMap(value) && isMap(out[key])) out[key] = strategicMerge(out[key], value);
    else if (namedList(value) && (namedList(out[key]) || Array.isArray(out[key])))
      out[key] = mergeNamed((out[key] as Array<Record<string, Json>>) ?? [], value);
    else out[key] = structuredClone(value);
  }
  return out;
}

function mergeNamed(original: Array<Record<string, Json>>, patch: Array<Record<string, Json>>): Json[] {
  const out = structuredClone(original);
  for (const item of patch) {
    const at = out.findIndex((o) => o.name === item.name);
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = strategicMerge(out[at], item) as Record<string, Json>;
    else out.push(structuredClone(item));
  }
  return out;
}

export interface JsonOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: Json;
}

export function applyJsonPatch(document: Json, ops: JsonOp[]): Json {
  const doc = structuredClone(document);
  for (const op of ops) {
    if (!['add', 'replace', 'remove'].includes(op.op))
      throw new Error(`JSON patch: op "${op.op}" not supported (add, replace, remove)`);
    const parts = op.path
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop();
    if (last === undefined) throw new Error(`JSON patch: path "${op.path}" names no member`);
    let parent: Json = doc;
    for (const p of parts) {
      parent = isMap(parent) || Array.isArray(parent) ? (parent as Record<string, Json>)[p] : undefined;
      if (parent === undefined) throw new Error(`JSON patch: path "${op.path}" does not exist`);
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length)
        throw new Error(`JSON patch: bad index in "${op.path}"`);
      if (op.op === 'add') parent.splice(index, 0, structuredClone(op.value));
      else if (index >= parent.length) throw new Error(`JSON patch: path "${op.path}" does not exist`);
      else if (op.op === 'replace') parent[index] = structuredClone(op.value);
      else parent.splice(index, 1);
    } else if (isMap(parent)) {
      if (op.op !== 'add' && !(last in parent))
        throw new Error(`JSON patch: path "${op.path}" does not exist`);
      if (op.op === 'remove') delete parent[last];
      else parent[last] = structuredClone(op.value);
    } else throw new Error(`JSON patch: path "${op.path}" does not exist`);
  }
  return doc;
}
