/**
 * The Redis Cluster failover drill's fault (README "Redis Cluster"): SIGKILL the master that serves
 * a given key's slot (a crash, no shutdown), let its replica take over, and afterwards start the
 * killed node again from its own config so it rejoins as a replica and the CI cluster is whole for
 * the next test. Only for a local cluster (`.ci/redis-cluster.sh`): it signals the node's process.
 */
import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import calculateSlot from 'cluster-key-slot';
import { redisClusterNodes } from '@temu-odoo/queues';

export interface KilledMaster {
  host: string;
  port: number;
  slot: number;
  pid: number;
  /** The node's own start-up settings, read before the kill, to start it again the same way. */
  config: Record<string, string>;
}

interface NodeLine {
  host: string;
  port: number;
  master: boolean;
  ranges: Array<[number, number]>;
}

function parseNodes(text: string): NodeLine[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [, addr, flags, , , , , , ...slots] = line.split(' ');
      const [hostPort] = addr!.split('@');
      const i = hostPort!.lastIndexOf(':');
      return {
        host: hostPort!.slice(0, i),
        port: Number(hostPort!.slice(i + 1)),
        master: flags!.split(',').includes('master') && !flags!.includes('fail'),
        ranges: slots
          .filter((s) => /^\d+(-\d+)?$/.test(s))
          .map((s) => {
            const [a, b] = s.split('-').map(Number);
            return [a!, b ?? a!] as [number, number];
          }),
      };
    });
}

async function withNode<T>(host: string, port: number, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis({ host, port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

/** Any reachable seed node's view of the cluster. */
async function clusterNodes(): Promise<NodeLine[]> {
  for (const seed of redisClusterNodes() ?? []) {
    try {
      return parseNodes(await withNode(seed.host, seed.port, (r) => r.cluster('NODES') as Promise<string>));
    } catch {
      // try the next seed: this one may be the node a drill killed
    }
  }
  throw new Error('no node of REDIS_CLUSTER_NODES answered CLUSTER NODES');
}

/** SIGKILLs the master serving `key`'s slot; resolves once the process is gone. */
export async function killMasterOf(key: string): Promise<KilledMaster> {
  const slot = calculateSlot(key);
  const master = (await clusterNodes()).find(
    (n) => n.master && n.ranges.some(([a, b]) => slot >= a && slot <= b),
  );
  if (!master) throw new Error(`no live master serves slot ${slot} (${key})`);
  const { pid, config } = await withNode(master.host, master.port, async (r) => {
    const info = (await r.info('server')) as string;
    const pid = Number(/^process_id:(\d+)/m.exec(info)?.[1]);
    const config: Record<string, string> = {};
    for (const name of ['dir', 'cluster-config-file', 'cluster-node-timeout', 'logfile', 'pidfile', 'bind']) {
      const [, value] = (await r.config('GET', name)) as [string, string];
      config[name] = value;
    }
    return { pid, config };
  });
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return { host: master.host, port: master.port, slot, pid, config };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis ${master.host}:${master.port} (pid ${pid}) did not die`);
}

/** Resolves once another node serves the killed master's slot as master and the cluster is ok. */
export async function waitForPromotion(killed: KilledMaster, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const nodes = await clusterNodes().catch(() => []);
    const owner = nodes.find(
      (n) =>
        n.master && n.port !== killed.port && n.ranges.some(([a, b]) => killed.slot >= a && killed.slot <= b),
    );
    if (owner) {
      const ok = await withNode(owner.host, owner.port, async (r) =>
        /^cluster_state:ok/m.test((await r.cluster('INFO')) as string),
      ).catch(() => false);
      if (ok) return `${owner.host}:${owner.port}`;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no replica took over slot ${killed.slot} within ${timeoutMs} ms`);
}

/** Starts the killed node again with its own config; it rejoins the cluster as a replica. */
export async function restartNode(killed: KilledMaster): Promise<void> {
  const c = killed.config;
  const run = spawnSync(
    'redis-server',
    [
      '--port',
      String(killed.port),
      '--bind',
      c.bind || '127.0.0.1',
      '--daemonize',
      'yes',
      '--dir',
      c.dir!,
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      c['cluster-config-file']!,
      '--cluster-node-timeout',
      c['cluster-node-timeout']!,
      ...(c.logfile ? ['--logfile', c.logfile] : []),
      ...(c.pidfile ? ['--pidfile', c.pidfile] : []),
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`redis-server did not start again on ${killed.port}: ${run.stderr}`);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const back = await withNode(killed.host, killed.port, async (r) =>
      /^cluster_state:ok/m.test((await r.cluster('INFO')) as string),
    ).catch(() => false);
    if (back) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`redis ${killed.host}:${killed.port} did not rejoin the cluster within 30 s`);
}
