import { DAY_MS, IntegrationError, tokenExpiryConditions } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { setGauge } from '@temu-odoo/coordination';

/** Temu has no refresh endpoint: the seller must re-authorise, so the warning comes weeks ahead. */
export const TOKEN_WARN_DAYS = 30;

/**
 * R3: the shop token's expiry as a gauge (`temu_odoo_token_days_to_expiry{shop}`), a warning from
 * 30 days before, and a parked job naming the fix once it has expired.
 */
export function authCheck(deps: WorkerDeps): ProcessorFn<'auth.check'> {
  return async ({ shopId }, { log }) => {
    const shop = shopOf(deps, shopId);
    const { expiresAtMs, scopes } = await shop.market.authorization();
    const days = Math.floor((expiresAtMs - deps.clock.nowMs()) / DAY_MS);
    await setGauge(deps.redis, deps.prefix, `token_days_to_expiry{shop="${shopId}"}`, days);
    // The job's logger already names the shop: log the rest, return it all.
    const checked = {
      daysToExpiry: days,
      expiresAt: new Date(expiresAtMs).toISOString(),
      scopes: scopes.length,
    };
    const summary = { shop: shopId, ...checked };
    // Alerts at 30, 7 and 1 day(s) left, each once (#14); resolved when a new token is in place.
    await deps.health?.alerts?.evaluate(shopId, tokenExpiryConditions(shopId, days), [], deps.clock.nowMs());
    if (days < 0) {
      throw new IntegrationError(
        `the Temu access token of shop ${shopId} expired on ${summary.expiresAt}: the seller must authorise the app again in Seller Center and TEMU_ACCESS_TOKEN (or the shops file) must get the new token`,
        { kind: 'credentials', code: 'ERR_TEMU_TOKEN_EXPIRED' },
      );
    }
    if (days <= TOKEN_WARN_DAYS) {
      log.warn(
        { ...checked, event: 'token_expiring' },
        `Temu token of shop ${shopId} expires in ${days} days: ask the seller to re-authorise`,
      );
    } else {
      log.info(checked, 'Temu token checked');
    }
    return summary;
  };
}
