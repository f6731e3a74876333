import { IntegrationError } from '@temu-odoo/core';
import type { ErrorKind } from '@temu-odoo/core';
import type { EndpointGroup } from './client/endpoint-groups.js';

/** Stable machine-readable codes of the errors this package raises. */
export const TEMU_ERROR_CODES = {
  rateLimited: 'ERR_TEMU_RATE_LIMITED',
  transient: 'ERR_TEMU_TRANSIENT',
  notReady: 'ERR_TEMU_NOT_READY',
  sign: 'ERR_TEMU_SIGN',
  scope: 'ERR_TEMU_SCOPE',
  tokenExpired: 'ERR_TEMU_TOKEN_EXPIRED',
  credentials: 'ERR_TEMU_CREDENTIALS',
  business: 'ERR_TEMU_BUSINESS',
  badParams: 'ERR_TEMU_BAD_PARAMS',
  badRequest: 'ERR_TEMU_BAD_REQUEST',
  badResponse: 'ERR_TEMU_BAD_RESPONSE',
} as const;

export type TemuErrorCode = (typeof TEMU_ERROR_CODES)[keyof typeof TEMU_ERROR_CODES];

/** Where a Temu failure happened; never holds secrets (no body, no token, no sign). */
export interface TemuErrorContext {
  /** API `type`, e.g. `bg.order.list.v2.get`. */
  type: string;
  group: EndpointGroup;
  /** Temu `requestId` (quote it in Temu tickets, error SOP 4000000). */
  requestId?: string;
  httpStatus?: number;
}

interface TemuErrorInit extends TemuErrorContext {
  kind: ErrorKind;
  code: TemuErrorCode;
  remoteCode?: string;
  /** Temu's own `errorMsg`, kept verbatim (after secret scrubbing). */
  remoteMessage?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

/** Base of every Temu error: an IntegrationError with the API `type`, endpoint group and requestId. */
export class TemuError extends IntegrationError {
  readonly type: string;
  readonly group: EndpointGroup;
  readonly requestId: string | undefined;
  readonly httpStatus: number | undefined;
  readonly remoteMessage: string | undefined;

  constructor(message: string, init: TemuErrorInit) {
    super(message, {
      kind: init.kind,
      code: init.code,
      ...(init.cause !== undefined ? { cause: init.cause } : {}),
      ...(init.retryAfterMs !== undefined ? { retryAfterMs: init.retryAfterMs } : {}),
      ...(init.remoteCode !== undefined ? { remoteCode: init.remoteCode } : {}),
    });
    this.type = init.type;
    this.group = init.group;
    this.requestId = init.requestId;
    this.httpStatus = init.httpStatus;
    this.remoteMessage = init.remoteMessage;
  }
}

type Specific = Omit<TemuErrorInit, 'kind' | 'code'>;

/** `4000004` or HTTP 429: the app key or endpoint group is over its rate (docs/temu-api.md §6). */
export class TemuThrottledError extends TemuError {
  constructor(message: string, init: Specific) {
    super(message, { ...init, kind: 'throttled', code: TEMU_ERROR_CODES.rateLimited });
  }
}

/** `4000000`, `7000000`, HTTP 5xx, timeouts, connection errors: try again with backoff (docs/temu-api.md §15.11). */
export class TemuTransientError extends TemuError {
  constructor(message: string, init: Specific) {
    super(message, { ...init, kind: 'transient', code: TEMU_ERROR_CODES.transient });
  }
}

/** `140020008`/`140020009`: Temu is still computing amounts or order fields (docs/temu-api.md §5.2, §15.9). */
export class TemuNotReadyError extends TemuError {
  constructor(message: string, init: Specific) {
    super(message, { ...init, kind: 'not_ready', code: TEMU_ERROR_CODES.notReady });
  }
}

/** Sign, app key, token or scope problem (3xxxxxx, 2xxxxxx, 5xxxxxx): an operator or seller must act. */
export class TemuCredentialsError extends TemuError {
  constructor(
    message: string,
    init: Specific & {
      code:
        | typeof TEMU_ERROR_CODES.sign
        | typeof TEMU_ERROR_CODES.scope
        | typeof TEMU_ERROR_CODES.tokenExpired
        | typeof TEMU_ERROR_CODES.credentials;
    },
  ) {
    super(message, { ...init, kind: 'credentials' });
  }
}

/** A business rule rejected the operation (9-digit `1xxxxxxxx` codes); Temu's code and message are kept. */
export class TemuBusinessError extends TemuError {
  constructor(message: string, init: Specific) {
    super(message, { ...init, kind: 'business', code: TEMU_ERROR_CODES.business });
  }
}

/**
 * Bad data: our request failed its schema (ERR_TEMU_BAD_REQUEST), Temu said BAD_PARAMS
 * (ERR_TEMU_BAD_PARAMS), or a response did not match its schema (ERR_TEMU_BAD_RESPONSE).
 */
export class TemuBadInputError extends TemuError {
  readonly path: string | undefined;

  constructor(
    message: string,
    init: Specific & {
      code:
        | typeof TEMU_ERROR_CODES.badParams
        | typeof TEMU_ERROR_CODES.badRequest
        | typeof TEMU_ERROR_CODES.badResponse;
      path?: string;
    },
  ) {
    const { path, ...rest } = init;
    super(message, { ...rest, kind: 'bad_input' });
    this.path = path;
  }
}

export function isTemuError(err: unknown): err is TemuError {
  return err instanceof TemuError;
}
