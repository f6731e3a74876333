import type { Redis } from 'ioredis';
import { allKeys, getMany, type QueueRegistry, type ShopHealthSnapshot } from '@temu-odoo/queues';
import { listParkedJobs } from './parked-jobs.js';
import {
  METRIC_PREFIX,
  operatorMetricName,
  operatorMetricsKey,
  parseOperatorField,
} from './queue-metrics.collector.js';

/** One gauge as /metrics exports it: full name and labels. */
export interface GaugeValue {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParkedGroup {
  queue: string;
  job: string;
  reason: string;
  count: number;
}

export interface HealthData {
  nowMs: number;
  gauges: GaugeValue[];
  snapshots: ShopHealthSnapshot[];
  parked: ParkedGroup[];
  shops: string[];
}

/** Parked jobs read per queue for the grouping (the /ops page lists them one by one). */
const PARKED_READ = 500;

/** The same reading of the operator-gauge hash as the /metrics collector: the page and the scrape agree. */
export function readGauges(fields: Record<string, string>): GaugeValue[] {
  const out: GaugeValue[] = [];
  for (const [field, raw] of Object.entries(fields)) {
    const parsed = parseOperatorField(field);
    const name = parsed ? operatorMetricName(parsed.name) : null;
    const value = Number(raw);
    if (!parsed || !name || raw.trim() === '' || !Number.isFinite(value)) continue;
    out.push({ name, labels: parsed.labels, value });
  }
  return out;
}

/** A failure reason without its ids and numbers, so the same cause groups together. */
export function reasonKind(reason: string): string {
  const first = reason.split('\n')[0]!.split(': ')[0]!;
  return first.replace(/[0-9]+/g, '#').slice(0, 100);
}

export async function loadHealthData(
  redis: Redis,
  registry: QueueRegistry,
  prefix: string,
  nowMs: number,
): Promise<HealthData> {
  const [fields, snapshots, parkedJobs] = await Promise.all([
    redis.hgetall(operatorMetricsKey(prefix)),
    readSnapshots(redis, prefix),
    listParkedJobs(registry, PARKED_READ),
  ]);
  const gauges = readGauges(fields);
  const groups = new Map<string, ParkedGroup>();
  for (const job of parkedJobs) {
    const reason = reasonKind(job.failedReason);
    const key = `${job.queue}\u0000${job.name}\u0000${reason}`;
    const group = groups.get(key) ?? { queue: job.queue, job: job.name, reason, count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  const shops = new Set(snapshots.map((s) => s.shopId));
  for (const g of gauges) if (g.labels.shop) shops.add(g.labels.shop);
  return {
    nowMs,
    gauges,
    snapshots,
    parked: [...groups.values()].sort((a, b) => b.count - a.count),
    shops: [...shops].sort(),
  };
}

async function readSnapshots(redis: Redis, prefix: string): Promise<ShopHealthSnapshot[]> {
  // Per master on a cluster; the snapshots of different shops sit in different slots (getMany).
  const keys = await allKeys(redis, `${prefix}:state:shop:*:health`);
  if (!keys.length) return [];
  const values = await getMany(redis, keys);
  return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as ShopHealthSnapshot);
}

export function gaugeOf(data: HealthData, name: string, labels: Record<string, string>): GaugeValue | null {
  const full = `${METRIC_PREFIX}${name}`;
  return (
    data.gauges.find(
      (g) =>
        g.name === full &&
        Object.keys(labels).length === Object.keys(g.labels).length &&
        Object.entries(labels).every(([k, v]) => g.labels[k] === v),
    ) ?? null
  );
}
