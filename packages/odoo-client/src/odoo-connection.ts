import pRetry from 'p-retry';
import { CallCounter } from './call-counter.js';
import { isOdooError, OdooError, OdooLoginError, safeUrl } from './errors.js';
import type { Domain } from './domain.js';
import type { OdooConnectionOptions } from './odoo-options.js';
import { Json2Transport } from './transport/json2.transport.js';
import { JsonRpcTransport } from './transport/jsonrpc.transport.js';
import type { OdooCall, OdooProtocol } from './transport/transport.js';
import { dialectFor, parseServerVersion, type OdooDialect, type OdooServerVersion } from './version.js';

export interface OdooSession {
  version: OdooServerVersion;
  dialect: OdooDialect;
  protocol: OdooProtocol;
  uid: number;
  /** Why `auto` did not use the preferred protocol (e.g. the secret is a password, not an API key). */
  protocolNote?: string;
}

export interface SearchReadOptions {
  limit?: number;
  offset?: number;
  order?: string;
  context?: Record<string, unknown>;
}

// Methods whose repetition cannot duplicate an effect: retried on any transient failure. Others
// (create, action_*) are retried only when Odoo certainly did nothing (rolled back / not reached),
// because a timed-out create may have committed (docs/odoo-api.md §3.2, §3.3).
const IDEMPOTENT = new Set([
  'search_read',
  'search',
  'search_count',
  'read',
  'read_group',
  'fields_get',
  'write',
  'context_get',
  'exists',
]);

/**
 * One authenticated connection to an Odoo server: detects the version (`GET /json/version`, else
 * `common.version`), picks the protocol, checks the credentials at start-up, then runs ORM calls with
 * bounded retries of transient failures and counts every request.
 */
export class OdooConnection {
  readonly counter: CallCounter;
  readonly #opts: OdooConnectionOptions;
  readonly #secrets: string[];
  readonly #jsonrpc: JsonRpcTransport;
  readonly #json2: Json2Transport;
  #session: Promise<OdooSession> | undefined;
  #resolved: OdooSession | undefined;

  constructor(options: OdooConnectionOptions) {
    this.#opts = options;
    this.#secrets = [options.password];
    this.counter = options.counter ?? new CallCounter();
    const http = {
      url: options.url,
      timeoutMs: options.timeoutMs ?? 60_000,
      userAgent: options.userAgent ?? 'temu-odoo/odoo-client',
      secrets: this.#secrets,
      signal: options.signal,
    };
    this.#jsonrpc = new JsonRpcTransport(http);
    this.#json2 = new Json2Transport({ ...http, db: options.db, apiKey: options.password });
  }

