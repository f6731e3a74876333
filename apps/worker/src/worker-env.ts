import { z } from 'zod';
import { logEnv, odooEnv, redisEnv, temuEnv } from '@temu-odoo/config';
import { QUEUE_NAMES, type QueueName } from '@temu-odoo/queues';

const queueList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value || value.trim() === '' || value.trim() === 'all') return [...QUEUE_NAMES];
    const names = value.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((n) => !(QUEUE_NAMES as string[]).includes(n));
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', message: `unknown queue(s) ${unknown.join(', ')}; expected some of ${QUEUE_NAMES.join(', ')}` });
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
    for (const part of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      const [name, count] = part.split('=');
      const n = Number(count);
      if (!(QUEUE_NAMES as string[]).includes(name ?? '') || !Number.isInteger(n) || n < 1) {
        ctx.addIssue({ code: 'custom', message: `expected queue=count pairs like "temu-orders=4,odoo=2", got "${part}"` });
        return z.NEVER;
      }
      out[name as QueueName] = n;
    }
    return out;
  });

export const workerEnvSchema = z.object({
  ...redisEnv,
  ...logEnv,
  ...temuEnv,
  ...odooEnv,
  WORKER_QUEUES: queueList,
  WORKER_CONCURRENCY: concurrencyList,
  /** Seconds running jobs get to finish at shutdown before they are released to other workers. */
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(10),
});

export type WorkerEnv = z.output<typeof workerEnvSchema>;
