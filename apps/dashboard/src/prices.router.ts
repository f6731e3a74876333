import { Router } from 'express';
import type { Redis } from 'ioredis';
import { lastPricePlanKey } from '@temu-odoo/queues';
import type { PricePlanTable } from '@temu-odoo/queues';
import { renderPricesPage } from './prices.view.js';
import { withTimeout } from './with-timeout.js';

/** `/ops/prices/:shopId`: the shop's last price plan (dry run or not), as the worker kept it. */
export function pricesRouter(options: { redis: Redis; prefix: string; timeoutMs?: number }): Router {
  const router = Router();
  router.get('/ops/prices/:shopId', async (req, res) => {
    const { shopId } = req.params as { shopId: string };
    let raw: string | null;
    try {
      raw = await withTimeout(
        options.redis.get(lastPricePlanKey(options.prefix, shopId)),
        options.timeoutMs ?? 5_000,
        'Redis did not answer',
      );
    } catch (err) {
      res
        .status(503)
        .type('text')
        .send(`Redis unavailable: ${(err as Error).message}`);
      return;
    }
    res
      .type('html')
      .send(renderPricesPage(shopId, raw === null ? null : (JSON.parse(raw) as PricePlanTable)));
  });
  return router;
}
