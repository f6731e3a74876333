import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, Router } from 'express';
import { QUEUES, type QueueName, type QueueRegistry } from '@temu-odoo/queues';

export const BOARD_PATH = '/queues';

/**
 * Bull Board over every catalog queue (CONVENTIONS: the dashboard mounts Bull Board from the
 * catalog). Not read-only and retries allowed: retrying a failed job here is how parked jobs are
 * replayed.
 */
export function bullBoardRouter(registry: QueueRegistry, basePath = BOARD_PATH): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: registry.all().map(
      (queue) =>
        new BullMQAdapter(queue, {
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
