import { IntegrationError, scrubSecrets, type ErrorKind } from '@temu-odoo/core';

/** Where an Odoo failure happened; never the arguments (they carry the password in execute_kw). */
export interface OdooErrorContext {
  model?: string;
  method?: string;
  httpStatus?: number;
}

export interface OdooErrorInit extends OdooErrorContext {
  kind: ErrorKind;
  code: string;
  /** Odoo's `data.name` (JSON-RPC) or `name` (JSON-2), e.g. `odoo.exceptions.UserError`. */
  odooName?: string;
  /** Odoo's own message, kept verbatim (secrets scrubbed). */
  odooMessage: string;
  /** True when the call certainly had no effect: rolled back by Odoo or never reached it. */
  noEffect?: boolean;
  cause?: unknown;
  retryAfterMs?: number;
}

/** Any failure talking to Odoo, classified once where it is raised (see core's ErrorKind). */
export class OdooError extends IntegrationError {
  readonly odooName: string | undefined;
  readonly odooMessage: string;
  readonly model: string | undefined;
  readonly method: string | undefined;
  readonly httpStatus: number | undefined;
  readonly noEffect: boolean;

  constructor(message: string, init: OdooErrorInit) {
    super(message, {
      kind: init.kind,
      code: init.code,
      cause: init.cause,
      ...(init.retryAfterMs !== undefined ? { retryAfterMs: init.retryAfterMs } : {}),
      ...(init.odooName !== undefined ? { remoteCode: init.odooName } : {}),
      details: compact({ model: init.model, method: init.method, httpStatus: init.httpStatus }),
    });
    this.odooName = init.odooName;
    this.odooMessage = init.odooMessage;
    this.model = init.model;
    this.method = init.method;
    this.httpStatus = init.httpStatus;
    this.noEffect = init.noEffect ?? false;
  }
}

/** `odoo.exceptions.AccessDenied`, JSON-2 401: the password / API key is not accepted. */
export class OdooAccessDeniedError extends OdooError {}
/** `odoo.exceptions.AccessError`: the user lacks rights (or a private method was called). */
export class OdooAccessError extends OdooError {}
/** `odoo.exceptions.UserError` / `RedirectWarning`: a business rule refused the operation. */
export class OdooUserError extends OdooError {}
/** `odoo.exceptions.ValidationError`: the data violates a constraint (missing required field, …). */
export class OdooValidationError extends OdooError {}
/** `odoo.exceptions.MissingError`: the record does not exist (deleted, wrong id). */
export class OdooMissingError extends OdooError {}
/** `builtins.*` (ValueError, TypeError, AttributeError) or 404: the request itself is wrong (unknown field/method). */
export class OdooRequestError extends OdooError {}
/** Serialization failure / lock / deadlock after Odoo's own retries (docs/odoo-api.md §3.3): rolled back, retry. */
export class OdooConcurrencyError extends OdooError {}
/** Connection refused/reset, timeout, 5xx or an unreadable answer: retry later. */
export class OdooUnavailableError extends OdooError {}
/** Any other server-side failure (an unexpected Python exception). */
export class OdooServerError extends OdooError {}
/** Start-up failure: wrong login, password/API key or database. One clear line, never the password. */
export class OdooLoginError extends OdooError {}

type OdooErrorClass = new (message: string, init: OdooErrorInit) => OdooError;

interface Classification {
  cls: OdooErrorClass;
  kind: ErrorKind;
  code: string;
  noEffect?: boolean;
}

// Names that mean "the transaction was rolled back because of concurrent access" (docs/odoo-api.md §3.3:
// LOCK_NOT_AVAILABLE, SERIALIZATION_FAILURE, DEADLOCK_DETECTED; 19 adds ConcurrencyError, LockError).
const CONCURRENCY =
  /(SerializationFailure|LockNotAvailable|DeadlockDetected|TransactionRollbackError|ConcurrencyError|LockError)$/;

