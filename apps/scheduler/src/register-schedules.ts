import { JOBS, jobOptions, parsePayload, type QueueRegistry } from '@temu-odoo/queues';
import type { RecurringJob } from './recurring-jobs.js';

/**
 * Registers every recurring job with `upsertJobScheduler`: same id → same scheduler, so restarts and
 * several scheduler replicas converge on one schedule instead of duplicating it. Schedulers of ours
 * that are no longer wanted (a shop removed) are removed.
 */
export async function registerSchedules(registry: QueueRegistry, jobs: RecurringJob[]): Promise<void> {
  const wanted = new Map<string, Set<string>>();
  for (const job of jobs) {
    const queueName = JOBS[job.name].queue;
    const { attempts, backoff, removeOnComplete, removeOnFail } = jobOptions(job.name);
    await registry.queue(queueName).upsertJobScheduler(
      job.id,
      { every: job.everyMs },
      {
        name: job.name,
        data: parsePayload(job.name, job.data),
        opts: { attempts, backoff, removeOnComplete, removeOnFail },
      },
    );
    if (!wanted.has(queueName)) wanted.set(queueName, new Set());
    wanted.get(queueName)!.add(job.id);
  }
  for (const queue of registry.all()) {
    const keep = wanted.get(queue.name) ?? new Set<string>();
    for (const scheduler of await queue.getJobSchedulers()) {
      if (scheduler.key && !keep.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
    }
  }
}
