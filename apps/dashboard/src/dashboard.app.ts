import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from '@temu-odoo/config';
import { OpenReturnCases, payoutReportShops, readPayoutReports, type QueueRegistry } from '@temu-odoo/queues';
import { basicAuth } from './basic-auth.middleware.js';
import { BOARD_PATH, bullBoardRouter } from './bull-board.router.js';
import { healthRoute } from './health.route.js';
import { opsRouter } from './ops.router.js';
import { pricesRouter } from './prices.router.js';
import { replenishmentRouter } from './replenishment.router.js';
import { listingsRoute } from './listings.route.js';
import { healthPageRouter } from './health-page.router.js';
import { QueueMetricsCollector } from './queue-metrics.collector.js';
import { responseDeadline } from './response-deadline.middleware.js';
import { sameOriginOnly } from './same-origin.middleware.js';
import { securityHeaders } from './security-headers.middleware.js';

export interface DashboardAppOptions {
  registry: QueueRegistry;
  /** Connection for /healthz and the operator-gauge hash; `createRedisConnection(url, 'dashboard')`. */
  redis: Redis;
  user: string;
  /** null only with `insecureLocal`: then nothing asks for credentials. */
  password: string | null;
  insecureLocal: boolean;
  log: Logger;
  /** Base key prefix (QUEUE_PREFIX); operator gauges are read from `<prefix>:state:{metrics}`. */
  prefix: string;
  /** Serve /metrics without basic auth (METRICS_PUBLIC=true). */
  metricsPublic?: boolean;
}

export class DashboardConfigError extends Error {}

/**
 * Routes: `/healthz` (never behind auth), `/metrics` (behind auth unless `metricsPublic`), Bull Board
 * at `/queues` (`/` redirects there), the operator page `/ops`. Everything but /healthz and a public
 * /metrics requires HTTP basic authentication when a password is set.
 */
export function createDashboardApp(options: DashboardAppOptions): Express {
  const { registry, redis, user, password, insecureLocal, log, prefix, metricsPublic = false } = options;
  if (password === null && !insecureLocal) {
    throw new DashboardConfigError('createDashboardApp needs a password unless insecureLocal is true');
  }
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  const auth: RequestHandler =
    password === null ? (_req, _res, next) => next() : basicAuth({ user, password });
  const collector = new QueueMetricsCollector({ registry, redis, prefix });

  app.get('/healthz', healthRoute(redis));

  app.get('/metrics', ...(metricsPublic ? [] : [auth]), async (_req, res) => {
    try {
      const body = await collector.metrics();
      res.type(collector.register.contentType).send(body);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'metrics scrape failed');
      res
        .status(503)
        .type('text/plain')
        .send(`metrics unavailable: ${(err as Error).message}\n`);
    }
  });

  app.use(auth);
  app.get('/', (_req, res) => res.redirect(302, BOARD_PATH));
  const openCases = new OpenReturnCases(redis, prefix);
  const payouts = async () =>
    Promise.all(
      (await payoutReportShops(redis, prefix)).map(async (shopId) => ({
        shopId,
        entries: await readPayoutReports(redis, prefix, shopId),
      })),
    );
  app.use(
    opsRouter({ registry, boardPath: BOARD_PATH, returnCases: () => openCases.listAllShops(), payouts }),
  );
  app.use(pricesRouter({ redis, prefix }));
  app.use(replenishmentRouter({ redis, prefix, registry }));
  app.get('/ops/listings', listingsRoute(redis, prefix));
  app.use(healthPageRouter({ redis, registry, prefix }));
  // Bull Board's write API (add, retry, clean, promote…) is as dangerous cross-site as /ops replay.
  app.use(BOARD_PATH, sameOriginOnly(), responseDeadline(10_000), bullBoardRouter(registry, BOARD_PATH));

  // Express's own 404 page replaces the headers above with its CSP; answer it here instead.
  app.use((req, res) => {
    res.status(404).type('text/plain').send(`Not found: ${req.method} ${req.path}\n`);
  });

  const onError: ErrorRequestHandler = (err: Error, req, res, _next) => {
    log.error({ err: err.message, path: req.path }, 'request failed');
    if (res.headersSent) return;
    res.status(500).type('text/plain').send(`Internal error: ${err.message}\n`);
  };
  app.use(onError);
  return app;
}