/** Maps an Odoo exception name (and HTTP status when there is no name) to a typed class and kind. */
export function classifyOdooName(
  name: string | undefined,
  message: string,
  httpStatus?: number,
): Classification {
  if (name) {
    if (CONCURRENCY.test(name))
      return { cls: OdooConcurrencyError, kind: 'transient', code: 'ERR_ODOO_CONCURRENCY', noEffect: true };
    switch (name) {
      case 'odoo.exceptions.AccessDenied':
      case 'werkzeug.exceptions.Unauthorized':
        return {
          cls: OdooAccessDeniedError,
          kind: 'credentials',
          code: 'ERR_ODOO_ACCESS_DENIED',
          noEffect: true,
        };
      case 'odoo.exceptions.AccessError':
      case 'werkzeug.exceptions.Forbidden':
        return { cls: OdooAccessError, kind: 'credentials', code: 'ERR_ODOO_ACCESS', noEffect: true };
      case 'odoo.exceptions.ValidationError':
        return { cls: OdooValidationError, kind: 'bad_input', code: 'ERR_ODOO_VALIDATION', noEffect: true };
      case 'odoo.exceptions.MissingError':
        return { cls: OdooMissingError, kind: 'business', code: 'ERR_ODOO_MISSING_RECORD', noEffect: true };
      case 'odoo.exceptions.UserError':
      case 'odoo.exceptions.RedirectWarning':
      case 'odoo.exceptions.except_orm':
        return { cls: OdooUserError, kind: 'business', code: 'ERR_ODOO_USER_ERROR', noEffect: true };
      case 'werkzeug.exceptions.NotFound':
      case 'werkzeug.exceptions.UnprocessableEntity':
      case 'werkzeug.exceptions.BadRequest':
        return { cls: OdooRequestError, kind: 'bad_input', code: 'ERR_ODOO_BAD_REQUEST', noEffect: true };
      case 'werkzeug.exceptions.TooManyRequests':
        return { cls: OdooUnavailableError, kind: 'throttled', code: 'ERR_ODOO_THROTTLED', noEffect: true };
      case 'werkzeug.exceptions.ServiceUnavailable':
        return { cls: OdooUnavailableError, kind: 'transient', code: 'ERR_ODOO_UNAVAILABLE', noEffect: true };
      case 'psycopg2.OperationalError':
        // Seen on common.authenticate with an unknown database (fixtures errors/auth): a config error.
        if (/database .* does not exist/i.test(message)) {
          return { cls: OdooLoginError, kind: 'credentials', code: 'ERR_ODOO_UNKNOWN_DB', noEffect: true };
        }
        return { cls: OdooUnavailableError, kind: 'transient', code: 'ERR_ODOO_DATABASE_UNAVAILABLE' };
    }
    if (name.startsWith('builtins.'))
      return { cls: OdooRequestError, kind: 'bad_input', code: 'ERR_ODOO_BAD_REQUEST', noEffect: true };
    return { cls: OdooServerError, kind: 'business', code: 'ERR_ODOO_SERVER_ERROR' };
  }
  if (httpStatus === 429)
    return { cls: OdooUnavailableError, kind: 'throttled', code: 'ERR_ODOO_THROTTLED', noEffect: true };
  // JSON-2 answers LockError with 409 (docs/odoo-api.md): the transaction was rolled back.
  if (httpStatus === 409)
    return { cls: OdooConcurrencyError, kind: 'transient', code: 'ERR_ODOO_CONCURRENCY', noEffect: true };
  if (httpStatus === 503)
    return { cls: OdooUnavailableError, kind: 'transient', code: 'ERR_ODOO_UNAVAILABLE', noEffect: true };
  if (httpStatus !== undefined && httpStatus >= 500)
    return { cls: OdooUnavailableError, kind: 'transient', code: 'ERR_ODOO_UNAVAILABLE' };
  if (httpStatus === 401)
    return {
      cls: OdooAccessDeniedError,
      kind: 'credentials',
      code: 'ERR_ODOO_ACCESS_DENIED',
      noEffect: true,
    };
  if (httpStatus === 403)
    return { cls: OdooAccessError, kind: 'credentials', code: 'ERR_ODOO_ACCESS', noEffect: true };
  if (httpStatus === 404 || httpStatus === 422 || httpStatus === 400) {
    return { cls: OdooRequestError, kind: 'bad_input', code: 'ERR_ODOO_BAD_REQUEST', noEffect: true };
  }
  return { cls: OdooServerError, kind: 'business', code: 'ERR_ODOO_SERVER_ERROR' };
}

