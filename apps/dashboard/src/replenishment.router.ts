import express, { Router } from 'express';
import type { Redis } from 'ioredis';
import {
  enqueueStockRequests,
  lastReplenishmentPlanKey,
  stockRequestsKey,
  type QueueRegistry,
  type ReplenishmentPlanTable,
  type StockRequestRecord,
} from '@temu-odoo/queues';
import { renderReplenishmentPage, replenishmentCsv } from './replenishment.view.js';
import { sameOriginOnly } from './same-origin.middleware.js';
import { withTimeout } from './with-timeout.js';

/**
 * `/ops/replenishment/:shopId` (page), `/ops/replenishment/:shopId/plan.csv` (the plan's lines) and
 * `POST /ops/replenishment/:shopId/transfers` (queues `replenishment.transfers` for the plan shown;
 * the job creates each shipment's Odoo transfer once, so a second click changes nothing) and
 * `POST /ops/replenishment/:shopId/apply` (queues `replenishment.apply` per shipment of the plan
 * shown: Temu is asked to buy each shipment once).
 */
export function replenishmentRouter(options: {
  redis: Redis;
  prefix: string;
  registry: QueueRegistry;
  timeoutMs?: number;
}): Router {
  const router = Router();
  const timeoutMs = options.timeoutMs ?? 5_000;
  const load = async (shopId: string): Promise<ReplenishmentPlanTable | null> => {
    const raw = await withTimeout(
      options.redis.get(lastReplenishmentPlanKey(options.prefix, shopId)),
      timeoutMs,
      'Redis did not answer',
    );
    return raw === null ? null : (JSON.parse(raw) as ReplenishmentPlanTable);
  };
  const loadRequests = async (shopId: string, planId: string): Promise<Map<string, StockRequestRecord>> => {
    const raw = await withTimeout(
      options.redis.hgetall(stockRequestsKey(options.prefix, shopId, planId)),
      timeoutMs,
      'Redis did not answer',
    );
    return new Map(Object.entries(raw).map(([f, v]) => [f, JSON.parse(v) as StockRequestRecord]));
  };
  const unavailable = (res: express.Response, err: unknown) =>
    res
      .status(503)
      .type('text')
      .send(`Redis unavailable: ${(err as Error).message}`);

  router.get('/ops/replenishment/:shopId', async (req, res) => {
    const { shopId } = req.params as { shopId: string };
    const queued = typeof req.query.queued === 'string' ? req.query.queued : null;
    const applied = typeof req.query.applied === 'string' ? req.query.applied : null;
    try {
      const plan = await load(shopId);
      const requests = plan ? await loadRequests(shopId, plan.planId) : new Map<string, StockRequestRecord>();
      res
        .type('html')
        .send(
          renderReplenishmentPage(
            shopId,
            plan,
            queued
              ? `Draft transfers of plan ${queued} requested (job replenishment.transfers).`
              : applied
                ? `Purchase orders for plan ${applied} requested from Temu (jobs replenishment.apply).`
                : null,
            requests,
          ),
        );
    } catch (err) {
      unavailable(res, err);
    }
  });

  router.get('/ops/replenishment/:shopId/plan.csv', async (req, res) => {
    const { shopId } = req.params as { shopId: string };
    try {
      const plan = await load(shopId);
      if (!plan) {
        res.status(404).type('text').send(`No replenishment plan yet for shop ${shopId}.\n`);
        return;
      }
      res
        .type('text/csv; charset=utf-8')
        .attachment(`replenishment-${plan.planId}.csv`)
        .send(replenishmentCsv(plan));
    } catch (err) {
      unavailable(res, err);
    }
  });

  /** Both buttons act on the plan shown only: a stale page is refused, never applied to a newer plan. */
  const planAction = (
    action: 'transfers' | 'apply',
    enqueue: (plan: ReplenishmentPlanTable) => Promise<unknown>,
    param: 'queued' | 'applied',
  ) =>
    router.post(
      `/ops/replenishment/:shopId/${action}`,
      sameOriginOnly(),
      express.urlencoded({ extended: false, limit: '4kb' }),
      async (req, res) => {
        const { shopId } = req.params as { shopId: string };
        const planId = typeof req.body?.planId === 'string' ? (req.body.planId as string) : '';
        try {
          const plan = await load(shopId);
          if (!plan || plan.planId !== planId) {
            res
              .status(409)
              .type('text')
              .send(
                `Plan ${planId || '(none given)'} is not shop ${shopId}'s last plan (${plan?.planId ?? 'none'}): reload the page.\n`,
              );
            return;
          }
          await withTimeout(enqueue(plan), timeoutMs, 'Redis did not answer');
          res.redirect(
            303,
            `/ops/replenishment/${encodeURIComponent(shopId)}?${param}=${encodeURIComponent(planId)}`,
          );
        } catch (err) {
          unavailable(res, err);
        }
      },
    );
  planAction(
    'transfers',
    (plan) =>
      options.registry.enqueue(
        'replenishment.transfers',
        { shopId: plan.shopId, planId: plan.planId },
        { jobId: `replenishment.transfers.${plan.planId}` },
      ),
    'queued',
  );
  planAction('apply', (plan) => enqueueStockRequests(options.registry, plan), 'applied');
  return router;
}
