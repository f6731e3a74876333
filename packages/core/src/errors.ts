/**
 * How the worker boundary must treat a failure. Decided once, where the error is raised:
 * - `throttled`: the remote refused for rate; pause the queue, spend no attempt.
 * - `transient`: network, timeout, 5xx, lock contention; retry with backoff.
 * - `not_ready`: the remote is still computing (Temu amounts); retry later, not an error.
 * - `bad_input`: the data itself is wrong (malformed payload, unknown SKU); park until fixed.
 * - `credentials`: auth, signature or scope problem; park, an operator must act.
 * - `business`: the remote rejected the operation for a business rule; park with its reason.
 */
export type ErrorKind = 'throttled' | 'transient' | 'not_ready' | 'bad_input' | 'credentials' | 'business';

export interface IntegrationErrorOptions {
  kind: ErrorKind;
  /** Stable machine-readable code, e.g. `ERR_TEMU_RATE_LIMITED`. */
  code: string;
  cause?: unknown;
  /** For throttled/not_ready: how long to wait before trying again. */
  retryAfterMs?: number;
  /** Remote error code kept verbatim (Temu errorCode, Odoo data.name). */
  remoteCode?: string;
  details?: Record<string, unknown>;
}

/** Base of every error our code raises on purpose. Messages must never contain secrets. */
export class IntegrationError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly retryAfterMs: number | undefined;
  readonly remoteCode: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options: IntegrationErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = options.kind;
    this.code = options.code;
    this.retryAfterMs = options.retryAfterMs;
    this.remoteCode = options.remoteCode;
    this.details = options.details;
    // `cause` may hold raw requests; keep it out of JSON/log serialisation.
    Object.defineProperty(this, 'cause', { enumerable: false });
  }

  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'transient' || this.kind === 'not_ready';
  }
}

export function isIntegrationError(err: unknown): err is IntegrationError {
  return err instanceof IntegrationError;
}

/** Raised by use cases when the data cannot be processed as is (parked until someone fixes it). */
export class BadInputError extends IntegrationError {
  constructor(message: string, code = 'ERR_BAD_INPUT', details?: Record<string, unknown>) {
    super(message, { kind: 'bad_input', code, ...(details ? { details } : {}) });
  }
}
