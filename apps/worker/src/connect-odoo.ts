import { isIntegrationError } from '@temu-odoo/core';
import type { Logger } from '@temu-odoo/config';
import type { OdooConnection, OdooSession } from '@temu-odoo/odoo-client';

/**
 * Start-up check of Odoo. Wrong credentials or an unknown database end the worker with one line
 * (nothing will fix itself); an Odoo that is down or restarting is waited for, so a fleet started
 * before its ERP — or during an ERP outage — comes up by itself.
 */
export async function connectOdoo(
  odoo: OdooConnection,
  log: Logger,
  signal?: AbortSignal,
): Promise<OdooSession> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await odoo.connect();
    } catch (err) {
      const waitable = isIntegrationError(err) && (err.kind === 'transient' || err.kind === 'throttled');
      if (!waitable || signal?.aborted) throw err;
      const waitMs = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
      log.warn({ attempt, waitMs, reason: (err as Error).message }, 'Odoo is not reachable yet; waiting');
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
