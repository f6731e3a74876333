import { isIntegrationError } from '@temu-odoo/core';
import { InvalidJobPayloadError } from './payload.js';

/**
 * The one place that decides what a failure means for a job (CONVENTIONS §5):
 * - `park`: bad data, credentials or a business refusal — retrying cannot help; the job goes to
 *   `failed` with a readable reason and waits for a human (replayable from Bull Board or the CLI).
 * - `throttle`: the remote refused for rate; delay this job, spend no attempt (the client already
 *   blocked the endpoint group of the throttled call for its app key, so only work needing it waits).
 * - `later`: the remote is not ready (Temu still computing amounts); delay, spend no attempt.
 *   Both are capped: a job put off WORKER_MAX_DEFERRALS times is parked with the reason.
 * - `retry`: transient; BullMQ's backoff retries it.
 */
export type FailureDecision =
  | { action: 'park'; reason: string }
  | { action: 'throttle'; waitMs: number }
  | { action: 'later'; waitMs: number }
  | { action: 'retry' };

export const DEFAULT_THROTTLE_WAIT_MS = 1_000;
export const DEFAULT_NOT_READY_WAIT_MS = 60_000;

export function decideFailure(err: unknown): FailureDecision {
  if (err instanceof InvalidJobPayloadError) return { action: 'park', reason: `${err.code}: ${err.message}` };
  if (!isIntegrationError(err)) return { action: 'retry' };
  switch (err.kind) {
    case 'throttled':
      return { action: 'throttle', waitMs: err.retryAfterMs ?? DEFAULT_THROTTLE_WAIT_MS };
    case 'not_ready':
      return { action: 'later', waitMs: err.retryAfterMs ?? DEFAULT_NOT_READY_WAIT_MS };
    case 'transient':
      return { action: 'retry' };
    case 'bad_input':
    case 'credentials':
    case 'business':
      return { action: 'park', reason: `${err.code}: ${err.message}` };
  }
}
