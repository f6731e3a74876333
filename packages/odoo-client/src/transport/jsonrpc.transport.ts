import got from 'got';
import { JSONRPCClient, type JSONRPCRequest, type JSONRPCResponse } from 'json-rpc-2.0';
import {
  odooErrorFromNetwork,
  odooErrorFromRemote,
  OdooUnavailableError,
  safeUrl,
  type OdooError,
} from '../errors.js';
import {
  abortOption,
  endpoint,
  throwIfAborted,
  retryAfterMs,
  type HttpTransportOptions,
  type OdooCall,
} from './transport.js';

interface SendState {
  failure?: OdooError;
  model?: string;
  method: string;
}

/**
 * Arguments that `execute_kw` takes positionally, in order (after the ids for record methods); the
 * rest travel as kwargs. Mirrors what real clients send (fixtures: `search_read([domain], {fields})`,
 * `read([ids, fields])`, `write([ids, vals])`, `create([vals_list])` — create must be positional,
 * 16's `_call_kw_model_create` reads `args[0]`).
 */
const POSITIONAL: Record<string, readonly string[]> = {
  search_read: ['domain'],
  search: ['domain'],
  search_count: ['domain'],
  read: ['fields'],
  write: ['vals'],
  create: ['vals_list'],
  read_group: ['domain', 'fields', 'groupby'],
  fields_get: ['allfields'],
};

/** JSON-RPC 2.0 over HTTP on `/jsonrpc` (docs/odoo-api.md §1.1), with json-rpc-2.0's client and got. */
export class JsonRpcTransport {
  readonly protocol = 'jsonrpc' as const;
  readonly #url: string;
  readonly #opts: HttpTransportOptions;
  readonly #client: JSONRPCClient<SendState>;
  #nextId = 1;

  constructor(opts: HttpTransportOptions) {
    this.#opts = opts;
    this.#url = endpoint(opts.url, 'jsonrpc');
    this.#client = new JSONRPCClient<SendState>((payload, state) =>
      this.#send(payload as JSONRPCRequest, state),
    );
  }

  /** `common` service: `version`, `authenticate`, `login` (no credentials check on `version`). */
  common(method: string, args: unknown[]): Promise<unknown> {
    return this.#rpc('common', method, args, { method: `common.${method}` });
  }

  /** `object.execute_kw(db, uid, password, model, method, args, kwargs)`. */
  executeKw(db: string, uid: number, password: string, call: OdooCall): Promise<unknown> {
    const { args, kwargs } = toPositional(call);
    const rpcArgs: unknown[] = [db, uid, password, call.model, call.method, args];
    if (Object.keys(kwargs).length > 0) rpcArgs.push(kwargs);
    return this.#rpc('object', 'execute_kw', rpcArgs, { model: call.model, method: call.method });
  }

  async #rpc(
    service: string,
    method: string,
    args: unknown[],
    where: { model?: string; method: string },
  ): Promise<unknown> {
    const state: SendState = { ...where };
    const request: JSONRPCRequest = {
      jsonrpc: '2.0',
      method: 'call',
      params: { service, method, args },
      id: this.#nextId++,
    };
    const response: JSONRPCResponse = await this.#client.requestAdvanced(request, state);
    if (state.failure) throw state.failure;
    if (response.error) {
      const data = (response.error.data ?? {}) as { name?: string; message?: string };
      throw odooErrorFromRemote(
        {
          ...(data.name ? { name: data.name } : {}),
          message: data.message ?? response.error.message,
          rpcCode: response.error.code,
          ...(where.model ? { model: where.model } : {}),
          method: where.method,
        },
        this.#opts.secrets,
      );
    }
    // Odoo omits `result` when the Python method returned None (docs/odoo-api.md §1.1, fixtures setup).
    return response.result === undefined ? null : response.result;
  }

  async #send(payload: JSONRPCRequest, state: SendState): Promise<void> {
    const ctx = { url: this.#opts.url, method: state.method, ...(state.model ? { model: state.model } : {}) };
    let status: number;
    let text: string;
    let headers: Record<string, string | string[] | undefined>;
    throwIfAborted(this.#opts);
    try {
      const res = await got.post(this.#url, {
        json: payload,
        responseType: 'text',
        throwHttpErrors: false,
        retry: { limit: 0 },
        timeout: { request: this.#opts.timeoutMs },
        ...abortOption(this.#opts),
        headers: { 'user-agent': this.#opts.userAgent, accept: 'application/json' },
      });
      status = res.statusCode;
      text = res.body;
      headers = res.headers;
    } catch (err) {
      throwIfAborted(this.#opts);
      state.failure = odooErrorFromNetwork(err, ctx, this.#opts.secrets);
      throw state.failure;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const rpc = body as Partial<JSONRPCResponse> | undefined;
    if (status !== 200 && !rpc?.error) {
      state.failure = odooErrorFromRemote(
        {
          message: `HTTP ${status} from ${safeUrl(this.#url)}`,
          httpStatus: status,
          ...ctx,
          ...(retryAfterMs(headers['retry-after']) !== undefined
            ? { retryAfterMs: retryAfterMs(headers['retry-after']) }
            : {}),
        },
        this.#opts.secrets,
      );
      throw state.failure;
    }
    if (!rpc || typeof rpc !== 'object' || rpc.id !== payload.id) {
      state.failure = new OdooUnavailableError(
        `Odoo ${ctx.model ? `${ctx.model}.` : ''}${ctx.method} answered something that is not a JSON-RPC response`,
        {
          kind: 'transient',
          code: 'ERR_ODOO_BAD_RESPONSE',
          odooMessage: text.slice(0, 200),
          ...ctx,
          httpStatus: status,
        },
      );
      throw state.failure;
    }
    this.#client.receive(rpc as JSONRPCResponse);
  }
}

function toPositional(call: OdooCall): { args: unknown[]; kwargs: Record<string, unknown> } {
  const params = { ...(call.params ?? {}) };
  const args: unknown[] = call.ids !== undefined ? [call.ids] : [];
  for (const name of POSITIONAL[call.method] ?? []) {
    if (!(name in params)) break;
    args.push(params[name]);
    delete params[name];
  }
  const kwargs: Record<string, unknown> = { ...params };
  if (call.context && Object.keys(call.context).length > 0) kwargs.context = call.context;
  return { args, kwargs };
}