  get url(): string {
    return safeUrl(this.#opts.url);
  }

  /** Version detection + credential check; memoised, and retried from scratch after a failure. */
  connect(): Promise<OdooSession> {
    if (!this.#session) {
      this.#session = this.#open().then(
        (s) => (this.#resolved = s),
        (err: unknown) => {
          this.#session = undefined;
          throw err;
        },
      );
    }
    return this.#session;
  }

  /** The session once connected (throws before `connect()`). */
  get session(): OdooSession {
    if (!this.#resolved) throw new Error('OdooConnection.session read before connect()');
    return this.#resolved;
  }

  get dialect(): OdooDialect {
    return this.session.dialect;
  }

  /** Runs one ORM call; connects first if needed. */
  async call<T = unknown>(call: OdooCall): Promise<T> {
    const s = await this.connect();
    return (await this.#withRetry(call.model, call.method, () =>
      s.protocol === 'json2'
        ? this.#json2.execute(call)
        : this.#jsonrpc.executeKw(this.#opts.db, s.uid, this.#opts.password, call),
    )) as T;
  }

  searchRead<T = Record<string, unknown>>(
    model: string,
    domain: Domain,
    fields: string[],
    opts: SearchReadOptions = {},
  ): Promise<T[]> {
    const params: Record<string, unknown> = { domain, fields };
    if (opts.limit !== undefined) params.limit = opts.limit;
    if (opts.offset !== undefined) params.offset = opts.offset;
    if (opts.order !== undefined) params.order = opts.order;
    return this.call<T[]>({
      model,
      method: 'search_read',
      params,
      ...(opts.context ? { context: opts.context } : {}),
    });
  }

  /** search_read through every page (`pageSize` rows per request, ordered by id). */
  async searchReadAll<T = Record<string, unknown>>(
    model: string,
    domain: Domain,
    fields: string[],
    opts: { pageSize?: number; context?: Record<string, unknown> } = {},
  ): Promise<T[]> {
    const pageSize = opts.pageSize ?? 2000;
    const out: T[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.searchRead<T>(model, domain, fields, {
        limit: pageSize,
        offset,
        order: 'id asc',
        ...(opts.context ? { context: opts.context } : {}),
      });
      out.push(...page);
      if (page.length < pageSize) return out;
    }
  }

  read<T = Record<string, unknown>>(
    model: string,
    ids: number[],
    fields: string[],
    context?: Record<string, unknown>,
  ): Promise<T[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.call<T[]>({
      model,
      method: 'read',
      ids,
      params: { fields },
      ...(context ? { context } : {}),
    });
  }

  /** Batch create (list of vals → list of ids on both protocols, docs/odoo-api.md §1.1, §1.6). */
  async create(
    model: string,
    valsList: Record<string, unknown>[],
    context?: Record<string, unknown>,
  ): Promise<number[]> {
    if (valsList.length === 0) return [];
    const ids = await this.call<unknown>({
      model,
      method: 'create',
      params: { vals_list: valsList },
      ...(context ? { context } : {}),
    });
    return Array.isArray(ids) ? (ids as number[]) : [ids as number];
  }

  async write(
    model: string,
    ids: number[],
    vals: Record<string, unknown>,
    context?: Record<string, unknown>,
  ): Promise<void> {
    if (ids.length === 0) return;
    await this.call({ model, method: 'write', ids, params: { vals }, ...(context ? { context } : {}) });
  }

  /** Calls a public record method (action_confirm, button_validate, …) on `ids`. */
  action<T = unknown>(
    model: string,
    method: string,
    ids: number[],
    context?: Record<string, unknown>,
  ): Promise<T> {
    return this.call<T>({ model, method, ids, ...(context ? { context } : {}) });
  }

  async #open(): Promise<OdooSession> {
    const wanted = this.#opts.protocol ?? 'auto';
    const version = await this.#detectVersion(wanted);
    const dialect = dialectFor(version);
    const protocol: OdooProtocol = wanted === 'auto' ? dialect.preferredProtocol : wanted;
    if (protocol === 'jsonrpc') return { version, dialect, protocol, uid: await this.#authenticateJsonRpc() };
    try {
      return { version, dialect, protocol, uid: await this.#authenticateJson2() };
    } catch (err) {
      // JSON-2 takes API keys only. With `auto` and a secret it refuses (a plain password), the
      // deprecated /jsonrpc is the one way left, as long as the server still has it
      // (docs/odoo-api.md, "JSON-2 and the deprecation timeline").
      if (wanted !== 'auto' || !(err instanceof OdooLoginError)) throw err;
      const uid = await this.#authenticateJsonRpc().catch((rpcErr: unknown) => {
        throw isOdooError(rpcErr) && rpcErr.httpStatus === 404 ? this.#apiKeyRequired(version) : rpcErr;
      });
      return {
        version,
        dialect,
        protocol: 'jsonrpc',
        uid,
        protocolNote:
          'JSON-2 refused ODOO_PASSWORD (a password, not an API key?); using the deprecated /jsonrpc, which Odoo is removing: configure an API key',
      };
    }
  }

  /**
   * `GET /json/version` first (Odoo 19+, no deprecation warning, works where /jsonrpc is gone); only a
   * server without it (16–18) is asked `common.version` over /jsonrpc. `jsonrpc` goes straight to
   * /jsonrpc; `json2` never touches it.
   */
  async #detectVersion(wanted: 'auto' | OdooProtocol): Promise<OdooServerVersion> {
    if (wanted === 'jsonrpc') return this.#jsonRpcVersion();
    try {
      return parseServerVersion(await this.#withRetry('common', 'version', () => this.#json2.version()));
    } catch (err) {
      if (!lacksJsonVersion(err)) throw err;
      if (wanted === 'json2') {
        throw new OdooError(
          `Odoo at ${this.url} has no JSON-2 API (GET /json/version: ${err.odooMessage}); JSON-2 needs Odoo 19 or later: set ODOO_PROTOCOL=auto or jsonrpc`,
          {
            kind: 'bad_input',
            code: 'ERR_ODOO_NO_JSON2',
            odooMessage: err.odooMessage,
            noEffect: true,
            cause: err,
          },
        );
      }
      return this.#jsonRpcVersion();
    }
  }

