import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { applyJsonPatch, strategicMerge, type JsonOp } from './merge.js';

/**
 * A kustomize renderer for the subset deploy/k8s uses, so CI checks the manifests without kubectl
 * or a Go toolchain: `resources` (files and directories), `namespace`, `images`, `patches`
 * (strategic merge by file, JSON 6902 inline or by file with a target), `configMapGenerator` and
 * `secretGenerator` (`literals`, `envs`, `files`, `behavior: merge`, hash suffix unless
 * `disableNameSuffixHash`), `generatorOptions`. Anything else in a kustomization is refused by
 * name, so a manifest never silently means something else here than under `kubectl apply -k`.
 */

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
};

interface Generator {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  envs?: string[];
  files?: string[];
  type?: string;
  options?: { disableNameSuffixHash?: boolean };
}

interface PatchEntry {
  path?: string;
  patch?: string;
  target?: { group?: string; version?: string; kind?: string; name?: string };
}

interface Kustomization {
  resources?: string[];
  namespace?: string;
  images?: Array<{ name: string; newName?: string; newTag?: string; digest?: string }>;
  patches?: PatchEntry[];
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
  generatorOptions?: { disableNameSuffixHash?: boolean };
}

const KNOWN_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'images',
  'patches',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
]);

/** Kinds that live outside namespaces (only those this repository could use). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
]);

/** A generated object, remembered until its final name (with hash) is known. */
interface Generated {
  object: K8sObject;
  baseName: string;
  hash: boolean;
}

interface Layer {
  objects: K8sObject[];
  generated: Generated[];
}

export function parseYamlFile(file: string): K8sObject[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const out: K8sObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
    const value = doc.toJS() as K8sObject | null;
    if (value !== null) out.push(value);
  }
  return out;
}

/** Renders the kustomization in `dir` to the list of objects `kubectl kustomize` would print. */
export function kustomizeBuild(dir: string): K8sObject[] {
  const layer = buildLayer(path.resolve(dir));
  finishNames(layer);
  return layer.objects;
}

function readKustomization(dir: string): Kustomization {
  const file = path.join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`${dir}: no kustomization.yaml`);
  const [k] = parseYamlFile(file) as unknown as Kustomization[];
  if (!k) throw new Error(`${file}: empty`);
  const unknown = Object.keys(k).filter((f) => !KNOWN_FIELDS.has(f));
  if (unknown.length)
    throw new Error(`${file}: ${unknown.join(', ')} not supported by tools/k8s/kustomize.ts (add it there)`);
  return k;
}

function buildLayer(dir: string): Layer {
  const k = readKustomization(dir);
  const layer: Layer = { objects: [], generated: [] };
  for (const entry of k.resources ?? []) {
    const target = path.resolve(dir, entry);
    if (!existsSync(target)) throw new Error(`${dir}/kustomization.yaml: resource ${entry} does not exist`);
    if (statSync(target).isDirectory()) {
      const sub = buildLayer(target);
      layer.objects.push(...sub.objects);
      layer.generated.push(...sub.generated);
    } else {
      layer.objects.push(...parseYamlFile(target));
    }
  }
  const defaultHash = !k.generatorOptions?.disableNameSuffixHash;
  for (const gen of k.configMapGenerator ?? []) generate(layer, dir, 'ConfigMap', gen, defaultHash);
  for (const gen of k.secretGenerator ?? []) generate(layer, dir, 'Secret', gen, defaultHash);
  for (const entry of k.patches ?? []) applyPatch(layer.objects, dir, entry);
  if (k.images) for (const obj of layer.objects) setImages(obj, k.images);
  if (k.namespace)
    for (const obj of layer.objects) if (!CLUSTER_SCOPED.has(obj.kind)) obj.metadata.namespace = k.namespace;
  assertUnique(layer.objects, dir);
  return layer;
}

function assertUnique(objects: K8sObject[], dir: string): void {
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    if (seen.has(id)) throw new Error(`${dir}: ${o.kind} ${o.metadata.name} defined twice`);
    seen.add(id);
  }
}

function generatorData(dir: string, gen: Generator): Record<string, string> {
  const data: Record<string, string> = {};
  const setPair = (line: string, where: string) => {
    const at = line.indexOf('=');
    if (at < 1) throw new Error(`${where}: expected KEY=value, got "${line}"`);
    data[line.slice(0, at)] = line.slice(at + 1);
  };
  for (const lit of gen.literals ?? []) setPair(lit, `generator ${gen.name} literals`);
  for (const env of gen.envs ?? []) {
    const file = path.resolve(dir, env);
    for (const raw of readFileSync(file, 'utf8').split('\n')) {
      const line = raw.trim();
      if (line && !line.startsWith('#')) setPair(line, file);
    }
  }
  for (const spec of gen.files ?? []) {
    const at = spec.indexOf('=');
    const key = at > 0 ? spec.slice(0, at) : path.basename(spec);
    data[key] = readFileSync(path.resolve(dir, at > 0 ? spec.slice(at + 1) : spec), 'utf8');
  }
  return data;
}

