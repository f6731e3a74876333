import {
  TEMU_ERROR_CODES,
  TemuBadInputError,
  TemuBusinessError,
  TemuCredentialsError,
  TemuNotReadyError,
  TemuThrottledError,
  TemuTransientError,
} from '../errors.js';
import type { TemuError, TemuErrorContext } from '../errors.js';

/** Gateway codes (docs/temu-api.md §5.1) and business codes (docs/temu-api.md §5.2) that need special handling. */
export const TEMU_CODES = {
  success: 1000000,
  badParams: 3000000,
  signInvalid: 3000001,
  scopeMissing: 3000032,
  tokenExpired: 3000034,
  systemException: 4000000,
  rateLimited: 4000004,
  businessServiceError: 7000000,
  amountsCalculating: 140020008,
  orderFieldsCalculating: 140020009,
} as const;

/** What the seller or operator must do, per credential/configuration code (docs/temu-api.md §5.1, §7). */
const CREDENTIAL_ADVICE: Readonly<Record<number, string>> = {
  2000000:
    'Temu reported an internal API failure for this app (BUSINESS_EXCEPTION): check the app status in the Partner Platform, then retry the job.',
  3000001:
    'Temu rejected the request signature: check that the configured app secret belongs to the configured app key and region (error SOP 3000001).',
  3000002: 'the request carried no API type: this is a connector bug, report it.',
  3000003: 'Temu does not know this API type in this region: check the shop region/gateway.',
  3000004: 'Temu has sunset this API type: upgrade the connector to the replacement API.',
  3000010: 'the request carried no timestamp: this is a connector bug, report it.',
  3000011: 'the request timestamp is ahead of Temu by more than 300 s: fix the server clock (NTP).',
  3000012: 'the request timestamp is behind Temu by more than 300 s: fix the server clock (NTP).',
  3000013: 'the request carried no data_type: this is a connector bug, report it.',
  3000014: 'the request data_type was not JSON: this is a connector bug, report it.',
  3000025: 'the request carried no app key: configure TEMU_APP_KEY.',
  3000026: 'Temu does not know this app key: check TEMU_APP_KEY and that it belongs to this region.',
  3000027: 'the app has no permission for this API: request it for the app in the Partner Platform.',
  3000028: 'the app key is suspended: contact Temu partner support.',
  3000030: 'the request carried no access token: configure the shop access token.',
  3000031:
    'Temu does not know this access token: ask the seller to authorise the app again and store the new token.',
  3000032:
    'the shop access token does not include this API: ask the seller to authorise it in Seller Center (System management → Authorization management) and share the new access token; whitelisted APIs (amounts, prices) must first be enabled for the shop by its Temu BD.',
  3000033: 'the access token belongs to another app: store the token issued for this app key.',
  3000034:
    'the shop access token has expired or was replaced by a newer authorisation: ask the seller to re-authorise the app in Seller Center and store the new access token.',
  3000040: 'the request carried no sign: this is a connector bug, report it.',
  5000000:
    'Temu does not allow this shop for the app (AUTHORIZE_NOT_ALLOW): ask the seller to authorise the app again.',
  5000002: 'Temu refused a non-production environment: check the gateway URL.',
  5000003: "the server's IP address is not on the app's IP whitelist: add it in the Partner Platform.",
  6000001: 'Temu could not route this API type: check the gateway region for this shop.',
};

function credentialCode(code: number) {
  if (code === TEMU_CODES.signInvalid) return TEMU_ERROR_CODES.sign;
  if (code === TEMU_CODES.scopeMissing) return TEMU_ERROR_CODES.scope;
  if (code === TEMU_CODES.tokenExpired) return TEMU_ERROR_CODES.tokenExpired;
  return TEMU_ERROR_CODES.credentials;
}

/** Business codes that really mean "try again later" (docs/temu-api.md §5.2: "System error", "Try again later"). */
const TRANSIENT_BUSINESS = new Set([110020001, 150010002, 150010005]);

const CN_BUSINESS_CODES: ReadonlySet<number> = new Set([2_000_000, 2_000_039]);
const CN_BUSINESS_TYPES = /^bg\.(btg\.|purchaseorder|shiporder|logistics\.boxmarkinfo)/;

/**
 * `bg.purchaseorder.apply` refuses with its own short codes (1001 price review, 1002 above advised,
 * 1007 zero, 1008 delisted, 61001 daily cap …; docs/temu-api.md "Selling models"): business
 * refusals of this application, for a person to act on, not app or token problems.
 */
const APPLY_BUSINESS_CODES: ReadonlySet<number> = new Set([
  1001, 1002, 1007, 1008, 1009, 1011, 2001, 2002, 2004, 2008, 2010, 2016, 4007, 5005, 61001,
]);

/** Turns a failed Temu envelope into the typed error of its code family. */
export function classifyEnvelopeError(errorCode: number, errorMsg: string, ctx: TemuErrorContext): TemuError {
  const remote = { ...ctx, remoteCode: String(errorCode), remoteMessage: errorMsg };
  const quoted = `Temu ${ctx.type} failed with ${errorCode}${errorMsg ? ` "${errorMsg}"` : ''}`;

  if (errorCode === TEMU_CODES.rateLimited) {
    return new TemuThrottledError(
      `${quoted}: the ${ctx.group} quota or app-key rate is exhausted; slow down.`,
      remote,
    );
  }
  if (
    errorCode === TEMU_CODES.systemException ||
    errorCode === TEMU_CODES.businessServiceError ||
    TRANSIENT_BUSINESS.has(errorCode)
  ) {
    return new TemuTransientError(`${quoted}: Temu-side failure, retry later.`, remote);
  }
  if (errorCode === TEMU_CODES.amountsCalculating || errorCode === TEMU_CODES.orderFieldsCalculating) {
    return new TemuNotReadyError(`${quoted}: Temu is still calculating this order; retry later.`, remote);
  }
  if (errorCode === TEMU_CODES.badParams) {
    return new TemuBadInputError(`${quoted}: Temu rejected the request parameters.`, {
      ...remote,
      code: TEMU_ERROR_CODES.badParams,
    });
  }
  // 9-digit codes starting with 1 are API-specific business errors (docs/temu-api.md §5.2).
  if (errorCode >= 100_000_000 && errorCode < 200_000_000) {
    return new TemuBusinessError(quoted, remote);
  }
  // The CN/PARTNER stock, purchase and ship order calls answer input problems with 2000000 ("business
  // error: fix the input per the message") and 2000039 (virtual stock cannot be added now): business
  // refusals of this request, not an app problem (docs/temu-api.md "Selling models").
  if (CN_BUSINESS_CODES.has(errorCode) && CN_BUSINESS_TYPES.test(ctx.type)) {
    return new TemuBusinessError(quoted, remote);
  }
  if (ctx.type === 'bg.purchaseorder.apply' && APPLY_BUSINESS_CODES.has(errorCode)) {
    return new TemuBusinessError(quoted, remote);
  }
  // Everything else (2xxxxxx, 3xxxxxx, 5xxxxxx, 6xxxxxx, CN-gateway 7xxxxxx) is configuration or
  // authorisation: retrying cannot help; someone must act.
  const advice =
    CREDENTIAL_ADVICE[errorCode] ??
    'Temu refused the app or token: check the app key, secret, shop token and region.';
  return new TemuCredentialsError(`${quoted}: ${advice}`, { ...remote, code: credentialCode(errorCode) });
}
