import type { CallCounter } from './call-counter.js';

export interface OdooRetryOptions {
  /** Extra attempts after the first for transient failures inside one call (default 2). */
  retries?: number;
  /** First delay; doubles each retry (default 300 ms). */
  minDelayMs?: number;
  /** Delay cap (default 3000 ms). */
  maxDelayMs?: number;
  /** Jitter the delays (default true). */
  randomize?: boolean;
}

export interface OdooConnectionOptions {
  url: string;
  db: string;
  username: string;
  /** Password or API key (JSON-2 needs an API key). */
  password: string;
  /** `auto` (default) picks JSON-2 from Odoo 19, JSON-RPC before. */
  protocol?: 'auto' | 'jsonrpc' | 'json2';
  /** Per HTTP request. Odoo's own serialization retries can take tens of seconds (docs/odoo-api.md §3.3). Default 60 s. */
  timeoutMs?: number;
  retry?: OdooRetryOptions;
  /** The abort signal of the work in progress (the worker passes its running job's): cancels requests. */
  signal?: () => AbortSignal | undefined;
  /** Shared counter of calls per model/method (one is created when absent). */
  counter?: CallCounter;
  userAgent?: string;
}