function generate(
  layer: Layer,
  dir: string,
  kind: 'ConfigMap' | 'Secret',
  gen: Generator,
  defaultHash: boolean,
): void {
  const plain = generatorData(dir, gen);
  // Secrets carry base64 in `data`, as kustomize writes them.
  const data =
    kind === 'Secret'
      ? Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, Buffer.from(v).toString('base64')]))
      : plain;
  const hash =
    gen.options?.disableNameSuffixHash === undefined ? defaultHash : !gen.options.disableNameSuffixHash;
  const existing = layer.generated.find((g) => g.object.kind === kind && g.baseName === gen.name);
  if (gen.behavior === 'merge' || gen.behavior === 'replace') {
    if (!existing)
      throw new Error(`${dir}: ${kind} ${gen.name} has behavior ${gen.behavior} but no base defines it`);
    const merged = gen.behavior === 'merge' ? { ...(existing.object.data as object), ...data } : data;
    existing.object.data = merged;
    if (gen.options?.disableNameSuffixHash !== undefined) existing.hash = hash;
    return;
  }
  if (existing) throw new Error(`${dir}: ${kind} ${gen.name} generated twice (use behavior: merge)`);
  const object: K8sObject = { apiVersion: 'v1', kind, metadata: { name: gen.name }, data };
  if (kind === 'Secret') object.type = gen.type ?? 'Opaque';
  layer.generated.push({ object, baseName: gen.name, hash });
  layer.objects.push(object);
}

function matches(obj: K8sObject, t: NonNullable<PatchEntry['target']>): boolean {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  return (
    (t.kind === undefined || t.kind === obj.kind) &&
    (t.name === undefined || t.name === obj.metadata.name) &&
    (t.group === undefined || t.group === group) &&
    (t.version === undefined || t.version === version)
  );
}

function applyPatch(objects: K8sObject[], dir: string, entry: PatchEntry): void {
  const where = `${dir}/kustomization.yaml patches`;
  const text = entry.patch ?? (entry.path ? readFileSync(path.resolve(dir, entry.path), 'utf8') : null);
  if (text === null) throw new Error(`${where}: a patch needs path or patch`);
  const docs = parseAllDocuments(text).map((d) => d.toJS() as unknown);
  if (docs.length === 1 && Array.isArray(docs[0])) {
    if (!entry.target) throw new Error(`${where}: a JSON 6902 patch needs a target`);
    const hits = objects.filter((o) => matches(o, entry.target!));
    if (!hits.length) throw new Error(`${where}: no object matches target ${JSON.stringify(entry.target)}`);
    for (const obj of hits) Object.assign(obj, applyJsonPatch(obj, docs[0] as JsonOp[]));
    return;
  }
  for (const doc of docs as K8sObject[]) {
    const target = entry.target ?? { kind: doc.kind, name: doc.metadata?.name };
    const hits = objects.filter((o) => matches(o, target));
    if (!hits.length) throw new Error(`${where}: no ${target.kind} ${target.name} to patch`);
    for (const obj of hits) Object.assign(obj, strategicMerge(obj, doc));
  }
}

function setImages(obj: K8sObject, images: NonNullable<Kustomization['images']>): void {
  const spec = (obj.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec;
  if (!spec) return;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const [, name = c.image] = /^(.*?)(?:@.*|:[^/:]*)?$/.exec(c.image) ?? [];
    const rule = images.find((i) => i.name === name);
    if (!rule) continue;
    const tag = rule.digest ? `@${rule.digest}` : rule.newTag ? `:${rule.newTag}` : '';
    c.image = `${rule.newName ?? name}${tag}`;
  }
}

interface PodSpec {
  containers?: Array<{ image: string; [k: string]: unknown }>;
  initContainers?: Array<{ image: string; [k: string]: unknown }>;
  volumes?: Array<{ configMap?: { name: string }; secret?: { secretName: string } }>;
}

/**
 * kustomize's name hash: sha256 of the object's kind, name, data (and type for Secrets) as JSON with
 * sorted keys, its first 10 hex digits with 0,1,3,a,e swapped for letters (no number-like names).
 */
function nameHash(obj: K8sObject, baseName: string): string {
  const fields: Record<string, unknown> = { data: obj.data ?? {}, kind: obj.kind, name: baseName };
  if (obj.kind === 'Secret') fields.type = obj.type;
  const json = JSON.stringify(sortKeys(fields));
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...createHash('sha256').update(json).digest('hex').slice(0, 10)]
    .map((ch) => swap[ch] ?? ch)
    .join('');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** Gives generated objects their final names and points every reference in pod specs at them. */
function finishNames(layer: Layer): void {
  const renamed = new Map<string, string>();
  for (const g of layer.generated) {
    if (!g.hash) continue;
    const name = `${g.baseName}-${nameHash(g.object, g.baseName)}`;
    g.object.metadata.name = name;
    renamed.set(`${g.object.kind}/${g.baseName}`, name);
  }
  const rename = (kind: string, name: string) => renamed.get(`${kind}/${name}`) ?? name;
  for (const obj of layer.objects) {
    const spec = (obj.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec;
    if (!spec) continue;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      const container = c as {
        envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
        env?: Array<{
          valueFrom?: { configMapKeyRef?: { name: string }; secretKeyRef?: { name: string } };
        }>;
      };
      for (const from of container.envFrom ?? []) {
        if (from.configMapRef) from.configMapRef.name = rename('ConfigMap', from.configMapRef.name);
        if (from.secretRef) from.secretRef.name = rename('Secret', from.secretRef.name);
      }
      for (const e of container.env ?? []) {
        const ref = e.valueFrom;
        if (ref?.configMapKeyRef) ref.configMapKeyRef.name = rename('ConfigMap', ref.configMapKeyRef.name);
        if (ref?.secretKeyRef) ref.secretKeyRef.name = rename('Secret', ref.secretKeyRef.name);
      }
    }
    for (const v of spec.volumes ?? []) {
      if (v.configMap) v.configMap.name = rename('ConfigMap', v.configMap.name);
      if (v.secret) v.secret.secretName = rename('Secret', v.secret.secretName);
    }
  }
}
