import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, Router } from 'express';
import type { Job } from 'bullmq';
import { QUEUES, withReplayOnRetry, type QueueName, type QueueRegistry } from '@temu-odoo/queues';

export const BOARD_PATH = '/queues';

/** Bull Board's adapter whose retry of a failed job is a replay, as on `/ops` and in `pnpm ops`. */
class ReplayingBullMQAdapter extends BullMQAdapter {
  override async getJob(id: string): Promise<Job | undefined> {
    const job = await super.getJob(id);
    return job ? withReplayOnRetry(job) : undefined;
  }

  override async getJobs(...args: Parameters<BullMQAdapter['getJobs']>): Promise<Job[]> {
    return ((await super.getJobs(...args)) as Job[]).map(withReplayOnRetry);
  }
}

/**
 * Bull Board over every catalog queue (CONVENTIONS: the dashboard mounts Bull Board from the
 * catalog). Not read-only and retries allowed: retrying a failed job here replays it, with the same
 * fresh attempt budget as `/ops` and `pnpm ops replay` (REPLAY_OPTIONS).
 */
export function bullBoardRouter(registry: QueueRegistry, basePath = BOARD_PATH): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: registry.all().map(
      (queue) =>
        new ReplayingBullMQAdapter(queue, {
          readOnlyMode: false,
          allowRetries: true,
          description: QUEUES[queue.name as QueueName]?.description ?? '',
        }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'temu-odoo', hideDocsLink: true } },
  });
  // The adapter's router is an Express app of its own, which would announce itself again.
  const board = serverAdapter.getRouter() as Express;
  board.disable('x-powered-by');
  return board as Router;
}
