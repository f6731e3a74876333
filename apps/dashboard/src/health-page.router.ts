import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { QueueRegistry } from '@temu-odoo/queues';
import { loadHealthData } from './health-data.js';
import { renderHealthPage } from './health-page.view.js';
import { withTimeout } from './with-timeout.js';

/** `/health`: the business health page (behind the dashboard's authentication like /ops). */
export function healthPageRouter(options: {
  redis: Redis;
  registry: QueueRegistry;
  prefix: string;
  timeoutMs?: number;
}): Router {
  const router = Router();
  const timeoutMs = options.timeoutMs ?? 5_000;
  router.get('/health', async (_req, res) => {
    let data;
    try {
      data = await withTimeout(
        loadHealthData(options.redis, options.registry, options.prefix, Date.now()),
        timeoutMs,
        `Redis did not answer within ${timeoutMs} ms`,
      );
    } catch (err) {
      res
        .status(503)
        .type('text/plain')
        .send(`Health data unavailable: ${(err as Error).message}\n`);
      return;
    }
    res.type('html').send(renderHealthPage(data));
  });
  return router;
}
