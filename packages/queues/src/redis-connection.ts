import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { redisClusterNodes, type ClusterNodeAddress } from './redis-cluster-nodes.js';

/**
 * What the connection is for decides how it behaves when Redis goes away:
 * - `worker`: blocking commands must wait forever (`maxRetriesPerRequest: null`, BullMQ requires it),
 *   and reconnect until Redis is back: a restart of Redis must not kill the fleet.
 * - `producer` (scheduler, CLI) and `dashboard`: fail fast so an HTTP request answers with an error
 *   instead of hanging while Redis is down.
 */
export type ConnectionRole = 'worker' | 'producer' | 'dashboard';

const ROLE_OPTIONS: Record<ConnectionRole, RedisOptions> = {
  worker: { maxRetriesPerRequest: null, enableReadyCheck: true },
  producer: { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 5_000 },
  dashboard: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 },
};

// Back off up to 2 s between reconnects; never give up (a worker outlives a Redis restart).
const reconnectDelay = (times: number) => Math.min(times * 200, 2_000);

/**
 * The one factory for every Redis connection of the fleet (apps, tools, tests). With
 * `REDIS_CLUSTER_NODES` set (README "Redis Cluster") it returns an ioredis `Cluster` over those
 * nodes instead of a single `Redis` for `url`; `url` then only lends its credentials and TLS.
 *
 * The return type stays `Redis` on purpose: `Cluster` has the same command API (both are ioredis
 * `Commander`s), BullMQ takes either, and keeping one type lets every store run unchanged. What a
 * cluster does differently is handled where it matters: keys of one script/MULTI share a hash tag
 * (`{...}`), and whole-keyspace walks go through `scanKeys` (per master), never `redis.scan`.
 */
export function createRedisConnection(url: string, role: ConnectionRole, extra: RedisOptions = {}): Redis {
  const nodes = redisClusterNodes();
  if (nodes) return createClusterConnection(nodes, url, role, extra) as unknown as Redis;
  return new Redis(url, {
    ...ROLE_OPTIONS[role],
    connectionName: `temu-odoo:${role}`,
    retryStrategy: reconnectDelay,
    ...extra,
  });
}

/** True for a connection `createRedisConnection` made in cluster mode. */
export function isClusterConnection(redis: Redis): boolean {
  return (redis as unknown as { isCluster?: boolean }).isCluster === true;
}

/** The masters of a cluster connection (each owns a share of the slots), or the connection itself. */
export function masterNodes(redis: Redis): Redis[] {
  return isClusterConnection(redis) ? (redis as unknown as Cluster).nodes('master') : [redis];
}

function createClusterConnection(
  nodes: ClusterNodeAddress[],
  url: string,
  role: ConnectionRole,
  extra: RedisOptions,
): Cluster {
  const { enableOfflineQueue, retryStrategy, lazyConnect, enableReadyCheck, ...perNode } = {
    ...ROLE_OPTIONS[role],
    connectionName: `temu-odoo:${role}`,
    ...credentialsOf(url),
    ...extra,
  };
  const options: ClusterOptions = {
    // Per-node options keep the role's maxRetriesPerRequest (null for workers: BullMQ reads it from
    // here on a cluster), connect timeout, name and credentials.
    redisOptions: perNode,
    enableOfflineQueue: enableOfflineQueue ?? true,
    enableReadyCheck: enableReadyCheck ?? true,
    lazyConnect: lazyConnect ?? false,
    clusterRetryStrategy: retryStrategy === undefined ? reconnectDelay : retryStrategy,
    // Reads from masters only: a replica may lag behind a write the same job just made.
    scaleReads: 'master',
    // A killed master: its connections close, commands to its slots are retried every 300 ms with a
    // fresh slot map until the replica is promoted (cluster-node-timeout plus an election, a few
    // seconds). 100 redirections × 300 ms covers ~30 s of failover before a command fails.
    retryDelayOnFailover: 300,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 100,
    maxRedirections: 100,
    slotsRefreshTimeout: 2_000,
  };
  return new Cluster(
    nodes.map((n) => ({ host: n.host, port: n.port })),
    options,
  );
}

/** Username, password and TLS of `url` for each cluster node; the nodes variable holds none. */
function credentialsOf(url: string): RedisOptions {
  try {
    const u = new URL(url);
    return {
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Resolves when Redis answers PING, rejects with a message naming the URL (without credentials).
 * In cluster mode: when the cluster reports `cluster_state:ok` through the first reachable node.
 */
export async function assertRedisReachable(url: string, timeoutMs = 3_000): Promise<void> {
  const nodes = redisClusterNodes();
  if (nodes) return assertClusterReachable(nodes, url, timeoutMs);
  const probe = new Redis(url, probeOptions(timeoutMs));
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new Error(`Redis is not reachable at ${redactUrl(url)}: ${(err as Error).message}`, { cause: err });
  } finally {
    probe.disconnect();
  }
}

/** A one-shot start-up probe: one try, no queueing, no reconnecting. */
function probeOptions(timeoutMs: number) {
  return {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  };
}

async function assertClusterReachable(
  nodes: ClusterNodeAddress[],
  url: string,
  timeoutMs: number,
): Promise<void> {
  const errors: string[] = [];
  for (const node of nodes) {
    const probe = new Redis({
      host: node.host,
      port: node.port,
      ...credentialsOf(url),
      ...probeOptions(timeoutMs),
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      const info = await probe.cluster('INFO');
      if (/^cluster_state:ok\r?$/m.test(info)) return;
      errors.push(
        `${node.host}:${node.port}: ${/^cluster_state:\S+/m.exec(info)?.[0] ?? 'no cluster_state'}`,
      );
    } catch (err) {
      errors.push(`${node.host}:${node.port}: ${(err as Error).message}`);
    } finally {
      probe.disconnect();
    }
  }
  throw new Error(`Redis Cluster (REDIS_CLUSTER_NODES) is not usable: ${errors.join('; ')}`);
}

/** A Redis URL with any password replaced, safe for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
