import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { QUEUE_NAMES, createRedisConnection, deleteKeysByPrefix, queuePrefix } from '@temu-odoo/queues';
import { REPO_ROOT } from '../../../../tools/lib/processes.js';
import { uniquePrefix } from '../../../../tools/lib/fleet.js';
import { kustomizeBuild, type K8sObject } from '../../../../tools/k8s/kustomize.js';
import { OVERLAYS, checkOverlay } from '../../../../tools/k8s/check.js';
import { containerEnv, waitListKey } from '../../../../tools/k8s/validate.js';

/**
 * deploy/k8s as CI sees it (tools/k8s): rendered without kubectl, every object through the
 * Kubernetes/KEDA OpenAPI schemas and the fleet's rules, and every KEDA trigger on the key BullMQ
 * itself keeps the queue's waiting jobs in, on a real Redis.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const overlay = (name: string) => path.join(REPO_ROOT, 'deploy/k8s/overlays', name);
const redis = createRedisConnection(REDIS_URL, 'producer');
const queues: Queue[] = [];
const testPrefix = uniquePrefix('k8s-keys');
const copies: string[] = [];

afterAll(async () => {
  await Promise.all(queues.map((q) => q.close()));
  await deleteKeysByPrefix(redis, testPrefix);
  await redis.quit();
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A copy of deploy/k8s with one file edited, rendered and checked like CI does. */
function checkEdited(file: string, edit: (text: string) => string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-'));
  copies.push(dir);
  cpSync(path.join(REPO_ROOT, 'deploy/k8s'), dir, { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before); // the edit really happened
  writeFileSync(target, after);
  return checkOverlay(path.join(dir, 'overlays/staging'), OVERLAYS.staging!.externalSecrets).problems;
}

const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name)!;

