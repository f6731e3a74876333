import { DelayedError, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '@temu-odoo/config';
import { JOBS, jobsOfQueue, type JobName, type JobPayload, type QueueName } from './catalog.js';
import { parsePayload } from './payload.js';
import { queuePrefix } from './queue-prefix.js';
import { decideFailure } from './job-outcome.js';
import { runWithJobSignal } from './job-signal.js';

export interface JobContext {
  job: Job;
  log: Logger;
  /** Aborted when the worker shuts down or the job is cancelled; long work should stop on it. */
  signal: AbortSignal;
}

/** Times a job may lose its worker (stall) before BullMQ fails it; see the Worker options. */
export const MAX_STALLED_COUNT = 10;

export type ProcessorFn<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext) => Promise<unknown>;

/** Every catalog job must have a processor: a missing key here is a compile error. */
export type ProcessorMap = { [N in JobName]: ProcessorFn<N> };

export interface WorkerRunnerOptions {
  connection: Redis;
  prefix: string;
  queues: QueueName[];
  processors: ProcessorMap;
  log: Logger;
  concurrency?: Partial<Record<QueueName, number>>;
  /** How long running jobs may take to finish at shutdown before they are released to other workers. */
  shutdownGraceMs?: number;
  /**
   * Throttle and not-ready outcomes spend no attempt; this caps how often one job may be put off
   * that way before it is parked with the reason (default DEFAULT_MAX_DEFERRALS).
   */
  maxDeferrals?: number;
}

/**
 * With Temu's waits (1 s after a throttle, 60 s while amounts compute) 500 deferrals is minutes of
 * pure throttling or most of a day of "not ready": far beyond what a healthy job meets.
 */
export const DEFAULT_MAX_DEFERRALS = 500;

const SHUTDOWN = 'shutdown';
const NEVER_ABORTED = new AbortController().signal;

/** Throws at start-up when a job of the catalog has no processor (the type also forbids it). */
export function assertProcessorsComplete(processors: Partial<ProcessorMap>): void {
  const missing = (Object.keys(JOBS) as JobName[]).filter((name) => typeof processors[name] !== 'function');
  if (missing.length) throw new Error(`No processor for catalog job(s): ${missing.join(', ')}`);
}

/**
 * Runs BullMQ workers for the given catalog queues. Each job: parse the payload, run its processor
 * with a child logger, and turn failures into the decision of `decideFailure`.
 */
export class WorkerRunner {
  private readonly workers: Worker[] = [];

  constructor(private readonly options: WorkerRunnerOptions) {
    assertProcessorsComplete(options.processors);
  }

  start(): Worker[] {
    for (const queue of this.options.queues) this.workers.push(this.createWorker(queue));
    return this.workers;
  }

  private createWorker(queue: QueueName): Worker {
    const { connection, prefix, log } = this.options;
    // No BullMQ limiter per queue: it counts job starts of every shop together, so shops on
    // different app keys would share one quota. Temu's quotas are per app key and per endpoint
    // group; the TemuQuotaLimiter enforces them on each call.
    const worker: Worker = new Worker(
      queue,
      (job, token, signal) => this.process(queue, job, token, signal),
      {
        connection,
        prefix: queuePrefix(prefix, queue),
        concurrency: this.options.concurrency?.[queue] ?? 1,
        // A job whose worker died (SIGKILL, OOM, a lost node) is handed to another worker when its
        // lock expires. BullMQ's default fails it on the second such stall, which under repeated
        // kills parked orders.sync/orders.flush jobs until the daily reconcile (drill
        // sigkill-workers). Every job here is idempotent, so allow many; a job that kills every
        // worker taking it is still failed in the end.
        maxStalledCount: MAX_STALLED_COUNT,
        autorun: true,
      },
    );
    worker.on('error', (err) => log.error({ err, queue }, 'worker error'));
    worker.on('failed', (job, err) => {
      if (!job) return;
      const parked = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      log[parked ? 'error' : 'warn'](
        { queue, job: job.name, jobId: job.id, attempt: job.attemptsMade, err: { message: err.message } },
        parked ? 'job parked' : 'job failed, will retry',
      );
    });
    log.info({ queue, jobs: jobsOfQueue(queue), concurrency: worker.concurrency }, 'worker started');
    return worker;
  }

