import { createHash } from 'node:crypto';
import { isInteger, isLosslessNumber, parse, stringify } from 'lossless-json';

/** Answers are dynamic JSON; tests assert on their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/**
 * The test's own Temu signing (docs/temu-api.md §3), written independently of the sandbox's code:
 * sorted top-level keys except `sign`, `key+value`, nested values as compact JSON in body order,
 * wrapped in the secret, MD5, upper-case hex.
 */
export function testSign(params: Record<string, unknown>, secret: string): string {
  const value = (v: unknown): string => {
    if (typeof v === 'string') return JSON.stringify(v).slice(1, -1);
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
    if (isLosslessNumber(v)) return v.value;
    return stringify(v) ?? '';
  };
  const text = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined)
    .sort()
    .map((k) => k + value(params[k]))
    .join('');
  return createHash('md5')
    .update(secret + text + secret, 'utf8')
    .digest('hex')
    .toUpperCase();
}

/** Parses answers losslessly: safe integers as numbers, bigger ones as bigint. */
export function parseAnswer(text: string): Json {
  return parse(text, null, (v) => {
    const n = Number(v);
    return isInteger(v) && !Number.isSafeInteger(n) ? BigInt(v) : n;
  });
}

export interface Credentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
}

export interface CallOptions {
  /** Replaces common parameters; `undefined` removes one. Set `sign` to skip signing. */
  override?: Record<string, unknown>;
  contentType?: string;
}

export interface Answer {
  status: number;
  text: string;
  body: Json;
}

export class TestClient {
  constructor(
    readonly baseUrl: string,
    readonly creds: Credentials,
  ) {}

  async raw(body: string, contentType = 'application/json'): Promise<Answer> {
    const res = await fetch(`${this.baseUrl}/openapi/router`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? parseAnswer(text) : null };
  }

  build(type: string, params: Record<string, unknown> = {}, opts: CallOptions = {}): Record<string, unknown> {
    const body: Record<string, unknown> = {
      type,
      app_key: this.creds.appKey,
      access_token: this.creds.accessToken,
      timestamp: Math.floor(Date.now() / 1000),
      data_type: 'JSON',
      ...params,
    };
    const override = opts.override ?? {};
    for (const [k, v] of Object.entries(override)) {
      if (k === 'sign') continue;
      if (v === undefined) delete body[k];
      else body[k] = v;
    }
    if ('sign' in override) {
      if (override.sign !== undefined) body.sign = override.sign;
    } else {
      body.sign = testSign(body, this.creds.appSecret);
    }
    return body;
  }

  async call(type: string, params: Record<string, unknown> = {}, opts: CallOptions = {}): Promise<Answer> {
    return this.raw(stringify(this.build(type, params, opts)) ?? '', opts.contentType);
  }

  /** Calls and returns `result`, failing loudly on an error envelope. */
  async ok(type: string, params: Record<string, unknown> = {}): Promise<Json> {
    const answer = await this.call(type, params);
    if (!answer.body?.success) throw new Error(`${type} failed: ${answer.text}`);
    return answer.body.result;
  }
}

export async function control(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${baseUrl}/_sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Polls `probe` every 50 ms until it returns a value, at most `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const CREDS: Credentials = {
  appKey: 'test-app-key-0001',
  appSecret: 'test-app-secret-0123456789abcdef',
  accessToken: 'test-access-token-0001',
};

/** Limits high enough that functional tests never meet the throttle. */
export const NO_LIMITS = {
  appKeyPerSecond: 100_000,
  groupPerMinute: {
    orders: 100_000,
    inventory: 100_000,
    products: 100_000,
    shipping: 100_000,
    finance: 100_000,
  },
};