  async #jsonRpcVersion(): Promise<OdooServerVersion> {
    return parseServerVersion(
      await this.#withRetry('common', 'version', () => this.#jsonrpc.common('version', [])),
    );
  }

  async #authenticateJsonRpc(): Promise<number> {
    const { db, username, password } = this.#opts;
    let uid: unknown;
    try {
      // Bad credentials answer `false`, not an error (docs/odoo-api.md §1.1, fixtures auth).
      uid = await this.#withRetry('common', 'authenticate', () =>
        this.#jsonrpc.common('authenticate', [db, username, password, {}]),
      );
    } catch (err) {
      throw this.#loginFailure(err);
    }
    if (typeof uid !== 'number' || uid <= 0) throw this.#loginFailure(undefined);
    return uid;
  }

  async #authenticateJson2(): Promise<number> {
    let ctx: unknown;
    try {
      ctx = await this.#withRetry('res.users', 'context_get', () =>
        this.#json2.execute({ model: 'res.users', method: 'context_get' }),
      );
    } catch (err) {
      throw this.#loginFailure(err);
    }
    const uid = (ctx as { uid?: unknown } | null)?.uid;
    return typeof uid === 'number' ? uid : 0;
  }

  /** `auto` on a server that refused the secret over JSON-2 and has no /jsonrpc left to try it as a password. */
  #apiKeyRequired(version: OdooServerVersion): OdooLoginError {
    const { db, username } = this.#opts;
    return new OdooLoginError(
      `Odoo ${version.serie} at ${this.url} refused the secret over JSON-2 and has no /jsonrpc to try it as a password: check ODOO_USERNAME ("${username}"), ODOO_PASSWORD (must be an API key of that user: in Odoo, My Profile → Account Security → New API Key) and ODOO_DB ("${db}")`,
      {
        kind: 'credentials',
        code: 'ERR_ODOO_API_KEY_REQUIRED',
        odooMessage: 'Invalid apikey',
        noEffect: true,
      },
    );
  }

  /** One clear line naming the variables to check; never the password. */
  #loginFailure(err: unknown): unknown {
    const { db, username } = this.#opts;
    if (isOdooError(err) && err.code === 'ERR_ODOO_UNKNOWN_DB') {
      return new OdooLoginError(`Odoo at ${this.url} has no database "${db}": check ODOO_DB (and ODOO_URL)`, {
        kind: 'credentials',
        code: 'ERR_ODOO_UNKNOWN_DB',
        odooMessage: err.odooMessage,
        noEffect: true,
        cause: err,
      });
    }
    if (err === undefined || (isOdooError(err) && err.kind === 'credentials')) {
      return new OdooLoginError(
        `Odoo login refused at ${this.url}: check ODOO_USERNAME ("${username}"), ODOO_PASSWORD (password or API key) and ODOO_DB ("${db}")`,
        {
          kind: 'credentials',
          code: 'ERR_ODOO_LOGIN',
          odooMessage: 'Access Denied',
          noEffect: true,
          ...(err ? { cause: err } : {}),
        },
      );
    }
    return err;
  }

  #withRetry<T>(model: string, method: string, run: () => Promise<T>): Promise<T> {
    const r = this.#opts.retry ?? {};
    const idempotent = model === 'common' || IDEMPOTENT.has(method);
    return pRetry(
      () => {
        this.counter.record(model, method);
        return run();
      },
      {
        retries: r.retries ?? 2,
        minTimeout: r.minDelayMs ?? 300,
        maxTimeout: r.maxDelayMs ?? 3000,
        factor: 2,
        randomize: r.randomize ?? true,
        shouldRetry: ({ error }) =>
          error instanceof OdooError && error.kind === 'transient' && (idempotent || error.noEffect),
      },
    );
  }
}

/**
 * The server does not serve `GET /json/version` (Odoo 16–18 answer 404; a proxy or front page may
 * answer something that is not JSON or not a version): as opposed to Odoo being down or slow.
 */
function lacksJsonVersion(err: unknown): err is OdooError {
  if (!isOdooError(err)) return false;
  if (err.code === 'ERR_ODOO_BAD_RESPONSE' || err.code === 'ERR_ODOO_VERSION_UNREADABLE') return true;
  const status = err.httpStatus;
  return status !== undefined && status >= 400 && status < 500 && status !== 429;
}
