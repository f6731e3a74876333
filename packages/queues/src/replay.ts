import type { Job } from 'bullmq';

/**
 * What "replay" means for a parked job, on every path (`/ops`, `pnpm ops replay`, Bull Board's
 * retry): back to waiting with a full attempt budget again — attempts and starts both reset, so the
 * retry budget and the deferral cap start over. The cause (an outage, a bad mapping) is presumably
 * fixed; without the reset a job parked after its last attempt would be parked again at its first
 * failure.
 */
export const REPLAY_OPTIONS = { resetAttemptsMade: true, resetAttemptsStarted: true } as const;

export function replayParked(job: Job): Promise<void> {
  return job.retry('failed', REPLAY_OPTIONS);
}

/**
 * The same job whose `retry` of a failed job replays it (for Bull Board, which calls
 * `job.retry(state)` itself). Completed jobs retried there keep BullMQ's own behaviour.
 */
export function withReplayOnRetry(job: Job): Job {
  const retry = job.retry.bind(job);
  job.retry = (state = 'failed', opts = {}) =>
    retry(state, state === 'failed' ? { ...REPLAY_OPTIONS, ...opts } : opts);
  return job;
}
