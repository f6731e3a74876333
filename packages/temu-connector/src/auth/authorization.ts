import { DAY_MS } from '@temu-odoo/core';
import type { TemuClient, TemuRequestOptions } from '../client/temu-client.js';
import type { TemuRegion } from '../client/gateways.js';
import { tokenCreateCall } from '../calls/token-create.call.js';
import { tokenInfoCall } from '../calls/token-info.call.js';

/** Seller Center hosts where a seller authorises an app (docs/temu-api.md §1.2, §7.1). */
export const SELLER_CENTER_URLS: Readonly<Partial<Record<TemuRegion, string>>> = {
  US: 'https://seller.temu.com',
  EU: 'https://seller-eu.temu.com',
  GLOBAL: 'https://seller.temu.com',
};

/**
 * In-app authorisation URL (docs/temu-api.md §7.1 flow 3): the seller consents, then Temu redirects to `redirectUri`
 * with `app_key`, `callback_host`, `code` and `state`. `state` should be unguessable (CSRF).
 */
export function buildAuthorizationUrl(options: {
  appKey: string;
  redirectUri: string;
  state: string;
  region?: TemuRegion;
  sellerCenterUrl?: string;
}): string {
  if (!URL.canParse(options.redirectUri))
    throw new TypeError(`redirectUri must be an absolute URL, got "${options.redirectUri}"`);
  const base = options.sellerCenterUrl ?? SELLER_CENTER_URLS[options.region ?? 'US'];
  if (base === undefined)
    throw new TypeError(`no Seller Center URL known for region ${options.region}; pass sellerCenterUrl`);
  const url = new URL('/open-platform/client-manage/authorization', base);
  url.searchParams.set('appKey', options.appKey);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('state', options.state);
  return url.toString();
}

export interface AuthorizationCallback {
  code: string;
  appKey: string | null;
  state: string | null;
  /** Gateway host of the shop's region, e.g. `openapi-b-us.temu.com`. */
  callbackHost: string | null;
}

/** Reads the redirect Temu sends after consent; checks `state` when one is expected. */
export function parseAuthorizationCallback(
  callbackUrl: string,
  expectedState?: string,
): AuthorizationCallback {
  const params = new URL(callbackUrl, 'http://callback.invalid').searchParams;
  const code = params.get('code');
  if (!code) throw new TypeError('the authorisation callback carries no "code" parameter');
  const state = params.get('state');
  if (expectedState !== undefined && state !== expectedState) {
    throw new TypeError(
      'the authorisation callback "state" does not match the one issued; restart the authorisation',
    );
  }
  return { code, appKey: params.get('app_key'), state, callbackHost: params.get('callback_host') };
}

export interface TokenInfo {
  mallId: string;
  regionId: number | null;
  mallType: 'local' | 'semi' | 'unknown';
  expiresAtMs: number;
  scopes: string[];
}

export interface TokenGrant extends TokenInfo {
  accessToken: string;
}

function mallType(code: number | null | undefined): TokenInfo['mallType'] {
  return code === 100 ? 'local' : code === 1 ? 'semi' : 'unknown';
}

/**
 * Exchanges a one-time code (valid 10 minutes, single use, docs/temu-api.md §7.2) for the shop's access token. Temu
 * wants the code also as `access_token` on this first call. Never retried: a second call with the
 * same code fails (`110020002`).
 */
export async function exchangeAuthorizationCode(
  client: TemuClient,
  code: string,
  options: TemuRequestOptions = {},
): Promise<TokenGrant> {
  const result = await client.call(
    tokenCreateCall,
    { code },
    { ...options, accessToken: code, retry: { maxAttempts: 1 } },
  );
  return {
    accessToken: result.accessToken,
    mallId: result.mallId,
    regionId: result.regionId ?? null,
    mallType: mallType(result.mallType),
    expiresAtMs: result.expiredTime * 1000,
    scopes: result.apiScopeList,
  };
}

/** Scopes and expiry of the client's token (docs/temu-api.md §7.4). */
export async function readTokenInfo(client: TemuClient, options?: TemuRequestOptions): Promise<TokenInfo> {
  const result = await client.call(tokenInfoCall, {}, options);
  return {
    mallId: result.mallId,
    regionId: result.regionId ?? null,
    mallType: mallType(result.mallType),
    expiresAtMs: result.expiredTime * 1000,
    scopes: result.apiScopeList,
  };
}

/** Whole days left before the token expires (negative once expired). No refresh endpoint exists (docs/temu-api.md §7.3): warn early. */
export function daysToExpiry(expiresAtMs: number, nowMs: number = Date.now()): number {
  return Math.floor((expiresAtMs - nowMs) / DAY_MS);
}

/** The API types a feature needs that the token was not granted (3000032 otherwise). */
export function missingScopes(info: Pick<TokenInfo, 'scopes'>, required: readonly string[]): string[] {
  const granted = new Set(info.scopes);
  return required.filter((type) => !granted.has(type));
}
