import {
  ENDPOINT_GROUP_BY_TYPE,
  isApiType,
  SUNSET_TYPES,
  TOKENLESS_TYPES,
  type ApiType,
  type EndpointGroup,
} from '../api-types.js';
import { ApiError } from '../error-codes.js';
import { isLosslessNumber } from '../json.js';
import { computeSign } from '../signing.js';
import type { SandboxState } from '../state.js';

export interface Caller {
  appKey: string;
  type: ApiType;
  group: EndpointGroup;
  accessToken: string;
}

/** Allowed clock skew of `timestamp` in seconds (docs/temu-api.md §2.1). */
export const TIMESTAMP_WINDOW_S = 300;

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (isLosslessNumber(value)) return value.value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Gateway checks in the order of docs/temu-api.md §16: app_key → sign → timestamp → type → data_type →
 * access_token → scope. The first failure answers; the rate limit and business checks follow.
 */
export function authorize(state: SandboxState, body: Record<string, unknown>, nowMs: number): Caller {
  const appKey = text(body.app_key);
  if (!appKey) throw ApiError.gateway('APP_KEY_MISSING');
  const secret = state.apps.get(appKey);
  if (secret === undefined) throw ApiError.gateway('APP_KEY_UNKNOWN');

  const sign = text(body.sign);
  if (!sign) throw ApiError.gateway('SIGN_MISSING');
  if (sign !== computeSign(body, secret)) throw ApiError.gateway('SIGN_INVALID');

  const timestamp = text(body.timestamp);
  if (timestamp === undefined || timestamp === '') throw ApiError.gateway('TIMESTAMP_MISSING');
  if (!/^\d+$/.test(timestamp)) throw ApiError.gateway('TIMESTAMP_INVALID');
  const ts = Number(timestamp);
  const nowS = nowMs / 1000;
  if (ts > nowS + TIMESTAMP_WINDOW_S) throw ApiError.gateway('TIMESTAMP_INVALID');
  if (ts < nowS - TIMESTAMP_WINDOW_S) throw ApiError.gateway('TIMESTAMP_EXPIRED');

  const type = text(body.type);
  if (!type) throw ApiError.gateway('TYPE_MISSING');
  if (SUNSET_TYPES.has(type)) throw ApiError.gateway('TYPE_SUNSET');
  if (!isApiType(type)) throw ApiError.gateway('TYPE_UNKNOWN');

  const dataType = text(body.data_type);
  if (!dataType) throw ApiError.gateway('DATA_TYPE_MISSING');
  if (dataType.toLowerCase() !== 'json') throw ApiError.gateway('DATA_TYPE_INVALID');

  const accessToken = text(body.access_token);
  if (!accessToken) throw ApiError.gateway('TOKEN_MISSING');
  const caller: Caller = { appKey, type, group: ENDPOINT_GROUP_BY_TYPE[type], accessToken };
  // bg.open.accesstoken.create carries the one-time code as its token (docs/temu-api.md §7.2); the code is checked
  // by the handler.
  if (TOKENLESS_TYPES.has(type)) return caller;

  const token = state.tokens.get(accessToken);
  if (!token) throw ApiError.gateway('TOKEN_UNKNOWN');
  if (token.appKey !== appKey) throw ApiError.gateway('TOKEN_APP_MISMATCH');
  if (token.revoked || token.expiresAt <= Math.floor(nowS)) throw ApiError.gateway('TOKEN_EXPIRED');
  if (!token.scopes.has(type)) throw ApiError.gateway('SCOPE_MISSING');
  return caller;
}
