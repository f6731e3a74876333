import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { Logger } from '@temu-odoo/config';
import { InvalidJobPayloadError, JOB_NAMES, type JobName, type QueueRegistry } from '@temu-odoo/queues';
import { FailureLimiter } from './failure-limiter.js';

export interface WebhookHandler {
  /** Verifies and decodes a raw webhook body; returns the jobs to enqueue. Throws with a reason when rejected. */
  handle(rawBody: string, headers: Record<string, string | string[] | undefined>): Promise<number>;
}

export interface SchedulerHttpOptions {
  registry: QueueRegistry;
  log: Logger;
  apiToken?: string | undefined;
  /**
   * Without a token, accept triggers from 127.0.0.1/::1 (SCHEDULER_LOOPBACK_TRIGGERS=true). Off by
   * default: behind a reverse proxy on the same host every request arrives from loopback.
   */
  loopbackTriggers?: boolean;
  /** Configured shops: a trigger naming another `shopId` is refused. */
  shopIds: readonly string[];
  webhooks?: WebhookHandler;
  /** Whether every recurring schedule is in Redis; /healthz answers 503 while one is missing. */
  health?: () => Promise<{ ok: boolean }>;
  /** Brake on rejected webhooks; defaults to WEBHOOK_FAILURE_LIMITS. */
  webhookFailures?: FailureLimiter;
}

/** 20 rejected deliveries per address and 300 in all per minute: far above Temu's honest mistakes. */
export const WEBHOOK_FAILURE_LIMITS = { perAddress: 20, total: 300, windowMs: 60_000 };

/**
 * The scheduler's HTTP face: manual triggers (`POST /trigger/<job name>` with the payload as JSON body)
 * and Temu webhooks. It only enqueues; it does no Temu or Odoo work itself.
 */
export function createSchedulerApp({
  registry,
  log,
  apiToken,
  loopbackTriggers = false,
  shopIds,
  webhooks,
  health,
  webhookFailures = new FailureLimiter(WEBHOOK_FAILURE_LIMITS),
}: SchedulerHttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', async (_req, res) => {
    const schedules = health ? await health() : { ok: true };
    res.status(schedules.ok ? 200 : 503).json({ status: schedules.ok ? 'ok' : 'unavailable', schedules });
  });

  app.post(
    '/trigger/:job',
    // Who may trigger is settled before a byte of the body is read or parsed.
    requireTriggerAuth(apiToken, loopbackTriggers),
    express.json({ limit: '1mb' }),
    async (req, res) => {
      const name = String(req.params.job);
      if (!(JOB_NAMES as string[]).includes(name)) {
        res.status(404).json({ error: `unknown job "${name}"`, jobs: JOB_NAMES });
        return;
      }
      const payload: unknown = req.body ?? {};
      const shopId = (payload as { shopId?: unknown } | null)?.shopId;
      if (shopId !== undefined && !shopIds.includes(String(shopId))) {
        res.status(400).json({
          error: `shopId "${String(shopId).slice(0, 64)}" is not a configured shop (configured: ${shopIds.join(', ')})`,
          field: 'shopId',
        });
        return;
      }
      try {
        const job = await registry.enqueue(name as JobName, payload as never);
        log.info({ job: name, jobId: job.id }, 'manual trigger');
        res.status(202).json({ job: name, jobId: job.id, queue: job.queueName });
      } catch (err) {
        if (err instanceof InvalidJobPayloadError) {
          res.status(400).json({ error: err.message, field: err.field });
          return;
        }
        log.error({ err: firstLine(err) }, 'trigger failed');
        res.status(503).json({ error: 'could not enqueue: Redis unavailable?' });
      }
    },
  );

  app.post(
    '/webhooks/temu',
    refuseWhileFailing(webhookFailures, log),
    express.text({ type: '*/*', limit: '1mb' }),
    async (req, res) => {
      if (!webhooks) {
        res.status(404).json({ error: 'webhooks are not configured' });
        return;
      }
      try {
        const enqueued = await webhooks.handle(typeof req.body === 'string' ? req.body : '', req.headers);
        res.json({ success: true, enqueued });
      } catch (err) {
        webhookFailures.recordFailure(clientAddress(req));
        log.warn({ reason: firstLine(err), from: clientAddress(req) }, 'webhook rejected');
        res.status(400).json({ success: false, error: firstLine(err) });
      }
    },
  );

  app.use((req, res) => {
    res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
  });
  app.use(jsonErrors(log));
  return app;
}

function clientAddress(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}

function firstLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split('\n', 1)[0]!;
}

function refuseWhileFailing(limiter: FailureLimiter, log: Logger): RequestHandler {
  return (req, res, next) => {
    const waitMs = limiter.retryAfterMs(clientAddress(req));
    if (waitMs <= 0) return next();
    const seconds = Math.ceil(waitMs / 1000);
    log.warn(
      { from: clientAddress(req), retryAfterSeconds: seconds },
      'webhook refused: too many rejections',
    );
    res
      .status(429)
      .set('Retry-After', String(seconds))
      .json({ success: false, error: `too many rejected webhooks; retry after ${seconds} s` });
  };
}

/**
 * Body-parser and other errors as one-line JSON answers: Express's default would send an HTML page
 * with the stack trace and print it, many lines long, to stderr.
 */
function jsonErrors(log: Logger): ErrorRequestHandler {
  return (err: { status?: unknown; type?: unknown }, req, res, _next) => {
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    const error =
      err.type === 'entity.parse.failed'
        ? 'the request body is not valid JSON'
        : err.type === 'entity.too.large'
          ? 'the request body is larger than 1 MB'
          : status === 500
            ? 'internal error'
            : firstLine(err);
    log.warn({ status, path: req.path, err: firstLine(err) }, 'request refused');
    if (!res.headersSent) res.status(status).json({ error });
  };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function requireTriggerAuth(apiToken: string | undefined, loopbackTriggers: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (apiToken) {
      const given = Buffer.from(String(req.headers.authorization ?? ''));
      const expected = Buffer.from(`Bearer ${apiToken}`);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
      res.status(401).json({ error: 'POST /trigger needs Authorization: Bearer <SCHEDULER_API_TOKEN>' });
      return;
    }
    if (loopbackTriggers && LOOPBACK.has(req.socket.remoteAddress ?? '')) return next();
    res.status(403).json({
      error: loopbackTriggers
        ? 'manual triggers without SCHEDULER_API_TOKEN are accepted from loopback only'
        : 'manual triggers are off: set SCHEDULER_API_TOKEN (or SCHEDULER_LOOPBACK_TRIGGERS=true for local use)',
    });
  };
}

export function listen(app: express.Express, port: number, host: string): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
