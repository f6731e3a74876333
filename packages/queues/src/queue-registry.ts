import { Queue, type JobsOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOBS, QUEUE_NAMES, jobOptions, type JobInput, type JobName, type QueueName } from './catalog.js';
import { parsePayload } from './payload.js';
import { queuePrefix } from './queue-prefix.js';

export interface QueueRegistryOptions {
  connection: Redis;
  /** Base key prefix (QUEUE_PREFIX); each queue gets `<prefix>:{<queue>}`. */
  prefix: string;
  onError?: (queue: QueueName, err: Error) => void;
}

/**
 * The producer side of the catalog: one BullMQ Queue per catalog queue, created lazily, and a typed
 * `enqueue` that validates the payload before anything reaches Redis.
 */
export class QueueRegistry {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly options: QueueRegistryOptions) {}

  get prefix(): string {
    return this.options.prefix;
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.options.connection,
        prefix: queuePrefix(this.options.prefix, name),
      });
      queue.on('error', (err) => this.options.onError?.(name, err));
      this.queues.set(name, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return QUEUE_NAMES.map((name) => this.queue(name));
  }

  /** Validates `data` against the job's schema (throws InvalidJobPayloadError naming the field), then adds it. */
  async enqueue<N extends JobName>(name: N, data: JobInput<N>, opts: JobsOptions = {}): Promise<Job> {
    const payload = parsePayload(name, data);
    const queue = this.queue(JOBS[name].queue);
    return queue.add(name, payload, { ...jobOptions(name), ...opts });
  }

  /** Adds many jobs of one name in one round trip (each payload validated first). */
  async enqueueBulk<N extends JobName>(
    name: N,
    items: Array<{ data: JobInput<N>; opts?: JobsOptions }>,
  ): Promise<Job[]> {
    const defaults = jobOptions(name);
    const jobs = items.map(({ data, opts }) => ({
      name,
      data: parsePayload(name, data),
      opts: { ...defaults, ...opts },
    }));
    return this.queue(JOBS[name].queue).addBulk(jobs);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
