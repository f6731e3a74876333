import { importOrders, resolveErpSku, type ImportOrderResult, type Order } from '@temu-odoo/core';
import type { Logger } from '@temu-odoo/config';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { freeStockBeforeConfirmation, recordOversell } from '../stock/oversell-tracking.js';

/** A SIGKILLed holder blocks its orders only this long; a live one renews while it writes. */
const LOCK_TTL_MS = 30_000;
const LOCK_RENEW_MS = 10_000;

export interface WriteSummary {
  results: ImportOrderResult[];
  /** Orders another worker was writing at the same time: try again later. */
  busy: Order[];
}

/**
 * The one path by which orders reach Odoo: per-order locks, then the batched import (search by
 * client_order_ref before create), then bookkeeping — the synced version per order, sales for
 * velocity, and the oversell check for orders just confirmed.
 */
export async function writeOrders(
  deps: WorkerDeps,
  shopId: string,
  orders: Order[],
  log: Logger,
): Promise<WriteSummary> {
  const shop = shopOf(deps, shopId);
  const { token, locked } = await deps.locks.acquire(
    shopId,
    orders.map((o) => o.orderRef),
    LOCK_TTL_MS,
  );
  const mine = orders.filter((o) => locked.has(o.orderRef));
  const busy = orders.filter((o) => !locked.has(o.orderRef));
  const renew = setInterval(() => {
    void deps.locks.extend(shopId, locked, token, LOCK_TTL_MS).catch(() => undefined);
  }, LOCK_RENEW_MS);
  try {
    if (!mine.length) return { results: [], busy };
    // Free stock before confirmation, to tell which confirmed orders could not be fulfilled (R10).
    const freeBefore = await freeStockBeforeConfirmation(deps, shop, mine);
    const results = await importOrders(mine, {
      erp: deps.erp,
      mapping: deps.settings.skuMapping,
      taxPolicy: deps.settings.taxPolicy,
      log,
    });
    const byRef = new Map(mine.map((o) => [o.orderRef, o]));
    const settled = results.filter((r) => r.outcome !== 'failed');
    await shop.state.markSynced(
      settled.map((r) => {
        const { updatedAtMs, status } = byRef.get(r.orderRef)!;
        return { orderRef: r.orderRef, updatedAtMs, status };
      }),
    );
    const created = results.filter((r) => r.outcome === 'created').map((r) => byRef.get(r.orderRef)!);
    await shop.state.recordSales(
      created.flatMap((o) =>
        o.lines
          .filter((l) => l.quantity > 0)
          .map((l) => ({
            sku: resolveErpSku(l, deps.settings.skuMapping) ?? l.skuId,
            quantity: l.quantity,
            atMs: o.createdAtMs,
          })),
      ),
    );
    const confirmed = results.filter((r) => r.actions.includes('confirm')).map((r) => byRef.get(r.orderRef)!);
    if (confirmed.length && freeBefore) await recordOversell(deps, shop, confirmed, freeBefore, log);
    return { results, busy };
  } finally {
    clearInterval(renew);
    await deps.locks.release(shopId, locked, token);
  }
}
