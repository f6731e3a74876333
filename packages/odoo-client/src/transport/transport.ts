import { parseRetryAfterMs } from '@temu-odoo/core';

export type OdooProtocol = 'jsonrpc' | 'json2';

/**
 * One ORM method call, protocol-neutral: `ids` for record methods, the method's arguments by their
 * Python names in `params` (JSON-2 sends them as is; JSON-RPC turns the leading ones positional).
 */
export interface OdooCall {
  model: string;
  method: string;
  ids?: number[];
  params?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

export interface HttpTransportOptions {
  /** Base URL of the Odoo server, e.g. `http://127.0.0.1:8069`. */
  url: string;
  timeoutMs: number;
  userAgent: string;
  /** Values to scrub from any error message (password / API key). */
  secrets: readonly string[];
  /** The abort signal of the work in progress (the worker's running job): cancels the request. */
  signal?: (() => AbortSignal | undefined) | undefined;
}

/** `http://host:8069/` + `jsonrpc` → `http://host:8069/jsonrpc`, keeping a path prefix if any. */
export function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** `Retry-After` in seconds or as a date → milliseconds. */
/** `Retry-After` in ms: the one parser lives in core (pure, shared with the Temu client). */
export function retryAfterMs(header: string | string[] | undefined): number | undefined {
  return parseRetryAfterMs(header, Date.now());
}

/** got's `signal` option for the current work, if any. */
export function abortOption(opts: HttpTransportOptions): { signal?: AbortSignal } {
  const signal = opts.signal?.();
  return signal ? { signal } : {};
}

/**
 * Throws when the current work was aborted (before a request, or after got failed because of it):
 * an abort is not an Odoo failure, so it must not be classified, retried or counted as one.
 */
export function throwIfAborted(opts: HttpTransportOptions): void {
  const signal = opts.signal?.();
  if (signal?.aborted)
    throw new Error(`Odoo call abandoned: the work was aborted (${String(signal.reason)})`);
}
