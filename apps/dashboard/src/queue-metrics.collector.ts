import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Redis } from 'ioredis';
import type { QueueRegistry } from '@temu-odoo/queues';
import { withTimeout } from './with-timeout.js';

/** The job states exported per queue; `getJobCounts()` is asked for exactly these. */
export const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'completed',
  'prioritized',
  'waiting-children',
] as const;

export const METRIC_PREFIX = 'temu_odoo_';
const QUEUE_JOBS = `${METRIC_PREFIX}queue_jobs`;
const QUEUE_PAUSED = `${METRIC_PREFIX}queue_paused`;

/** Redis hash where workers write operator gauges (oversell rate, sync interval …), one numeric field each. */
export function operatorMetricsKey(prefix: string): string {
  return `${prefix}:state:{metrics}`;
}

/** `oversell-rate` → `temu_odoo_oversell_rate`; null when nothing usable is left. */
/** `name` or `name{a="x",b="y"}` → name and labels; null when the label part is malformed. */
export function parseOperatorField(field: string): { name: string; labels: Record<string, string> } | null {
  const m = /^([^{}]+)(?:\{(.*)\})?$/.exec(field);
  if (!m) return null;
  const labels: Record<string, string> = {};
  if (m[2]) {
    for (const part of m[2].split(',')) {
      const kv = /^\s*([A-Za-z_][A-Za-z0-9_]*)="([^"]*)"\s*$/.exec(part);
      if (!kv) return null;
      labels[kv[1]!] = kv[2]!;
    }
  }
  return { name: m[1]!, labels };
}

export function operatorMetricName(field: string): string | null {
  const cleaned = field.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '');
  return cleaned ? `${METRIC_PREFIX}${cleaned}` : null;
}

export interface QueueMetricsOptions {
  registry: QueueRegistry;
  redis: Redis;
  prefix: string;
  /** Upper bound for reading Redis during one scrape (BullMQ waits, rather than fails, while Redis is down). */
  timeoutMs?: number;
}

/**
 * One prom-client Registry per dashboard (not the global one, so several apps in one process —
 * tests — do not collide). `refresh()` reads Redis right before a scrape, so the numbers are
 * those of the moment the scrape asks, and operator gauges appear/disappear with their hash fields.
 */
export class QueueMetricsCollector {
  readonly register = new Registry();
  private readonly jobs: Gauge<'queue' | 'state'>;
  private readonly paused: Gauge<'queue'>;
  private readonly operatorGauges = new Map<string, Gauge>();

  constructor(private readonly options: QueueMetricsOptions) {
    collectDefaultMetrics({ register: this.register });
    this.jobs = new Gauge({
      name: QUEUE_JOBS,
      help: 'Jobs per catalog queue and BullMQ state',
      labelNames: ['queue', 'state'],
      registers: [this.register],
    });
    this.paused = new Gauge({
      name: QUEUE_PAUSED,
      help: '1 when the queue is paused, 0 otherwise',
      labelNames: ['queue'],
      registers: [this.register],
    });
  }

  async refresh(): Promise<void> {
    const ms = this.options.timeoutMs ?? 5_000;
    await withTimeout(this.read(), ms, `Redis did not answer within ${ms} ms`);
  }

  private async read(): Promise<void> {
    const queues = this.options.registry.all();
    const [perQueue, operator] = await Promise.all([
      Promise.all(
        queues.map(async (queue) => ({
          name: queue.name,
          counts: await queue.getJobCounts(...JOB_STATES),
          paused: await queue.isPaused(),
        })),
      ),
      this.options.redis.hgetall(operatorMetricsKey(this.options.prefix)),
    ]);
    for (const { name, counts, paused } of perQueue) {
      for (const state of JOB_STATES) this.jobs.set({ queue: name, state }, counts[state] ?? 0);
      this.paused.set({ queue: name }, paused ? 1 : 0);
    }
    this.refreshOperatorGauges(operator);
  }

  /**
   * Operator gauges: each numeric field of the hash, `name` or `name{label="value",…}` (the worker
   * writes e.g. `oversell_rate{shop="demo-shop"}`), becomes `temu_odoo_<name>` with those labels.
   */
  private refreshOperatorGauges(fields: Record<string, string>): void {
    const seen = new Set<string>();
    for (const gauge of this.operatorGauges.values()) gauge.reset();
    for (const [field, raw] of Object.entries(fields)) {
      const value = Number(raw);
      const parsed = parseOperatorField(field);
      const name = parsed ? operatorMetricName(parsed.name) : null;
      // Non-numeric fields and names that would shadow our own gauges are not exported.
      if (
        raw.trim() === '' ||
        !Number.isFinite(value) ||
        !parsed ||
        !name ||
        name === QUEUE_JOBS ||
        name === QUEUE_PAUSED
      ) {
        continue;
      }
      const labelNames = Object.keys(parsed.labels).sort();
      let gauge = this.operatorGauges.get(name);
      if (!gauge) {
        gauge = new Gauge({
          name,
          help: `Operator gauge "${parsed.name}" from the Redis hash ${operatorMetricsKey(this.options.prefix)}`,
          labelNames,
          registers: [this.register],
        });
        this.operatorGauges.set(name, gauge);
      }
      try {
        gauge.set(parsed.labels, value);
        seen.add(name);
      } catch {
        // Same name written with other label names: the first shape wins; the odd field is skipped.
      }
    }
    // A field removed from the hash stops being exported instead of freezing at its last value.
    for (const name of [...this.operatorGauges.keys()]) {
      if (!seen.has(name)) {
        this.register.removeSingleMetric(name);
        this.operatorGauges.delete(name);
      }
    }
  }

  async metrics(): Promise<string> {
    await this.refresh();
    return this.register.metrics();
  }
}
