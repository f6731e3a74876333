import type { Job } from 'bullmq';
import { QUEUE_NAMES, replayParked, type QueueName, type QueueRegistry } from '@temu-odoo/queues';
import type { ParkedJob } from './ops-page.view.js';

export class OpsRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function catalogQueue(name: string): QueueName {
  if (!(QUEUE_NAMES as string[]).includes(name)) {
    throw new OpsRequestError(404, `Unknown queue "${name}"; catalog queues are: ${QUEUE_NAMES.join(', ')}`);
  }
  return name as QueueName;
}

function stringField(data: unknown, key: string): string | null {
  if (data && typeof data === 'object' && key in data) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return null;
}

export function toParkedJob(queue: string, job: Job): ParkedJob {
  return {
    queue,
    id: job.id ?? '',
    name: job.name,
    shopId: stringField(job.data, 'shopId'),
    orderRef: stringField(job.data, 'orderRef'),
    failedReason: job.failedReason ?? '',
    attemptsMade: job.attemptsMade,
    failedAtMs: job.finishedOn ?? null,
  };
}

/** Newest `limit` failed jobs of every catalog queue. */
export async function listParkedJobs(registry: QueueRegistry, limit: number): Promise<ParkedJob[]> {
  const perQueue = await Promise.all(
    registry
      .all()
      .map(async (queue) => (await queue.getFailed(0, limit - 1)).map((job) => toParkedJob(queue.name, job))),
  );
  return perQueue.flat();
}

/** Moves one parked job back to waiting; 404 when it does not exist, 409 when it is not failed. */
export async function replayJob(registry: QueueRegistry, queueName: string, jobId: string): Promise<void> {
  const queue = registry.queue(catalogQueue(queueName));
  const job = await queue.getJob(jobId);
  if (!job) throw new OpsRequestError(404, `No job "${jobId}" in queue "${queueName}" (already removed?)`);
  const state = await job.getState();
  if (state !== 'failed') {
    throw new OpsRequestError(
      409,
      `Job "${jobId}" of queue "${queueName}" is ${state}; only failed (parked) jobs can be replayed`,
    );
  }
  await replayParked(job);
}

/**
 * Replays every job that is failed when the request arrives. The ids are read once first, so a
 * replayed job that fails again at once is not replayed a second time by the same request.
 */
export async function replayAllParked(registry: QueueRegistry, queueName: string): Promise<number> {
  const queue = registry.queue(catalogQueue(queueName));
  const ids = await queue.getRanges(['failed'], 0, -1);
  let replayed = 0;
  for (const id of ids) {
    const job = await queue.getJob(id);
    if (!job || (await job.getState()) !== 'failed') continue;
    await replayParked(job);
    replayed += 1;
  }
  return replayed;
}
