import { z } from 'zod';
import { booleanFlag, logEnv, minutes, redisEnv, temuEnv } from '@temu-odoo/config';

export const schedulerEnvSchema = z.object({
  ...redisEnv,
  ...logEnv,
  ...temuEnv,
  SCHEDULER_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  SCHEDULER_HOST: z.string().default('0.0.0.0'),
  /** Bearer token required by POST /trigger/*; unset = no triggers unless SCHEDULER_LOOPBACK_TRIGGERS. */
  SCHEDULER_API_TOKEN: z.string().min(16, { message: 'expected at least 16 characters' }).optional(),
  /**
   * Without a token, accept triggers from loopback. An explicit opt-in for a laptop (`pnpm start`
   * sets it): a reverse proxy on the same host makes every request look like loopback.
   */
  SCHEDULER_LOOPBACK_TRIGGERS: booleanFlag,
  ORDER_POLL_MINUTES: minutes(5),
  STOCK_SYNC_MINUTES: minutes(15),
  /** Used instead while a shop's oversell rate keeps its stock sync near-real-time (set by the worker). */
  STOCK_SYNC_FAST_MINUTES: minutes(3),
  SHIPPING_SCAN_MINUTES: minutes(1),
  PRODUCTS_REFRESH_MINUTES: minutes(60),
  /** Price planning per shop (R11/R12): daily by default; on demand with `pnpm ops prices`. */
  PRICES_PLAN_MINUTES: minutes(24 * 60),
  AFTERSALES_POLL_MINUTES: minutes(15),
  /** settlement.reconcile per shop: payouts not fully matched at import are matched again. */
  SETTLEMENT_RECONCILE_MINUTES: minutes(60),
  /** Listing check of every product of each shop this often (0 = only on demand, the default). */
  LISTING_CHECK_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(0),
  /** Full stock pass (catches anything change detection missed). */
  STOCK_FULL_PASS_MINUTES: minutes(6 * 60),
  /** Order and stock reconciliation against Temu. */
  RECONCILE_MINUTES: minutes(24 * 60),
  HEARTBEAT_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /** How often the scheduler checks that its schedules are still in Redis (and re-registers them). */
  SCHEDULE_CHECK_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /** After Redis lost its data: how far before the last orders watermark seen the next poll re-reads. */
  ORDER_RECOVERY_LOOKBACK_MINUTES: z.coerce
    .number()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  /**
   * Statement drop folder (README "Statements and payouts"): `<shopId>__<anything>.csv|.xlsx` files
   * dropped here are queued as `settlement.import`, then moved to processed/ or failed/. Unset = off.
   */
  STATEMENT_DROP_DIR: z.string().min(1).optional(),
  /** How often the drop folder is scanned. */
  STATEMENT_DROP_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /** The Odoo bank journal payouts of dropped statements arrive on. */
  STATEMENT_DROP_BANK_JOURNAL: z.string().min(1).default('Bank'),
});

export type SchedulerEnv = z.output<typeof schedulerEnvSchema>;
