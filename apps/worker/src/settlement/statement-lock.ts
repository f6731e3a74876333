import { IntegrationError } from '@temu-odoo/core';
import type { WorkerDeps } from '../worker-deps.js';

/** The lock name under the shop's order locks (Temu order refs never look like this). */
const STATEMENTS = '~statements';
const TTL_MS = 60_000;
/** Waited in the job before it is put off (without spending an attempt) to free the worker slot. */
const WAIT_MS = 30_000;
const PUT_OFF_MS = 15_000;

/**
 * One statement booking per shop at a time (issue 11): the ERP books a payout by searching its bank
 * line before creating it, so two imports of overlapping statements (two files dropped together, an
 * upload during a reconcile) must not run at once or both would create the line. The lock is
 * extended while the work runs and expires by itself if its worker dies.
 */
export async function withStatementLock<T>(
  deps: WorkerDeps,
  shopId: string,
  work: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  let token: string | null = null;
  while (token === null) {
    const got = await deps.locks.acquire(shopId, [STATEMENTS], TTL_MS);
    if (got.locked.has(STATEMENTS)) token = got.token;
    else if (Date.now() > deadline)
      throw new IntegrationError(
        `another statement of shop ${shopId} is being booked; trying again shortly`,
        {
          kind: 'not_ready',
          code: 'ERR_STATEMENT_LOCKED',
          retryAfterMs: PUT_OFF_MS,
        },
      );
    else await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const held = token;
  const keep = setInterval(
    () => void deps.locks.extend(shopId, [STATEMENTS], held, TTL_MS).catch(() => undefined),
    TTL_MS / 3,
  );
  try {
    return await work();
  } finally {
    clearInterval(keep);
    await deps.locks.release(shopId, [STATEMENTS], held);
  }
}
