/** One `host:port` of `REDIS_CLUSTER_NODES`. */
export interface ClusterNodeAddress {
  host: string;
  port: number;
}

/**
 * `REDIS_CLUSTER_NODES=host:port,host:port,…` selects Redis Cluster mode for every connection of
 * the process (README "Redis Cluster"); unset or empty means the single Redis of `REDIS_URL`. A few
 * seed nodes are enough: ioredis learns the rest of the topology from them. Throws a message naming
 * the variable and the bad entry, so a typo stops the app at start-up.
 */
export function redisClusterNodes(
  env: Record<string, string | undefined> = process.env,
): ClusterNodeAddress[] | null {
  const raw = env.REDIS_CLUSTER_NODES?.trim();
  if (!raw) return null;
  return raw.split(',').map((entry) => {
    const m = /^\s*([^\s:,]+|\[[0-9a-fA-F:]+\]):(\d{1,5})\s*$/.exec(entry);
    const port = m ? Number(m[2]) : NaN;
    if (!m || port < 1 || port > 65_535) {
      throw new Error(
        `REDIS_CLUSTER_NODES: expected host:port,host:port,… (got the entry ${JSON.stringify(entry.trim())})`,
      );
    }
    return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
  });
}
