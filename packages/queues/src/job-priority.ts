import type { JobsOptions } from 'bullmq';
import type { SyncUrgency } from '@temu-odoo/core';

/**
 * BullMQ priority given to catch-up work (core's `syncUrgency`). BullMQ takes a queue's jobs without
 * a priority (its wait list) before any prioritized job, and prioritized jobs of equal priority in
 * the order they were added; so fresh jobs of every shop overtake a backlog of catch-up jobs that
 * was enqueued first, and the backlog still runs in its own order. A job put off (throttled, not
 * ready) keeps its priority when it comes back from `delayed`.
 */
export const CATCH_UP_PRIORITY = 100;

/** The enqueue options that give a job its urgency (none for fresh work: BullMQ's fast path). */
export function urgencyOptions(urgency: SyncUrgency): Pick<JobsOptions, 'priority'> {
  return urgency === 'catch-up' ? { priority: CATCH_UP_PRIORITY } : {};
}
