import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { QUEUE_NAMES, queuePrefix } from '@temu-odoo/queues';
import type { K8sObject } from './kustomize.js';

/**
 * Checks rendered manifests in two layers. First the schema: every object goes through the model of
 * its kind from `kubernetes-models` / `@kubernetes-models/keda`, which validate against the
 * upstream OpenAPI schemas of Kubernetes and KEDA's CRDs (types, required fields, enums). A kind
 * without a model here is a problem, not a pass. Then this fleet's rules, which a schema cannot
 * know: probes, non-root, resources, grace periods, references, and KEDA triggers on the real
 * BullMQ wait lists of exactly the queues each worker Deployment serves.
 */

type Model = { validate(): void };
const MODELS: Record<string, new (data: never) => Model> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
};

/** The image built from the repository's Dockerfile runs as `node`, uid/gid 1000. */
const APP_IMAGE = /(^|\/)temu-odoo(:|@|$)/;
const NODE_UID = 1000;
/** The worker allows itself this long after WORKER_SHUTDOWN_GRACE_SECONDS to close (apps/worker/src/main.ts). */
const WORKER_CLOSE_MARGIN_SECONDS = 15;

interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: Array<{
    name: string;
    value?: string;
    valueFrom?: Record<string, { name: string; optional?: boolean }>;
  }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  volumes?: Array<{ secret?: { secretName: string }; configMap?: { name: string } }>;
}

const podSpec = (o: K8sObject) => (o.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec;

export function schemaProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    const id = `${o.kind} ${o.metadata?.name}`;
    const Model = MODELS[`${o.apiVersion}/${o.kind}`];
    if (!Model) {
      problems.push(
        `${id}: no schema for ${o.apiVersion} ${o.kind} (add its model in tools/k8s/validate.ts)`,
      );
      continue;
    }
    try {
      new Model(o as never).validate();
    } catch (err) {
      problems.push(`${id}: ${(err as Error).message}`);
    }
  }
  return problems;
}

/** The environment a container sees: ConfigMaps by envFrom, then its own plain values. */
export function containerEnv(objects: K8sObject[], c: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of c.envFrom ?? []) {
    const cm =
      from.configMapRef &&
      objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === from.configMapRef!.name);
    if (cm) Object.assign(env, cm.data as Record<string, string>);
  }
  for (const e of c.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
  return env;
}

export interface FleetRuleOptions {
  /** Secrets created outside the kustomization (production: by `kubectl create secret`). */
  externalSecrets?: string[];
}

export function fleetProblems(objects: K8sObject[], options: FleetRuleOptions = {}): string[] {
  const problems: string[] = [];
  const names = (kind: string) => new Set(objects.filter((o) => o.kind === kind).map((o) => o.metadata.name));
  const configMaps = names('ConfigMap');
  const secrets = new Set([...names('Secret'), ...(options.externalSecrets ?? [])]);
  const served = new Map<string, string>();

  for (const o of objects) {
    const spec = podSpec(o);
    if (!spec) continue;
    const id = `${o.kind} ${o.metadata.name}`;
    for (const v of spec.volumes ?? []) {
      if (v.secret && !secrets.has(v.secret.secretName))
        problems.push(`${id}: volume Secret ${v.secret.secretName} does not exist`);
      if (v.configMap && !configMaps.has(v.configMap.name))
        problems.push(`${id}: volume ConfigMap ${v.configMap.name} does not exist`);
    }
    for (const c of spec.containers) {
      const cid = `${id} container ${c.name}`;
      if (!c.livenessProbe || !c.readinessProbe)
        problems.push(`${cid}: needs a liveness and a readiness probe`);
      if (!c.resources?.requests?.cpu || !c.resources.requests.memory || !c.resources.limits?.memory)
        problems.push(`${cid}: needs cpu and memory requests and a memory limit`);
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef && !configMaps.has(from.configMapRef.name))
          problems.push(`${cid}: ConfigMap ${from.configMapRef.name} does not exist`);
        if (from.secretRef && !secrets.has(from.secretRef.name))
          problems.push(`${cid}: Secret ${from.secretRef.name} does not exist`);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !ref.optional && !secrets.has(ref.name))
          problems.push(`${cid}: env ${e.name} names Secret ${ref.name}, which does not exist`);
      }
      if (!APP_IMAGE.test(c.image)) continue;
      // The fleet's own apps: non-root as the image's user, health on /healthz.
      if (spec.securityContext?.runAsNonRoot !== true || spec.securityContext.runAsUser !== NODE_UID)
        problems.push(`${cid}: must run as non-root uid ${NODE_UID} (the image's node user)`);
      const app = c.command?.find((part) => /^apps\/[^/]+\/dist\/main\.js$/.test(part))?.split('/')[1];
      if (!app) {
        problems.push(`${cid}: command must run apps/<app>/dist/main.js from the image`);
        continue;
      }
      const fleetApp = ['scheduler', 'worker', 'dashboard'].includes(app);
      if (
        fleetApp &&
        (c.livenessProbe?.httpGet?.path !== '/healthz' || c.readinessProbe?.httpGet?.path !== '/healthz')
      )
        problems.push(`${cid}: ${app} probes must be HTTP GET /healthz`);
      if (app !== 'worker') continue;
      const env = containerEnv(objects, c);
      if (!env.WORKER_HEALTH_PORT)
        problems.push(`${cid}: WORKER_HEALTH_PORT must be set for the /healthz probes`);
      const grace = Number(env.WORKER_SHUTDOWN_GRACE_SECONDS ?? 10);
      const period = spec.terminationGracePeriodSeconds ?? 30;
      if (!(period > grace + WORKER_CLOSE_MARGIN_SECONDS))
        problems.push(
          `${cid}: terminationGracePeriodSeconds ${period} must exceed WORKER_SHUTDOWN_GRACE_SECONDS ${grace} + ${WORKER_CLOSE_MARGIN_SECONDS}`,
        );
      const queues = (env.WORKER_QUEUES ?? '')
        .split(',')
        .map((q) => q.trim())
        .filter(Boolean);
      if (!queues.length || queues.includes('all'))
        problems.push(`${cid}: WORKER_QUEUES must name its queue group`);
      for (const q of queues) {
        if (served.has(q))
          problems.push(`queue ${q} is served by both ${served.get(q)} and ${o.metadata.name}`);
        served.set(q, o.metadata.name);
      }
      problems.push(...kedaProblems(objects, o, queues, env));
    }
  }
  const workers = objects.some((o) =>
    podSpec(o)?.containers.some((c) => c.command?.includes('apps/worker/dist/main.js')),
  );
  if (workers)
    for (const q of QUEUE_NAMES)
      if (!served.has(q)) problems.push(`queue ${q} is served by no worker Deployment`);
  for (const so of objects.filter((o) => o.kind === 'ScaledObject')) {
    const target = targetOf(so);
    if (target && !objects.some((o) => o.kind === 'Deployment' && o.metadata.name === target))
      problems.push(`ScaledObject ${so.metadata.name}: its target Deployment ${target} does not exist`);
  }
  return problems;
}

