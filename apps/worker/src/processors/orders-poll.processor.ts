import {
  isNewerVersion,
  nextPollWindow,
  splitWindow,
  syncUrgency,
  type OrderChange,
  type OrderVersion,
} from '@temu-odoo/core';
import { TEMU_ORDER_TIME_RESOLUTION_MS } from '@temu-odoo/temu-connector';
import { urgencyOptions, type ProcessorFn, type QueueRegistry } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { scheduleFlush } from '../orders/schedule-flush.js';

const PAGE = 100;
const ENQUEUE_PAGE = 500;

/** Deterministic: the same Temu change is one job, however often polls and webhooks see it. */
export function syncJobId(shopId: string, orderRef: string, updatedAtMs: number, status = ''): string {
  return `sync.${shopId}.${orderRef}.${updatedAtMs}${status ? `.${status}` : ''}`;
}

/**
 * Pages through orders changed since the watermark (minus an overlap) and enqueues one `orders.sync`
 * per changed order. The watermark moves only after the whole window is enqueued, so a crash
 * mid-window re-reads it instead of skipping it. `backfillDays` (first run, or the backfill command)
 * reads further back without moving the watermark backwards.
 */
export function ordersPoll(deps: WorkerDeps): ProcessorFn<'orders.poll'> {
  return async ({ shopId, backfillDays }, { log }) => {
    const shop = shopOf(deps, shopId);
    const nowMs = deps.clock.nowMs();
    const watermarkMs = await shop.state.watermark('orders');
    const window = nextPollWindow({
      watermarkMs: backfillDays ? null : watermarkMs,
      nowMs,
      overlapMs: deps.settings.pollOverlapMs,
      backfillDays: backfillDays ?? deps.settings.backfillDays,
      resolutionMs: TEMU_ORDER_TIME_RESOLUTION_MS,
    });
    // A first run (no watermark: a new shop, or Redis lost it) reads the whole backfill window too:
    // that is catch-up work as much as an explicit backfill is.
    const reason = backfillDays || watermarkMs === null ? 'backfill' : 'poll';
    let seen = 0;
    let enqueued = 0;
    for (const chunk of splitWindow(window, TEMU_ORDER_TIME_RESOLUTION_MS)) {
      let page: OrderChange[] = [];
      for await (const change of shop.market.listOrderChanges(chunk)) {
        seen += 1;
        page.push(change);
        if (page.length === PAGE) {
          enqueued += await enqueueChanges(deps.registry, shop.state, page, reason);
          page = [];
        }
      }
      enqueued += await enqueueChanges(deps.registry, shop.state, page, reason);
    }
    // Only from the value this poll started with: if Redis lost it meanwhile, the syncs enqueued
    // above may be lost too, and the scheduler's recovery window must not be overwritten.
    if (watermarkMs === null || window.toMs > watermarkMs) {
      if (!(await shop.state.advanceWatermark('orders', watermarkMs, window.toMs)))
        log.warn(
          { readMs: watermarkMs },
          'orders watermark changed during the poll (Redis lost data?): left as is',
        );
    }
    // Each poll also trims the versions past their retention (README "Redis memory").
    await shop.state.pruneSynced();
    // And makes sure a buffer left with orders gets a flush, even if the job that was to flush it
    // was lost (failed for good, or Redis lost it).
    const buffered = await deps.buffer.size(shopId);
    if (buffered.pending + buffered.claimed > 0) await scheduleFlush(deps, shopId);
    log.info({ fromMs: window.fromMs, toMs: window.toMs, seen, enqueued }, 'orders polled');
    return { fromMs: window.fromMs, toMs: window.toMs, seen, enqueued };
  };
}

/** Enqueues the changes not yet written to Odoo at that version (one round trip per page). */
export async function enqueueChanges(
  registry: QueueRegistry,
  state: { syncedVersions(refs: string[]): Promise<Map<string, OrderVersion>> },
  changes: OrderChange[],
  reason: 'poll' | 'webhook' | 'reconcile' | 'manual' | 'backfill',
  jobIdSuffix = '',
): Promise<number> {
  if (!changes.length) return 0;
  const synced = await state.syncedVersions(changes.map((c) => c.orderRef));
  const fresh = changes.filter((c) => reason === 'reconcile' || isNewerVersion(c, synced.get(c.orderRef)));
  // In bulks of a bounded size: a reconcile of a large shop can re-enqueue a whole window.
  for (let i = 0; i < fresh.length; i += ENQUEUE_PAGE) {
    await enqueueSyncs(registry, fresh.slice(i, i + ENQUEUE_PAGE), reason, jobIdSuffix);
  }
  return fresh.length;
}

async function enqueueSyncs(
  registry: QueueRegistry,
  fresh: OrderChange[],
  reason: 'poll' | 'webhook' | 'reconcile' | 'manual' | 'backfill',
  jobIdSuffix: string,
): Promise<void> {
  // A backfill or reconcile of one shop may enqueue tens of thousands of syncs: they yield to every
  // shop's fresh changes (core's syncUrgency) instead of holding them behind the whole backlog.
  const urgency = urgencyOptions(syncUrgency(reason));
  await registry.enqueueBulk(
    'orders.sync',
    fresh.map((c) => ({
      data: {
        shopId: c.shopId,
        orderRef: c.orderRef,
        updatedAtMs: c.updatedAtMs,
        reason,
        ...(c.order ? { snapshot: c.order } : {}),
      },
      opts: { jobId: syncJobId(c.shopId, c.orderRef, c.updatedAtMs, c.status) + jobIdSuffix, ...urgency },
    })),
  );
}
