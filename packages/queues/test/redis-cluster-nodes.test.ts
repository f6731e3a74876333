import { describe, expect, it } from '@jest/globals';
import { redisClusterNodes } from '../src/index.js';

describe('REDIS_CLUSTER_NODES', () => {
  it('unset or blank selects the single Redis of REDIS_URL', () => {
    expect(redisClusterNodes({})).toBeNull();
    expect(redisClusterNodes({ REDIS_CLUSTER_NODES: '  ' })).toBeNull();
  });

  it('parses host:port entries, spaces around commas allowed, IPv6 in brackets', () => {
    expect(
      redisClusterNodes({ REDIS_CLUSTER_NODES: '127.0.0.1:7100, redis-1.internal:6379,[::1]:7002' }),
    ).toEqual([
      { host: '127.0.0.1', port: 7100 },
      { host: 'redis-1.internal', port: 6379 },
      { host: '::1', port: 7002 },
    ]);
  });

  it('names the variable and the bad entry (missing port, port out of range, URL instead of host:port)', () => {
    for (const bad of ['127.0.0.1', '127.0.0.1:70000', 'redis://h:6379']) {
      expect(() => redisClusterNodes({ REDIS_CLUSTER_NODES: `127.0.0.1:7100,${bad}` })).toThrow(
        `REDIS_CLUSTER_NODES: expected host:port,host:port,… (got the entry ${JSON.stringify(bad)})`,
      );
    }
  });
});