/** A ScaledObject's target (undefined when the schema check already reports it missing). */
const targetOf = (o: K8sObject) =>
  (o.spec as { scaleTargetRef?: { name?: string } } | undefined)?.scaleTargetRef?.name;

interface Trigger {
  type: string;
  name?: string;
  metadata: Record<string, string>;
}

/** The key BullMQ keeps a queue's waiting jobs in, with this fleet's prefix (packages/queues). */
export function waitListKey(basePrefix: string, queue: string): string {
  return `${queuePrefix(basePrefix, queue)}:${queue}:wait`;
}

/** One ScaledObject per worker Deployment, one trigger per queue it serves, on that queue's wait list. */
function kedaProblems(
  objects: K8sObject[],
  deployment: K8sObject,
  queues: string[],
  env: Record<string, string>,
): string[] {
  const name = deployment.metadata.name;
  const scaled = objects.filter((o) => o.kind === 'ScaledObject' && targetOf(o) === name);
  if (scaled.length !== 1)
    return [`Deployment ${name}: needs exactly one KEDA ScaledObject, found ${scaled.length}`];
  const so = scaled[0]!;
  const spec = so.spec as { triggers?: Trigger[] };
  if ((deployment.spec as { replicas?: number }).replicas !== undefined)
    return [`Deployment ${name}: leave spec.replicas out, ScaledObject ${so.metadata.name} owns the count`];
  const prefix = env.QUEUE_PREFIX ?? 'temu-odoo';
  const problems: string[] = [];
  const triggers = (spec.triggers ?? []).filter((t) => t?.metadata);
  const keys = triggers.map((t) => t.metadata.listName);
  const want = queues.map((q) => waitListKey(prefix, q));
  for (const t of triggers) {
    if (t.type !== 'redis' && t.type !== 'redis-cluster')
      problems.push(`ScaledObject ${so.metadata.name}: trigger type ${t.type} is not redis`);
    if (!want.includes(t.metadata.listName ?? ''))
      problems.push(
        `ScaledObject ${so.metadata.name}: listName ${t.metadata.listName} is no wait list of ${want.join(', ')}`,
      );
    const addressVar = t.metadata.addressFromEnv;
    if (addressVar && !env[addressVar])
      problems.push(`ScaledObject ${so.metadata.name}: ${addressVar} is not in ${name}'s environment`);
    // KEDA's operator runs in its own namespace: a service address must name this one.
    const ns = /^[^.:]+\.([^.:]+)\.svc\b/.exec(
      addressVar ? (env[addressVar] ?? '') : (t.metadata.address ?? ''),
    )?.[1];
    if (ns && ns !== (deployment.metadata.namespace ?? 'default'))
      problems.push(
        `ScaledObject ${so.metadata.name}: Redis address names namespace ${ns}, the fleet runs in ${deployment.metadata.namespace}`,
      );
  }
  for (const key of want)
    if (!keys.includes(key)) problems.push(`ScaledObject ${so.metadata.name}: no trigger on ${key}`);
  return problems;
}
