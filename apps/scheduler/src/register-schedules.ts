import { JOBS, jobOptions, parsePayload, type QueueRegistry } from '@temu-odoo/queues';
import type { RecurringJob } from './recurring-jobs.js';

export interface ScheduleChanges {
  added: string[];
  updated: string[];
  removed: string[];
}

export interface RegisterOptions {
  /** Schedules another live scheduler replica wants: never removed here (rolling deploys). */
  keep?: ReadonlySet<string>;
  /**
   * Periodic checks pass `true`: only missing schedules, and those whose interval follows shop state
   * (the stock sweep), are written, so two replicas with different settings do not flip a schedule
   * back and forth. At start-up every wanted schedule is written (a new deploy's intervals win).
   */
  onlyMissing?: boolean;
}

/** Every schedule of ours in Redis, by id, with its interval. */
export async function existingSchedules(registry: QueueRegistry): Promise<Map<string, number | null>> {
  const found = new Map<string, number | null>();
  for (const queue of registry.all()) {
    for (const s of await queue.getJobSchedulers()) {
      if (s.key) found.set(s.key, s.every === undefined || s.every === null ? null : Number(s.every));
    }
  }
  return found;
}

/** The wanted schedules that are not in Redis (Redis lost its data, or a replica removed them). */
export async function missingSchedules(registry: QueueRegistry, jobs: RecurringJob[]): Promise<string[]> {
  const existing = await existingSchedules(registry);
  return jobs.filter((j) => !existing.has(j.id)).map((j) => j.id);
}

/**
 * Registers recurring jobs with `upsertJobScheduler`: same id → same scheduler, so restarts and
 * several replicas converge on one schedule instead of duplicating it. Schedules of ours that no
 * live replica wants any more (a shop removed) are removed.
 */
export async function registerSchedules(
  registry: QueueRegistry,
  jobs: RecurringJob[],
  options: RegisterOptions = {},
): Promise<ScheduleChanges> {
  const existing = await existingSchedules(registry);
  const changes: ScheduleChanges = { added: [], updated: [], removed: [] };
  for (const job of jobs) {
    const every = existing.get(job.id);
    const present = existing.has(job.id);
    const intervalDiffers = present && every !== job.everyMs;
    if (present && options.onlyMissing && !(job.followsShopState && intervalDiffers)) continue;
    const { attempts, backoff, removeOnComplete, removeOnFail } = jobOptions(job.name);
    await registry.queue(JOBS[job.name].queue).upsertJobScheduler(
      job.id,
      { every: job.everyMs },
      {
        name: job.name,
        data: parsePayload(job.name, job.data),
        opts: { attempts, backoff, removeOnComplete, removeOnFail },
      },
    );
    (present ? changes.updated : changes.added).push(job.id);
  }
  const wanted = new Set(jobs.map((j) => j.id));
  for (const queue of registry.all()) {
    for (const scheduler of await queue.getJobSchedulers()) {
      const id = scheduler.key;
      if (id && !wanted.has(id) && !options.keep?.has(id)) {
        await queue.removeJobScheduler(id);
        changes.removed.push(id);
      }
    }
  }
  return changes;
}
