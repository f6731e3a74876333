import { randomBytes } from 'node:crypto';
import { ApiError, BUSINESS } from '../error-codes.js';
import type { TokenRecord } from '../data/model.js';
import type { SandboxState } from '../state.js';
import type { Handler } from './handler.js';
import { Params } from './params.js';

const YEAR_S = 365 * 24 * 3600;
const CODE_TTL_MS = 10 * 60_000;
const WEBHOOK_EVENTS = [
  'bg_order_status_change_event',
  'bg_trade_logistics_address_changed',
  'bg_aftersales_status_change',
  'bg_cancel_order_status_change',
];

function tokenInfo(state: SandboxState, token: TokenRecord) {
  return {
    expiredTime: token.expiresAt,
    mallId: token.mallId,
    mallType: 100,
    semiUniqueId: null,
    regionId: state.region.regionId,
    apiScopeList: [...token.scopes].sort(),
    appSubscribeEventCodeList: state.webhookUrl ? WEBHOOK_EVENTS : [],
    appSubscribeStatus: 0,
    authEventCodeList: WEBHOOK_EVENTS.map((eventCode) => ({ eventCode, permitsStatus: 1 })),
  };
}

/** Issues a one-time authorisation code, as the seller's consent redirect would (docs/temu-api.md §7.1). */
export function issueAuthCode(state: SandboxState, appKey: string): { code: string; expiresAtMs: number } {
  const code = randomBytes(16).toString('hex');
  const expiresAtMs = Date.now() + CODE_TTL_MS;
  state.codes.set(code, { code, appKey, expiresAtMs, used: false });
  return { code, expiresAtMs };
}

/**
 * bg.open.accesstoken.create (docs/temu-api.md §7.2): the code is single use, valid 10 minutes, bound to the app.
 * A new token for the mall supersedes earlier tokens created through codes (they answer 3000034);
 * the configured token stays valid so the fleet's own credentials keep working.
 */
export const createToken: Handler = ({ state, body, caller, nowMs }) => {
  const p = new Params(body, BUSINESS.AUTH_CODE_INVALID);
  const code = p.str('code', true)!;
  const record = state.codes.get(code);
  if (!record || record.used || record.expiresAtMs < nowMs || record.appKey !== caller.appKey) {
    throw new ApiError(
      BUSINESS.AUTH_CODE_INVALID,
      'code is invalid, expired or already used; ask the seller to authorize again',
    );
  }
  record.used = true;
  for (const t of state.tokens.values()) {
    if (t.accessToken !== state.config.accessToken && t.appKey === caller.appKey) t.revoked = true;
  }
  const token: TokenRecord = {
    accessToken: randomBytes(27).toString('hex').slice(0, 54),
    appKey: caller.appKey,
    mallId: state.mallId,
    expiresAt: Math.floor(nowMs / 1000) + YEAR_S,
    revoked: false,
    scopes: state.defaultScopes(),
  };
  state.tokens.set(token.accessToken, token);
  return {
    accessToken: token.accessToken,
    ...tokenInfo(state, token),
    associatedMallTokenList: [],
  };
};

export const tokenInfoGet: Handler = ({ state, caller }) => {
  const token = state.tokens.get(caller.accessToken)!;
  return tokenInfo(state, token);
};
