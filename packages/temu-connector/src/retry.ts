import pRetry from 'p-retry';
import { isTemuError } from './errors.js';
import type { EndpointGroup } from './client/endpoint-groups.js';

/**
 * Retry inside one call (mission R18): throttled and transient failures back off starting at
 * `baseDelayMs` (1 s), doubling, for at most `maxAttempts` (5) attempts in total — 1 s, 2 s, 4 s, 8 s
 * between attempts. Everything else (credentials, business, not_ready, bad_input, bugs) fails at once.
 */
export interface RetryOptions {
  /** Delay before the second attempt; doubles after each failure. Default 1000. */
  baseDelayMs?: number;
  /** Attempts in total, including the first. Default 5. */
  maxAttempts?: number;
  /**
   * Default true. When false a throttle answer is raised at once so the queue layer can pause the
   * whole endpoint group (ARCHITECTURE "Queues": `worker.rateLimit(ms)` without spending an attempt).
   */
  retryThrottled?: boolean;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetryOptions = {
  baseDelayMs: 1000,
  maxAttempts: 5,
  retryThrottled: true,
};

/** Told about every throttle answer: which group, and how long to hold off (ms). */
export type ThrottleListener = (group: EndpointGroup, retryAfterMs: number) => void;

export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
  const resolved = { ...DEFAULT_RETRY, ...stripUndefined(options ?? {}) };
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) {
    throw new TypeError(`retry.maxAttempts must be an integer ≥ 1, got ${resolved.maxAttempts}`);
  }
  if (!Number.isFinite(resolved.baseDelayMs) || resolved.baseDelayMs < 0) {
    throw new TypeError(
      `retry.baseDelayMs must be a number of milliseconds ≥ 0, got ${resolved.baseDelayMs}`,
    );
  }
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Delay before attempt `attemptNumber + 1`, after `attemptNumber` failed. */
export function backoffDelayMs(options: ResolvedRetryOptions, failedAttempt: number): number {
  return options.baseDelayMs * 2 ** (failedAttempt - 1);
}

export async function withTemuRetry<T>(
  group: EndpointGroup,
  run: (attemptNumber: number) => Promise<T>,
  options: ResolvedRetryOptions,
  onThrottle?: ThrottleListener,
): Promise<T> {
  return pRetry(run, {
    retries: options.maxAttempts - 1,
    minTimeout: options.baseDelayMs,
    factor: 2,
    randomize: false,
    onFailedAttempt: ({ error, attemptNumber }) => {
      if (isTemuError(error) && error.kind === 'throttled' && onThrottle) {
        onThrottle(group, error.retryAfterMs ?? backoffDelayMs(options, attemptNumber));
      }
    },
    shouldRetry: ({ error }) => {
      if (!isTemuError(error)) return false;
      if (error.kind === 'transient') return true;
      return error.kind === 'throttled' && options.retryThrottled;
    },
  });
}
