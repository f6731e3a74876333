import { z } from 'zod';
import { OdooError } from './errors.js';
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
  /** Per HTTP request. Odoo's own serialization retries can take tens of seconds (reference §3.3). Default 60 s. */
  timeoutMs?: number;
  retry?: OdooRetryOptions;
  /** The abort signal of the work in progress (the worker passes its running job's): cancels requests. */
  signal?: () => AbortSignal | undefined;
  /** Shared counter of calls per model/method (one is created when absent). */
  counter?: CallCounter;
  userAgent?: string;
}

const envSchema = z.object({
  ODOO_URL: z.url({
    message: 'ODOO_URL must be an http(s) URL of the Odoo server, e.g. http://127.0.0.1:8069',
  }),
  ODOO_DB: z
    .string({ message: 'ODOO_DB must name the Odoo database' })
    .min(1, { message: 'ODOO_DB must name the Odoo database' }),
  ODOO_USERNAME: z
    .string({ message: 'ODOO_USERNAME must be the Odoo login' })
    .min(1, { message: 'ODOO_USERNAME must be the Odoo login' }),
  ODOO_PASSWORD: z
    .string({ message: 'ODOO_PASSWORD must be the Odoo password or API key' })
    .min(1, { message: 'ODOO_PASSWORD must be the Odoo password or API key' }),
  ODOO_PROTOCOL: z
    .enum(['auto', 'jsonrpc', 'json2'], { message: 'ODOO_PROTOCOL must be auto, jsonrpc or json2' })
    .default('auto'),
});

/** Reads `ODOO_URL`, `ODOO_DB`, `ODOO_USERNAME`, `ODOO_PASSWORD`, `ODOO_PROTOCOL`; one-line error naming the variable. */
export function odooOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): OdooConnectionOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OdooError(issue?.message ?? 'invalid Odoo configuration', {
      kind: 'bad_input',
      code: 'ERR_ODOO_CONFIG',
      odooMessage: issue?.message ?? 'invalid configuration',
    });
  }
  const e = parsed.data;
  return {
    url: e.ODOO_URL,
    db: e.ODOO_DB,
    username: e.ODOO_USERNAME,
    password: e.ODOO_PASSWORD,
    protocol: e.ODOO_PROTOCOL,
  };
}
