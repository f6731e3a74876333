import { parseRetryAfterMs, scrubSecrets } from '@temu-odoo/core';
import got, { RequestError } from 'got';
import type { z } from 'zod';
import { TEMU_ERROR_CODES, TemuBadInputError, TemuThrottledError, TemuTransientError } from '../errors.js';
import type { TemuErrorContext } from '../errors.js';
import { resolveRetryOptions, withTemuRetry } from '../retry.js';
import type { ResolvedRetryOptions, RetryOptions, ThrottleListener } from '../retry.js';
import type { TemuCall } from './call-definition.js';
import { endpointGroupOf } from './endpoint-groups.js';
import type { EndpointGroup } from './endpoint-groups.js';
import { unwrapEnvelope } from './envelope.js';
import { routerUrl } from './gateways.js';
import type { TemuRegion } from './gateways.js';
import { signRequestBody } from './signing.js';
import { describeFirstIssue } from './zod-issues.js';

export interface TemuClientOptions {
  /** Gateway region (docs/temu-api.md §1.1); default US. Ignored when `baseUrl` is set. */
  region?: TemuRegion;
  /** Overrides the gateway (sandbox, proxy), with or without `/openapi/router`. */
  baseUrl?: string;
  appKey: string;
  appSecret: string;
  /** The shop's (mall's) access token. */
  accessToken: string;
  /** Per-attempt HTTP timeout; default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Called on every throttle answer so the queue layer can pause the endpoint group. */
  onThrottle?: ThrottleListener;
  /**
   * Awaited before every HTTP attempt (retries included): the queue layer takes a slot of the shared
   * cross-replica quota here, so no replica sends more than Temu allows (R18).
   */
  beforeRequest?: (group: EndpointGroup, type: string) => Promise<void>;
  /** Wall clock in ms (tests); the request `timestamp` is its value in seconds. */
  nowMs?: () => number;
  /**
   * The abort signal of the work in progress (the worker passes the running job's): once aborted, no
   * further request is sent and the one in flight is cancelled.
   */
  signal?: () => AbortSignal | undefined;
}

export interface TemuRequestOptions {
  timeoutMs?: number;
  /** Replaces the shop token for this call (token exchange sends the code as access_token, docs/temu-api.md §7.2). */
  accessToken?: string;
  retry?: RetryOptions;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Transport: signs, POSTs to `/openapi/router`, unwraps the envelope, validates, retries (R18). */
export class TemuClient {
  readonly url: string;
  readonly #appKey: string;
  readonly #appSecret: string;
  readonly #accessToken: string;
  readonly #timeoutMs: number;
  readonly #retry: ResolvedRetryOptions;
  readonly #onThrottle: ThrottleListener | undefined;
  readonly #beforeRequest: ((group: EndpointGroup, type: string) => Promise<void>) | undefined;
  readonly #nowMs: () => number;
  readonly #signal: () => AbortSignal | undefined;

  constructor(options: TemuClientOptions) {
    for (const name of ['appKey', 'appSecret', 'accessToken'] as const) {
      if (typeof options[name] !== 'string' || options[name] === '') {
        throw new TypeError(`TemuClient needs a non-empty ${name}`);
      }
    }
    this.url = routerUrl(options);
    this.#appKey = options.appKey;
    this.#appSecret = options.appSecret;
    this.#accessToken = options.accessToken;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retry = resolveRetryOptions(options.retry);
    this.#onThrottle = options.onThrottle;
    this.#beforeRequest = options.beforeRequest;
    this.#nowMs = options.nowMs ?? Date.now;
    this.#signal = options.signal ?? (() => undefined);
  }

  get appKey(): string {
    return this.#appKey;
  }

  /** Calls one typed API: validates the parameters, then sends with retries. */
  async call<Req extends z.ZodType, Res extends z.ZodType>(
    def: TemuCall<Req, Res>,
    params: z.input<Req>,
    options: TemuRequestOptions = {},
  ): Promise<z.output<Res>> {
    const group = endpointGroupOf(def.type);
    const parsed = def.request.safeParse(params);
    if (!parsed.success) {
      const { path, message } = describeFirstIssue(parsed.error);
      throw new TemuBadInputError(`invalid parameters for Temu ${def.type}: ${path}: ${message}`, {
        type: def.type,
        group,
        code: TEMU_ERROR_CODES.badRequest,
        path,
      });
    }
    const retry = options.retry ? resolveRetryOptions({ ...this.#retry, ...options.retry }) : this.#retry;
    const business = parsed.data as Record<string, unknown>;
    return withTemuRetry(group, () => this.#attempt(def, business, options), retry, this.#onThrottle);
  }

  /** One HTTP exchange; a fresh timestamp and sign per attempt (the ±300 s window, docs/temu-api.md §2.1). */
  async #attempt<Res extends z.ZodType>(
    def: TemuCall<z.ZodType, Res>,
    business: Record<string, unknown>,
    options: TemuRequestOptions,
  ): Promise<z.output<Res>> {
    const accessToken = options.accessToken ?? this.#accessToken;
    const ctx: TemuErrorContext = { type: def.type, group: endpointGroupOf(def.type) };
    const signal = this.#signal();
    throwIfAborted(signal, def.type);
    await this.#beforeRequest?.(ctx.group, def.type);
    throwIfAborted(signal, def.type);
    // Business parameters at the top level next to the common ones (docs/temu-api.md §2).
    const params = {
      ...business,
      type: def.type,
      app_key: this.#appKey,
      access_token: accessToken,
      timestamp: Math.floor(this.#nowMs() / 1000),
      data_type: 'JSON',
    };
    const { body, sign } = signRequestBody(params, this.#appSecret);
    const scrub = (text: string) => scrubSecrets(text, [this.#appSecret, accessToken, sign]);

    let response;
    try {
      response = await got.post(this.url, {
        body,
        headers: { 'content-type': 'application/json' },
        timeout: { request: options.timeoutMs ?? this.#timeoutMs },
        retry: { limit: 0 },
        throwHttpErrors: false,
        followRedirect: false,
        responseType: 'text',
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      // Aborted on purpose (the job was released): not a Temu failure, so not retried.
      throwIfAborted(signal, def.type);
      if (err instanceof RequestError) {
        // got's own error holds the request options (body with token and sign): keep only a summary.
        const summary = new Error(scrub(`${err.code}: ${err.message}`));
        throw new TemuTransientError(`Temu ${def.type} could not be reached (${err.code}); retry later.`, {
          ...ctx,
          cause: summary,
        });
      }
      throw err;
    }

    const status = response.statusCode;
    const httpCtx = { ...ctx, httpStatus: status };
    if (status === 429) {
      const retryAfterMs = parseRetryAfterMs(response.headers['retry-after'], this.#nowMs());
      throw new TemuThrottledError(
        `Temu ${def.type} answered HTTP 429: the ${ctx.group} quota or app-key rate is exhausted; slow down.`,
        {
          ...httpCtx,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        },
      );
    }
    if (status >= 500) {
      throw new TemuTransientError(`Temu ${def.type} answered HTTP ${status}; retry later.`, httpCtx);
    }
    return unwrapEnvelope({ text: response.body, ctx: httpCtx, scrub }, def.response);
  }
}

/** A plain Error (not a Temu error): the retry layer does not retry it and the job layer does not count it. */
function throwIfAborted(signal: AbortSignal | undefined, type: string): void {
  if (signal?.aborted)
    throw new Error(`Temu ${type} abandoned: the work was aborted (${String(signal.reason)})`);
}