  private async process(
    queue: QueueName,
    job: Job,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const name = job.name as JobName;
    const log = this.jobLogger(queue, job);
    const processor = this.options.processors[name] as ProcessorFn<JobName> | undefined;
    if (!processor || JOBS[name]?.queue !== queue) {
      throw new UnrecoverableError(`ERR_UNKNOWN_JOB: job "${name}" does not belong to queue "${queue}"`);
    }
    const ownSignal = signal ?? NEVER_ABORTED;
    try {
      const payload = parsePayload(name, job.data);
      const work = runWithJobSignal(ownSignal, () => processor(payload, { job, log, signal: ownSignal }));
      return await raceAbort(work, ownSignal);
    } catch (err) {
      if (ownSignal.aborted && ownSignal.reason === SHUTDOWN) {
        // Released, not failed: back to wait without spending an attempt; another worker takes it.
        await job.moveToWait(token);
        log.info('released at shutdown');
        throw new WaitingError();
      }
      const decision = decideFailure(err);
      switch (decision.action) {
        case 'park':
          log.error({ err }, `parked: ${decision.reason}`);
          throw new UnrecoverableError(decision.reason);
        case 'throttle':
        case 'later': {
          // Only this job waits. The throttle answer itself already blocked the endpoint group of the
          // throttled call for its app key (the Temu client's onThrottle → TemuQuotaLimiter.block),
          // so other jobs of this queue — other shops, other groups — keep running.
          const deferrals = deferralsSoFar(job);
          const max = this.options.maxDeferrals ?? DEFAULT_MAX_DEFERRALS;
          const what = decision.action === 'throttle' ? 'throttled' : 'not ready';
          if (deferrals >= max) {
            const reason = `ERR_DEFERRED_TOO_OFTEN: put off ${deferrals} times without spending an attempt (${what} each time, cap WORKER_MAX_DEFERRALS=${max}); last: ${(err as Error).message}`;
            log.error({ err }, `parked: ${reason}`);
            throw new UnrecoverableError(reason);
          }
          log[decision.action === 'throttle' ? 'warn' : 'info'](
            { waitMs: decision.waitMs, deferrals },
            `${what}: delayed`,
          );
          await job.moveToDelayed(Date.now() + decision.waitMs, token);
          throw new DelayedError();
        }
        case 'retry':
          throw err;
      }
    }
  }

  /**
   * The per-job child logger `{queue, job, jobId, attempt, shop, parentOrderSn}`, built on first use:
   * most jobs log once or not at all, and building it eagerly was a measurable share of the per-job
   * overhead (issue 7, scenario 4).
   */
  private jobLogger(queue: QueueName, job: Job): Logger {
    let child: Logger | undefined;
    const make = (): Logger => {
      const data = job.data as Record<string, unknown>;
      child ??= this.options.log.child({
        queue,
        job: job.name,
        jobId: job.id,
        attempt: job.attemptsMade + 1,
        ...(typeof data?.shopId === 'string' ? { shop: data.shopId } : {}),
        ...(typeof data?.orderRef === 'string' ? { parentOrderSn: data.orderRef } : {}),
      });
      return child;
    };
    return new Proxy({} as Logger, {
      get: (_t, prop) => {
        const target = make();
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** Stops taking jobs, lets running ones finish for `shutdownGraceMs`, then releases the rest. */
  async close(): Promise<void> {
    const grace = this.options.shutdownGraceMs ?? 10_000;
    const closing = this.workers.map((w) => w.close());
    const timer = setTimeout(() => {
      for (const w of this.workers) w.cancelAllJobs(SHUTDOWN);
    }, grace);
    try {
      await Promise.all(closing);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * How often this job was put off without spending an attempt: every start counts in
 * `attemptsStarted`, every failure in `attemptsMade`; the current start is neither yet.
 */
function deferralsSoFar(job: Job): number {
  return Math.max(0, (job.attemptsStarted ?? 0) - job.attemptsMade - 1);
}

/** Settles with the processor, or rejects as soon as the signal aborts (the processor may ignore it). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Processors that do nothing: for measuring the catalog's own overhead and for tests. */
export function noopProcessors(overrides: Partial<ProcessorMap> = {}): ProcessorMap {
  const map = {} as Record<JobName, ProcessorFn<JobName>>;
  for (const name of Object.keys(JOBS) as JobName[]) map[name] = async () => null;
  return { ...(map as ProcessorMap), ...overrides };
}