export interface RemoteFailure extends OdooErrorContext {
  name?: string;
  message?: string;
  /** JSON-RPC `error.code` (100 = session expired, 404 = route not found). */
  rpcCode?: number;
  retryAfterMs?: number;
}

/** Builds the typed error for an error answered by Odoo (JSON-RPC `error.data` or JSON-2 body). */
export function odooErrorFromRemote(failure: RemoteFailure, secrets: readonly string[] = []): OdooError {
  const odooMessage = scrubSecrets(failure.message ?? 'Odoo Server Error', secrets);
  const c =
    failure.rpcCode === 100 && !failure.name
      ? {
          cls: OdooAccessDeniedError,
          kind: 'credentials' as const,
          code: 'ERR_ODOO_SESSION_EXPIRED',
          noEffect: true,
        }
      : classifyOdooName(failure.name, odooMessage, failure.httpStatus);
  const where = failure.model ? `${failure.model}.${failure.method ?? '?'}` : (failure.method ?? 'call');
  const short = failure.name
    ? ` [${failure.name.split('.').pop() ?? failure.name}]`
    : failure.httpStatus
      ? ` [HTTP ${failure.httpStatus}]`
      : '';
  return new c.cls(`Odoo ${where} failed${short}: ${odooMessage}`, {
    kind: c.kind,
    code: c.code,
    odooMessage,
    noEffect: c.noEffect ?? false,
    ...(failure.name !== undefined ? { odooName: failure.name } : {}),
    ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
    ...pick(failure),
  });
}

// Errors raised before a request reached Odoo: retrying them can never duplicate a write.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Builds the typed error for a transport failure (got RequestError, timeout, bad body). */
export function odooErrorFromNetwork(
  err: unknown,
  ctx: OdooErrorContext & { url: string },
  secrets: readonly string[] = [],
): OdooError {
  const e = err as { code?: string; name?: string; message?: string };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const timeout = e?.name === 'TimeoutError' || code === 'ETIMEDOUT';
  const reason = scrubSecrets(code ?? e?.message ?? String(err), secrets);
  const where = ctx.model ? `${ctx.model}.${ctx.method ?? '?'}` : (ctx.method ?? 'call');
  return new OdooUnavailableError(
    timeout
      ? `Odoo ${where} timed out at ${safeUrl(ctx.url)} (ODOO_URL)`
      : `Odoo is unreachable at ${safeUrl(ctx.url)} (ODOO_URL): ${reason}`,
    {
      kind: 'transient',
      code: timeout ? 'ERR_ODOO_TIMEOUT' : 'ERR_ODOO_UNAVAILABLE',
      odooMessage: reason,
      noEffect: code !== undefined && NOT_SENT.has(code),
      cause: err,
      ...pick(ctx),
    },
  );
}

export function isOdooError(err: unknown): err is OdooError {
  return err instanceof OdooError;
}

/** The URL without user info, query or fragment, safe to show in an error. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '<invalid ODOO_URL>';
  }
}

function pick(ctx: OdooErrorContext): OdooErrorContext {
  return compact({ model: ctx.model, method: ctx.method, httpStatus: ctx.httpStatus }) as OdooErrorContext;
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