describe('deploy/k8s', () => {
  it.each(Object.keys(OVERLAYS))('overlay %s renders and passes the schemas and the fleet rules', (name) => {
    const { objects, problems } = checkOverlay(overlay(name), OVERLAYS[name]!.externalSecrets);
    expect(problems).toEqual([]);
    // Production: the 12 objects listed in the next test. Staging: those 12, the two sandboxes
    // (Service + Deployment each) and the two generated Secrets = 18.
    expect(objects).toBe(name === 'production' ? 12 : 18);
  });

  it('renders what the overlays say: namespace, image, merged config, patches, generated Secrets', () => {
    const prod = kustomizeBuild(overlay('production'));
    // By hand from base/ + overlays/production: Namespace, ConfigMap, redis Service + StatefulSet,
    // scheduler Service + Deployment, worker-temu, worker-odoo, dashboard Service + Deployment,
    // 2 ScaledObjects = 12 objects, no Secret (made with kubectl).
    expect(prod.map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '')}`).sort()).toEqual(
      [
        'ConfigMap/temu-odoo-config',
        'Deployment/dashboard',
        'Deployment/scheduler',
        'Deployment/worker-odoo',
        'Deployment/worker-temu',
        'Namespace/temu-odoo',
        'ScaledObject/worker-odoo',
        'ScaledObject/worker-temu',
        'Service/dashboard',
        'Service/redis',
        'Service/scheduler',
        'StatefulSet/redis',
      ].sort(),
    );
    for (const o of prod) if (o.kind !== 'Namespace') expect(o.metadata.namespace).toBe('temu-odoo');
    const scheduler = find(prod, 'Deployment', 'scheduler') as K8sObject & {
      spec: { replicas: number; template: { spec: { containers: Array<{ image: string }> } } };
    };
    expect(scheduler.spec.replicas).toBe(2); // strategic merge patch scheduler-replicas.yaml
    expect(scheduler.spec.template.spec.containers[0]!.image).toBe('registry.example.com/temu-odoo:1.0.0');
    expect(
      (find(prod, 'ScaledObject', 'worker-temu').spec as { maxReplicaCount: number }).maxReplicaCount,
    ).toBe(12);
    // The ConfigMap carries a hash suffix and the Deployments point at that name.
    const config = prod.find((o) => o.kind === 'ConfigMap')!;
    expect(config.metadata.name).toMatch(/^temu-odoo-config-[a-z0-9]{10}$/);
    const worker = find(prod, 'Deployment', 'worker-odoo') as K8sObject & {
      spec: { template: { spec: { containers: Parameters<typeof containerEnv>[1][] } } };
    };
    const env = containerEnv(prod, worker.spec.template.spec.containers[0]!);
    // base literals merged with the overlay's (behavior: merge) and the container's own values.
    expect(env).toMatchObject({
      QUEUE_PREFIX: 'temu-odoo',
      ODOO_URL: 'https://odoo.example.com',
      WORKER_QUEUES: 'odoo,system',
      KEDA_REDIS_ADDRESS: 'redis.temu-odoo.svc.cluster.local:6379',
    });

    const staging = kustomizeBuild(overlay('staging'));
    const shops = find(staging, 'Secret', 'temu-odoo-shops'); // fixed name: edits reload, no rollout
    const shopsJson = JSON.parse(
      Buffer.from((shops.data as Record<string, string>)['shops.json']!, 'base64').toString(),
    );
    expect(shopsJson[0].gatewayUrl).toBe('http://temu-sandbox:4010');
    expect(staging.some((o) => /^temu-odoo-secrets-[a-z0-9]{10}$/.test(o.metadata.name))).toBe(true);
    expect(
      staging
        .filter((o) => o.kind === 'Deployment')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(
      ['dashboard', 'odoo-sandbox', 'scheduler', 'temu-sandbox', 'worker-odoo', 'worker-temu'].sort(),
    );
  });

  it('every KEDA trigger names the wait list BullMQ really uses for its queue', async () => {
    const objects = kustomizeBuild(overlay('production'));
    const config = objects.find((o) => o.kind === 'ConfigMap')!.data as Record<string, string>;
    const triggers = objects
      .filter((o) => o.kind === 'ScaledObject')
      .flatMap(
        (o) => (o.spec as { triggers: Array<{ name: string; metadata: { listName: string } }> }).triggers,
      );
    // One trigger per catalog queue (the two worker groups together serve every queue once).
    expect(triggers.map((t) => t.name).sort()).toEqual([...QUEUE_NAMES].sort());
    for (const t of triggers) {
      // BullMQ's own key, built the way packages/queues builds every queue (QueueRegistry).
      const queue = new Queue(t.name, {
        connection: redis,
        prefix: queuePrefix(config.QUEUE_PREFIX!, t.name),
      });
      queues.push(queue);
      expect(t.metadata.listName).toBe(queue.keys.wait);
    }
  });

  it('the wait list counts jobs ready to run, not delayed or prioritized ones', async () => {
    // With a private prefix: what lands where when jobs are added, read with LLEN as KEDA does.
    const queue = new Queue('temu-orders', {
      connection: redis,
      prefix: queuePrefix(testPrefix, 'temu-orders'),
    });
    queues.push(queue);
    const key = waitListKey(testPrefix, 'temu-orders');
    await queue.add('orders.poll', { shopId: 'a' });
    await queue.add('orders.poll', { shopId: 'b' });
    await queue.add('orders.poll', { shopId: 'c' }, { delay: 60_000 });
    await queue.add('orders.poll', { shopId: 'd' }, { priority: 5 });
    // Two plain jobs wait; the delayed one is in :delayed, the prioritized one in :prioritized.
    expect(await redis.llen(key)).toBe(2);
    expect(await redis.zcard(queue.keys.delayed!)).toBe(1);
    expect(await redis.zcard(queue.keys.prioritized!)).toBe(1);
  });

  it('fails on a broken manifest, naming the problem', () => {
    // Schema: a port must be a number.
    expect(
      checkEdited('base/dashboard.yaml', (t) => t.replace('containerPort: 3000', "containerPort: 'three'")),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Deployment dashboard: .*containerPort must be integer/),
      ]),
    );
    // Schema (KEDA CRD): a ScaledObject needs its scaleTargetRef.
    expect(
      checkEdited('base/keda-worker-odoo.yaml', (t) =>
        t.replace('  scaleTargetRef:\n    name: worker-odoo\n', ''),
      ),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/ScaledObject worker-odoo: .*scaleTargetRef/)]));
    // Fleet rule: a trigger on a key BullMQ never writes (the hash tag alone, without the queue name).
    expect(
      checkEdited('base/keda-worker-odoo.yaml', (t) =>
        t.replace("'temu-odoo:{odoo}:odoo:wait'", "'temu-odoo:{odoo}:wait'"),
      ),
    ).toEqual(expect.arrayContaining(['ScaledObject worker-odoo: no trigger on temu-odoo:{odoo}:odoo:wait']));
    // Fleet rule: the grace period must cover the worker's shutdown grace plus its 15 s to close.
    expect(
      checkEdited('base/kustomization.yaml', (t) =>
        t.replace('WORKER_SHUTDOWN_GRACE_SECONDS=30', 'WORKER_SHUTDOWN_GRACE_SECONDS=50'),
      ),
    ).toEqual(
      expect.arrayContaining([
        'Deployment worker-temu container worker: terminationGracePeriodSeconds 60 must exceed WORKER_SHUTDOWN_GRACE_SECONDS 50 + 15',
      ]),
    );
    // Renderer: a patch on nothing is an error, not a silent no-op.
    expect(() =>
      kustomizeBuild(
        (() => {
          const dir = mkdtempSync(path.join(tmpdir(), 'k8s-'));
          copies.push(dir);
          cpSync(path.join(REPO_ROOT, 'deploy/k8s'), dir, { recursive: true });
          const file = path.join(dir, 'overlays/production/scheduler-replicas.yaml');
          writeFileSync(file, readFileSync(file, 'utf8').replace('name: scheduler', 'name: schedulr'));
          return path.join(dir, 'overlays/production');
        })(),
      ),
    ).toThrow(/no Deployment schedulr to patch/);
  });
});
