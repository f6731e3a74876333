/**
 * Temu gateways (docs/temu-api.md §1.1). Every API is a POST to `<gateway>/openapi/router`; the `type`
 * body field selects the API. Key, secret, token and gateway must belong to the same region (docs/temu-api.md §1.1).
 */
export type TemuRegion = 'US' | 'EU' | 'GLOBAL' | 'PARTNER' | 'CN';

export const TEMU_REGIONS: readonly TemuRegion[] = ['US', 'EU', 'GLOBAL', 'PARTNER', 'CN'];

export const TEMU_GATEWAYS: Readonly<Record<TemuRegion, string>> = {
  US: 'https://openapi-b-us.temu.com',
  EU: 'https://openapi-b-eu.temu.com',
  GLOBAL: 'https://openapi-b-global.temu.com',
  PARTNER: 'https://openapi-b-partner.temu.com',
  CN: 'https://openapi.kuajingmaihuo.com',
};

export const ROUTER_PATH = '/openapi/router';

/**
 * The router URL for a shop. `baseUrl` (a sandbox or proxy) wins over the region; it may be given
 * with or without the `/openapi/router` path.
 */
export function routerUrl(options: { region?: TemuRegion; baseUrl?: string }): string {
  if (options.baseUrl !== undefined) {
    if (!URL.canParse(options.baseUrl)) {
      throw new TypeError(`Temu baseUrl must be an absolute http(s) URL, got "${options.baseUrl}"`);
    }
    const trimmed = options.baseUrl.replace(/\/+$/, '');
    return trimmed.endsWith(ROUTER_PATH) ? trimmed : `${trimmed}${ROUTER_PATH}`;
  }
  const region = options.region ?? 'US';
  const gateway = TEMU_GATEWAYS[region];
  if (gateway === undefined) {
    throw new TypeError(
      `unknown Temu region "${String(region)}"; expected one of ${TEMU_REGIONS.join(', ')}`,
    );
  }
  return `${gateway}${ROUTER_PATH}`;
}
