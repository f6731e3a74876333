import type { Redis } from 'ioredis';
import { drained, type Fleet } from './fleet.js';
import { seedUnshippedOrders, startImportFleet, waitForImport, type Quotas } from './import-fleet.js';
import { waitForWorkersReady } from './bench-import.scenario.js';
import { round } from './report.js';

const DAY_MS = 86_400_000;
/** The longest retention of per-order state (synced versions, buyer data: 30 days). */
const LONGEST_RETENTION_MS = 30 * DAY_MS;

export interface RedisMemoryParams {
  orders: number;
  workers: number;
  quotas: Quotas;
  /** Wall-clock seconds the 30-day retention is compressed to (STATE_RETENTION_SCALE). */
  horizonSeconds: number;
}

export interface MemorySnapshot {
  keys: number;
  bytes: number;
  /** Bytes per key family: queue jobs, synced versions, caches, markers… */
  byFamily: Record<string, { keys: number; bytes: number }>;
}

export interface RedisMemoryResult {
  params: RedisMemoryParams & { retentionScale: number };
  imported: number;
  importSeconds: number;
  afterRun: MemorySnapshot;
  afterHorizon: MemorySnapshot;
  /** Worker state (`state:*` keys) per imported order, after the run. */
  stateBytesPerOrder: number;
  /**
   * Steady state at 10,000 orders/day: the per-order state kept up to 30 days (× 300,000 orders),
   * plus the queues as measured (bounded by their job count caps, not by the order rate).
   */
  estimatedMiBPer10kOrdersPerDay: number;
}

/** `temu-odoo:state:shop:{s1}:cache:address:PO-1` → `state:cache:address`; queues by their name. */
function familyOf(prefix: string, key: string): string {
  const rest = key.slice(prefix.length + 1);
  const queue = /^\{([^}]+)\}:([^:]+)/.exec(rest);
  if (queue) return `queue:${queue[1]}:${/^\d+$/.test(queue[2]!) ? 'job' : queue[2]}`;
  const shop = /^state:shop:[^:]+:(cache:[a-z-]+|once:[a-z-]+|[a-z-]+)/.exec(rest);
  if (shop) return `state:${shop[1]}`;
  return rest.split(':').slice(0, 2).join(':');
}

/** Sum of MEMORY USAGE over every key of the fleet's prefix (the shared Redis holds others too). */
export async function measureKeys(redis: Redis, prefix: string): Promise<MemorySnapshot> {
  const byFamily: MemorySnapshot['byFamily'] = {};
  let keys = 0;
  let bytes = 0;
  let cursor = '0';
  do {
    const [next, page] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of page) pipeline.memory('USAGE', key, 'SAMPLES', '0');
    const replies = (await pipeline.exec()) ?? [];
    page.forEach((key, i) => {
      const size = Number(replies[i]?.[1] ?? 0);
      const family = familyOf(prefix, key);
      byFamily[family] ??= { keys: 0, bytes: 0 };
      byFamily[family].keys += 1;
      byFamily[family].bytes += size;
      keys += 1;
      bytes += size;
    });
  } while (cursor !== '0');
  return { keys, bytes, byFamily };
}

/**
 * Scenario 6: Redis memory after an import of `orders` orders, and again once the retention
 * horizon has passed. The clock is compressed (STATE_RETENTION_SCALE): the worker's 30 days last
 * `horizonSeconds`. After the horizon, one poll (which trims synced versions) and a heartbeat
 * (which trims gauges) run, as the scheduler would send them.
 */
export async function runRedisMemory(p: RedisMemoryParams): Promise<RedisMemoryResult> {
  const retentionScale = Math.max(1, Math.round(LONGEST_RETENTION_MS / (p.horizonSeconds * 1000)));
  const fleet: Fleet = await startImportFleet({
    label: 'bench-redis-memory',
    quotas: p.quotas,
    workerEnv: { STATE_RETENTION_SCALE: String(retentionScale), ODOO_FLUSH_DELAY_MS: '1000' },
  });
  try {
    await seedUnshippedOrders(fleet, p.orders);
    for (let i = 0; i < p.workers; i++) fleet.startWorker();
    await waitForWorkersReady(fleet);
    const started = Date.now();
    await fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId });
    const wait = await waitForImport(fleet, p.orders, Math.max(600_000, p.orders * 60));
    const importSeconds = (Date.now() - started) / 1000;
    await drained(fleet, 120_000);
    const afterRun = await measureKeys(fleet.redis, fleet.prefix);
    // Every write happened before now: once the horizon has passed from here, all of it is past.
    const horizonEnds = Date.now() + p.horizonSeconds * 1000;
    while (Date.now() < horizonEnds) await new Promise((r) => setTimeout(r, 1000));
    await fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId });
    await fleet.registry.enqueue('system.heartbeat', { from: 'bench', sentAtMs: Date.now() });
    await drained(fleet, 120_000);
    const afterHorizon = await measureKeys(fleet.redis, fleet.prefix);
    const n = Math.max(1, wait.imported);
    const stateBytes = Object.entries(afterRun.byFamily)
      .filter(([family]) => family.startsWith('state:'))
      .reduce((sum, [, f]) => sum + f.bytes, 0);
    const perOrder = stateBytes / n;
    return {
      params: { ...p, retentionScale },
      imported: wait.imported,
      importSeconds: round(importSeconds, 1),
      afterRun,
      afterHorizon,
      stateBytesPerOrder: Math.round(perOrder),
      estimatedMiBPer10kOrdersPerDay: round(
        (perOrder * 10_000 * 30 + (afterRun.bytes - stateBytes)) / 1024 / 1024,
        1,
      ),
    };
  } finally {
    await fleet.stop();
  }
}
