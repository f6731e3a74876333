import got from 'got';
import { odooErrorFromNetwork, odooErrorFromRemote, OdooUnavailableError } from '../errors.js';
import {
  abortOption,
  endpoint,
  throwIfAborted,
  retryAfterMs,
  type HttpTransportOptions,
  type OdooCall,
} from './transport.js';

export interface Json2TransportOptions extends HttpTransportOptions {
  db: string;
  /** The API key (JSON-2 accepts API keys only, docs/odoo-api.md §1.6). */
  apiKey: string;
}

/**
 * Odoo 19's JSON-2 API: `POST /json/2/<model>/<method>`, `Authorization: bearer <key>`,
 * `X-Odoo-Database`, named arguments plus `ids`/`context`; real HTTP statuses and a flat error object
 * `{name, message, arguments, context, debug}` (docs/odoo-api.md §1.6).
 */
export class Json2Transport {
  readonly protocol = 'json2' as const;
  readonly #opts: Json2TransportOptions;

  constructor(opts: Json2TransportOptions) {
    this.#opts = opts;
  }

  async execute(call: OdooCall): Promise<unknown> {
    const body: Record<string, unknown> = { ...(call.params ?? {}) };
    if (call.ids !== undefined) body.ids = call.ids;
    if (call.context && Object.keys(call.context).length > 0) body.context = call.context;
    const path = `json/2/${encodeURIComponent(call.model)}/${encodeURIComponent(call.method)}`;
    return this.#request('POST', path, body, { model: call.model, method: call.method });
  }

  /**
   * `GET /json/version` → `{version_info, version}`: Odoo 19+, no authentication, so the API key is
   * not sent (a 16–18 server answers 404 here).
   */
  version(): Promise<unknown> {
    return this.#request('GET', 'json/version', undefined, { method: 'version' }, false);
  }

  async #request(
    verb: 'GET' | 'POST',
    path: string,
    body: unknown,
    where: { model?: string; method: string },
    authenticated = true,
  ): Promise<unknown> {
    const url = endpoint(this.#opts.url, path);
    const ctx = { url: this.#opts.url, ...where };
    let status: number;
    let text: string;
    let headers: Record<string, string | string[] | undefined>;
    throwIfAborted(this.#opts);
    try {
      const res = await got(url, {
        method: verb,
        ...(body !== undefined ? { json: body } : {}),
        responseType: 'text',
        throwHttpErrors: false,
        retry: { limit: 0 },
        timeout: { request: this.#opts.timeoutMs },
        ...abortOption(this.#opts),
        headers: {
          ...(authenticated
            ? { authorization: `bearer ${this.#opts.apiKey}`, 'x-odoo-database': this.#opts.db }
            : {}),
          'user-agent': this.#opts.userAgent,
          accept: 'application/json',
        },
      });
      status = res.statusCode;
      text = res.body;
      headers = res.headers;
    } catch (err) {
      throwIfAborted(this.#opts);
      throw odooErrorFromNetwork(err, ctx, this.#opts.secrets);
    }
    let parsed: unknown;
    let readable = true;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      readable = false;
    }
    if (status >= 200 && status < 300) {
      if (!readable) {
        throw new OdooUnavailableError(
          `Odoo ${where.model ?? ''}${where.model ? '.' : ''}${where.method} answered something that is not JSON`,
          {
            kind: 'transient',
            code: 'ERR_ODOO_BAD_RESPONSE',
            odooMessage: text.slice(0, 200),
            ...where,
            httpStatus: status,
          },
        );
      }
      return parsed;
    }
    const err = (readable && parsed && typeof parsed === 'object' ? parsed : {}) as {
      name?: string;
      message?: string;
    };
    const after = retryAfterMs(headers['retry-after']);
    throw odooErrorFromRemote(
      {
        ...(typeof err.name === 'string' ? { name: err.name } : {}),
        message: typeof err.message === 'string' ? err.message : `HTTP ${status}`,
        httpStatus: status,
        ...where,
        ...(after !== undefined ? { retryAfterMs: after } : {}),
      },
      this.#opts.secrets,
    );
  }
}
