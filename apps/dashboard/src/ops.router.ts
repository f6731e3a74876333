import { Router, type ErrorRequestHandler } from 'express';
import { QUEUES, type QueueName, type QueueRegistry } from '@temu-odoo/queues';
import { renderOpsPage, type QueueSummary } from './ops-page.view.js';
import { JOB_STATES } from './queue-metrics.collector.js';
import { OpsRequestError, listParkedJobs, replayAllParked, replayJob } from './parked-jobs.js';
import { renderReturnCases, type ShopReturnCase } from './return-cases.view.js';
import { renderPayouts, type ShopPayouts } from './payouts.view.js';
import { sameOriginOnly } from './same-origin.middleware.js';
import { withTimeout } from './with-timeout.js';
import { queueUploadedStatement } from './statement-upload.js';

/**
 * BullMQ waits for its connection to become ready instead of failing, so while Redis is down a
 * queue call would hang; bound every request and answer 503 instead.
 */
async function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  try {
    return await withTimeout(work, ms, `Redis did not answer within ${ms} ms`);
  } catch (err) {
    if (err instanceof OpsRequestError) throw err;
    throw new OpsRequestError(503, `Redis unavailable: ${(err as Error).message}`);
  }
}

export interface OpsRouterOptions {
  registry: QueueRegistry;
  boardPath: string;
  /** Failed jobs listed per queue on the page. */
  perQueueLimit?: number;
  /** Upper bound for the Redis work of one request. */
  timeoutMs?: number;
  /** Open after-sales cases of every shop (issue 13); the section is left out when absent. */
  returnCases?: () => Promise<ShopReturnCase[]>;
  /** Payout reports per shop (issue 11). */
  payouts?: () => Promise<ShopPayouts[]>;
}

function noticeFrom(query: Record<string, unknown>): string | null {
  if (typeof query.replayed === 'string') return `Replayed job ${query.replayed}.`;
  if (typeof query.replayedAll === 'string' && typeof query.count === 'string') {
    return `Replayed ${query.count} parked job(s) of queue ${query.replayedAll}.`;
  }
  if (typeof query.statement === 'string')
    return `Statement queued as job ${query.statement} (odoo queue); a refusal shows under parked jobs.`;
  return null;
}

/** `/ops`: queue counts and parked jobs, with replay (POST, then 303 back to the page). */
export function opsRouter({
  registry,
  boardPath,
  perQueueLimit = 50,
  timeoutMs = 5_000,
  returnCases,
  payouts,
}: OpsRouterOptions): Router {
  const router = Router();

  router.get('/ops', async (req, res) => {
    const [queues, parked] = await bounded(
      Promise.all([
        Promise.all(
          registry.all().map(async (queue): Promise<QueueSummary> => ({
            name: queue.name,
            description: QUEUES[queue.name as QueueName]?.description ?? '',
            paused: await queue.isPaused(),
            counts: await queue.getJobCounts(...JOB_STATES),
          })),
        ),
        listParkedJobs(registry, perQueueLimit),
      ]),
      timeoutMs,
    );
    const notice = noticeFrom(req.query as Record<string, unknown>);
    const cases = returnCases ? renderReturnCases(await bounded(returnCases(), timeoutMs)) : undefined;
    const paid = payouts ? renderPayouts(await bounded(payouts(), timeoutMs)) : undefined;
    res.type('html').send(
      renderOpsPage({
        queues,
        parked,
        perQueueLimit,
        boardPath,
        notice,
        ...(cases ? { returnCases: cases } : {}),
        ...(paid ? { payouts: paid } : {}),
      }),
    );
  });

  router.post('/ops/replay/:queue/:jobId', sameOriginOnly(), async (req, res) => {
    const { queue, jobId } = req.params as { queue: string; jobId: string };
    await bounded(replayJob(registry, queue, jobId), timeoutMs);
    res.redirect(303, `/ops?replayed=${encodeURIComponent(`${queue}/${jobId}`)}`);
  });

  router.post('/ops/replay/:queue', sameOriginOnly(), async (req, res) => {
    const { queue } = req.params as { queue: string };
    const count = await bounded(replayAllParked(registry, queue), timeoutMs * 6);
    res.redirect(303, `/ops?replayedAll=${encodeURIComponent(queue)}&count=${count}`);
  });

  router.post('/ops/statements', sameOriginOnly(), async (req, res) => {
    const jobId = await bounded(queueUploadedStatement(req, registry), timeoutMs * 6);
    res.redirect(303, `/ops?statement=${encodeURIComponent(jobId)}`);
  });

  const onError: ErrorRequestHandler = (err, _req, res, next) => {
    if (err instanceof OpsRequestError) {
      res.status(err.status).type('text/plain').send(`${err.message}\n`);
      return;
    }
    next(err);
  };
  router.use(onError);
  return router;
}
