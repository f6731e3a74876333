import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type NextFunction } from 'express';
import type { Logger } from '@temu-odoo/config';
import { InvalidJobPayloadError, JOB_NAMES, type JobName, type QueueRegistry } from '@temu-odoo/queues';

export interface WebhookHandler {
  /** Verifies and decodes a raw webhook body; returns the jobs to enqueue. Throws with a reason when rejected. */
  handle(rawBody: string, headers: Record<string, string | string[] | undefined>): Promise<number>;
}

export interface SchedulerHttpOptions {
  registry: QueueRegistry;
  log: Logger;
  apiToken?: string | undefined;
  webhooks?: WebhookHandler;
  /** Whether every recurring schedule is in Redis; /healthz answers 503 while one is missing. */
  health?: () => Promise<{ ok: boolean }>;
}

/**
 * The scheduler's HTTP face: manual triggers (`POST /trigger/<job name>` with the payload as JSON body)
 * and Temu webhooks. It only enqueues; it does no Temu or Odoo work itself.
 */
export function createSchedulerApp({
  registry,
  log,
  apiToken,
  webhooks,
  health,
}: SchedulerHttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', async (_req, res) => {
    const schedules = health ? await health() : { ok: true };
    res.status(schedules.ok ? 200 : 503).json({ status: schedules.ok ? 'ok' : 'unavailable', schedules });
  });

  app.post(
    '/trigger/:job',
    express.json({ limit: '1mb' }),
    requireTriggerAuth(apiToken),
    async (req, res) => {
      const name = String(req.params.job);
      if (!(JOB_NAMES as string[]).includes(name)) {
        res.status(404).json({ error: `unknown job "${name}"`, jobs: JOB_NAMES });
        return;
      }
      try {
        const job = await registry.enqueue(name as JobName, req.body ?? {});
        log.info({ job: name, jobId: job.id }, 'manual trigger');
        res.status(202).json({ job: name, jobId: job.id, queue: job.queueName });
      } catch (err) {
        if (err instanceof InvalidJobPayloadError) {
          res.status(400).json({ error: err.message, field: err.field });
          return;
        }
        log.error({ err }, 'trigger failed');
        res.status(503).json({ error: 'could not enqueue: Redis unavailable?' });
      }
    },
  );

  app.post('/webhooks/temu', express.text({ type: '*/*', limit: '1mb' }), async (req, res) => {
    if (!webhooks) {
      res.status(404).json({ error: 'webhooks are not configured' });
      return;
    }
    try {
      const enqueued = await webhooks.handle(typeof req.body === 'string' ? req.body : '', req.headers);
      res.json({ success: true, enqueued });
    } catch (err) {
      log.warn({ reason: (err as Error).message }, 'webhook rejected');
      res.status(400).json({ success: false, error: (err as Error).message });
    }
  });

  return app;
}

function requireTriggerAuth(apiToken: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (apiToken) {
      const given = Buffer.from(String(req.headers.authorization ?? ''));
      const expected = Buffer.from(`Bearer ${apiToken}`);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
      res.status(401).json({ error: 'POST /trigger needs Authorization: Bearer <SCHEDULER_API_TOKEN>' });
      return;
    }
    const addr = req.socket.remoteAddress ?? '';
    if (addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1') return next();
    res.status(403).json({ error: 'manual triggers from other hosts need SCHEDULER_API_TOKEN to be set' });
  };
}

export function listen(app: express.Express, port: number, host: string): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
