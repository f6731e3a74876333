import { z } from 'zod';
import { logEnv, minutes, odooEnv, redisEnv, temuEnv } from '@temu-odoo/config';
import { DEFAULT_MAX_DEFERRALS, QUEUE_NAMES, type QueueName } from '@temu-odoo/queues';
import { TEMU_DEFAULT_QUOTAS } from '@temu-odoo/temu-connector';
import { returnsEnv } from './returns/returns-env.js';
import { returnLabelEnv } from './returns/return-label-env.js';
import { healthEnv } from './seller-metrics/health-env.js';

const queueList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value || value.trim() === '' || value.trim() === 'all') return [...QUEUE_NAMES];
    const names = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !(QUEUE_NAMES as string[]).includes(n));
    if (unknown.length) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown queue(s) ${unknown.join(', ')}; expected some of ${QUEUE_NAMES.join(', ')}`,
      });
      return z.NEVER;
    }
    return names as QueueName[];
  });

/** `temu-orders=4,odoo=2`: concurrency per queue; queues not named run one job at a time. */
const concurrencyList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const out: Partial<Record<QueueName, number>> = {};
    for (const part of (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [name, count] = part.split('=');
      const n = Number(count);
      if (!(QUEUE_NAMES as string[]).includes(name ?? '') || !Number.isInteger(n) || n < 1) {
        ctx.addIssue({
          code: 'custom',
          message: `expected queue=count pairs like "temu-orders=4,odoo=2", got "${part}"`,
        });
        return z.NEVER;
      }
      out[name as QueueName] = n;
    }
    return out;
  });

/** `temu=0.4,own_site=0.35,other=0.25`: channel shares as fractions (validated again by core). */
const shareList = z
  .string()
  .default('temu=1')
  .transform((value, ctx) => {
    const out: Record<string, number> = {};
    for (const part of value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [name, share] = part.split('=');
      const n = Number(share);
      if (!name || !Number.isFinite(n)) {
        ctx.addIssue({
          code: 'custom',
          message: `expected channel=fraction pairs like "temu=0.4,own_site=0.35", got "${part}"`,
        });
        return z.NEVER;
      }
      out[name] = n;
    }
    return out;
  });

/** `fixed:5` (units) or `velocity:14:7` (window days : days of cover). */
const safetyRule = z
  .string()
  .default('fixed:0')
  .transform((value, ctx) => {
    const [kind, a, b] = value.split(':');
    if (kind === 'fixed' && Number(a) >= 0) return { kind: 'fixed' as const, quantity: Number(a) };
    if (kind === 'velocity' && Number(a) > 0 && Number(b) >= 0) {
      return { kind: 'velocity' as const, windowDays: Number(a), daysOfCover: Number(b) };
    }
    ctx.addIssue({
      code: 'custom',
      message: `expected "fixed:<units>" or "velocity:<window days>:<days of cover>", got "${value}"`,
    });
    return z.NEVER;
  });

const perMinute = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const workerEnvSchema = z.object({
  ...redisEnv,
  ...logEnv,
  ...temuEnv,
  ...odooEnv,
  WORKER_QUEUES: queueList,
  /** Port of GET /healthz (Kubernetes probes); unset: no HTTP server (workers need no port otherwise). */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  WORKER_HEALTH_HOST: z.string().min(1).default('0.0.0.0'),
  WORKER_CONCURRENCY: concurrencyList,
  /** Seconds running jobs get to finish at shutdown before they are released to other workers. */
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(10),
  /** Times one job may be put off (throttled, not ready) without spending an attempt before it is parked. */
  WORKER_MAX_DEFERRALS: z.coerce.number().int().min(1).default(DEFAULT_MAX_DEFERRALS),
  /** Orders written to Odoo per batch, and how long a batch waits to fill. */
  ODOO_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(100),
  ODOO_FLUSH_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  ORDER_BACKFILL_DAYS: z.coerce.number().positive().max(365).default(30),
  /** Each poll window starts this far before the previous one ended (late-indexed updates). */
  ORDER_POLL_OVERLAP_MINUTES: z.coerce.number().min(0).max(60).default(2),
  STOCK_SYNC_MINUTES: minutes(15),
  STOCK_SYNC_FAST_MINUTES: minutes(3),
  STOCK_ALLOCATION: shareList,
  SAFETY_STOCK: safetyRule,
  OVERSELL_WINDOW_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** JSON file: {"bySkuId": {"<temu skuId>": "<odoo code>"}, "bySellerSku": {...}, "carriers": {"<odoo carrier>": "<temu carrierId>"}}. */
  MAPPING_FILE: z.string().optional(),
  /** Temu carrier id used when the Odoo carrier has no mapping. */
  TEMU_DEFAULT_CARRIER_ID: z.string().optional(),
  /** Odoo's public address, where Temu downloads product images from (default ODOO_URL). */
  ODOO_PUBLIC_URL: z.string().url().optional(),
  /** Temu quotas (R18): per endpoint group per minute, per app key per second. */
  TEMU_QUOTA_ORDERS_PER_MINUTE: perMinute(TEMU_DEFAULT_QUOTAS.perMinute.orders),
  TEMU_QUOTA_INVENTORY_PER_MINUTE: perMinute(TEMU_DEFAULT_QUOTAS.perMinute.inventory),
  TEMU_QUOTA_PRODUCTS_PER_MINUTE: perMinute(TEMU_DEFAULT_QUOTAS.perMinute.products),
  TEMU_QUOTA_SHIPPING_PER_MINUTE: perMinute(TEMU_DEFAULT_QUOTAS.perMinute.shipping),
  TEMU_QUOTA_FINANCE_PER_MINUTE: perMinute(TEMU_DEFAULT_QUOTAS.perMinute.finance),
  TEMU_QUOTA_PER_SECOND: perMinute(TEMU_DEFAULT_QUOTAS.perSecond),
  /** Divides every retention period of the worker's Redis state (benchmarks only; 1 in production). */
  STATE_RETENTION_SCALE: z.coerce.number().min(1).max(10_000_000).default(1),
  /** JSON file of the shops' pricing (apps/worker/src/pricing/pricing-setup.ts); absent → no pricing. */
  PRICING_FILE: z.string().optional(),
  /** JSON file of the fully-managed shops' replenishment rules (README "Forecasting and replenishment"). */
  REPLENISHMENT_FILE: z.string().optional(),
  ...returnsEnv,
  ...returnLabelEnv,
  /** Seller metrics, ship-by risk and alerts (#14). */
  ...healthEnv,
});

export type WorkerEnv = z.output<typeof workerEnvSchema>;
