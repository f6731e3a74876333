import type { Redis } from 'ioredis';
import type { Logger } from '@temu-odoo/config';
import { STOCK_SYNC_MODE, getMany, shopStateKey, type QueueRegistry } from '@temu-odoo/queues';
import { recurringJobs, type RecurringJob } from './recurring-jobs.js';
import { missingSchedules, registerSchedules } from './register-schedules.js';
import type { ScheduleOwners } from './schedule-owners.js';
import type { SchedulerEnv } from './scheduler-env.js';
import type { WatermarkMemory } from './watermark-memory.js';

export interface ScheduleKeeperOptions {
  registry: QueueRegistry;
  redis: Redis;
  env: SchedulerEnv;
  shopIds: string[];
  /** Fully-managed shops (issue 16): consignment jobs instead of consumer-order ones. */
  fullShops?: ReadonlySet<string>;
  owners: ScheduleOwners;
  watermarks: WatermarkMemory;
  log: Logger;
}

export interface ScheduleHealth {
  ok: boolean;
  missing: string[];
  checks: number;
  lastCheckAtMs: number | null;
  error?: string;
}

/**
 * Keeps the recurring schedules in Redis, not only at start-up: Redis can come back empty (restart
 * without persistence, failover to an empty replica, a flush) while every app reconnects happily.
 * Checks run when the connection becomes ready again and every SCHEDULE_CHECK_SECONDS; each check
 * first restores what recovery needs (the orders watermarks, see WatermarkMemory), then re-registers
 * what is missing, applies the stock sweep interval oversell control chose, and renews this
 * replica's claim. Checks never overlap: one asked for while another runs follows it.
 */
export class ScheduleKeeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private checks = 0;
  private lastCheckAtMs: number | null = null;
  private readonly onReady = () => void this.check('redis ready');

  constructor(private readonly options: ScheduleKeeperOptions) {}

  /** The first check writes every schedule (this deploy's intervals win); then checks keep them. */
  async start(): Promise<RecurringJob[]> {
    const jobs = await this.runCheck('start-up', false);
    this.options.redis.on('ready', this.onReady);
    this.timer = setInterval(
      () => void this.check('periodic'),
      this.options.env.SCHEDULE_CHECK_SECONDS * 1000,
    );
    this.timer.unref();
    return jobs;
  }

  /** Queues a check behind the running one (at most one waits); never throws. */
  check(reason: string): Promise<void> {
    if (this.pending) return this.running;
    this.pending = true;
    this.running = this.running.then(async () => {
      this.pending = false;
      try {
        await this.runCheck(reason, true);
      } catch (err) {
        this.options.log.warn(
          { reason, err: (err as Error).message },
          'schedule check failed; retried later',
        );
      }
    });
    return this.running;
  }

  private async runCheck(reason: string, onlyMissing: boolean): Promise<RecurringJob[]> {
    const { registry, owners, watermarks, shopIds, log } = this.options;
    const restored = await watermarks.observe(shopIds);
    if (restored.length)
      log.warn(
        { reason, restored },
        'orders watermarks were lost with Redis data: restored a recovery window',
      );
    const jobs = await this.wanted();
    await owners.claim(jobs.map((j) => j.id));
    const changes = await registerSchedules(registry, jobs, {
      keep: await owners.wantedByOthers(),
      onlyMissing,
    });
    this.checks += 1;
    this.lastCheckAtMs = Date.now();
    if (!onlyMissing)
      log.info(
        { schedules: jobs.map((j) => ({ id: j.id, everyMs: j.everyMs })) },
        'recurring work registered',
      );
    else if (changes.added.length || changes.updated.length || changes.removed.length)
      log.warn({ reason, ...changes }, 'schedules repaired');
    return jobs;
  }

  /** What this replica wants now; the stock sweep follows the mode oversell control stored. */
  async wanted(): Promise<RecurringJob[]> {
    const { redis, env } = this.options;
    // A copy: the shops file may be reloaded (its ids replaced in place) while Redis answers.
    const shopIds = [...this.options.shopIds];
    const modes = shopIds.length
      ? await getMany(
          redis,
          shopIds.map((id) => shopStateKey(env.QUEUE_PREFIX, id, STOCK_SYNC_MODE)),
        )
      : [];
    const nearRealTime = new Set(shopIds.filter((_, i) => modes[i] === 'near_real_time'));
    return recurringJobs(env, shopIds, nearRealTime, this.options.fullShops);
  }

  /** Live answer for /healthz: unhealthy while a wanted schedule is missing or Redis does not answer. */
  async health(): Promise<ScheduleHealth> {
    const base = { checks: this.checks, lastCheckAtMs: this.lastCheckAtMs };
    try {
      const missing = await missingSchedules(this.options.registry, await this.wanted());
      if (missing.length) void this.check('health check found schedules missing');
      return { ok: missing.length === 0, missing, ...base };
    } catch (err) {
      return { ok: false, missing: [], ...base, error: (err as Error).message };
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.options.redis.off('ready', this.onReady);
    await this.running;
    await this.options.owners.release();
  }
}
