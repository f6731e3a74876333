import { TEMU_MARKETPLACE_NAME } from '@temu-odoo/temu-connector';
import {
  IntegrationError,
  importOrders,
  resolveErpSku,
  type ImportOrderResult,
  type Order,
} from '@temu-odoo/core';
import type { Logger } from '@temu-odoo/config';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { freeStockBeforeConfirmation, recordOversell } from '../stock/oversell-tracking.js';
import { erpWhileLocked } from './locked-erp.js';
import { erpPayingIntoClearing, taxCollectedByMarketplace } from '../settlement/clearing-journal.js';
import { recordImportLag, recordWrittenOrders } from '../seller-metrics/record-order-events.js';

/** A SIGKILLed holder blocks its orders only this long; a live one renews while it writes. */
const LOCK_TTL_MS = 30_000;
const LOCK_RENEW_MS = 10_000;
const FINISHED = new Set<Order['status']>(['delivered', 'cancelled']);

export interface WriteSummary {
  results: ImportOrderResult[];
  /** Orders another worker was writing at the same time: try again later. */
  busy: Order[];
}

/**
 * The one path by which orders reach Odoo: per-order locks, then the batched import (search by
 * client_order_ref before create), then bookkeeping — the synced version per order, sales for
 * velocity, and the oversell check for orders just confirmed.
 *
 * The locks are renewed while the batch runs, and every Odoo write first checks they are still
 * ours: a writer that lost one (it stalled past the TTL, or Redis failed over) stops with a
 * retryable error before its next write, and the orders go back to be written again later.
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
  // Extends the locks; throws when one is no longer ours (or Redis cannot say).
  const assertHeld = async () => {
    const held = await deps.locks.extend(shopId, locked, token, LOCK_TTL_MS);
    const lost = [...locked].filter((ref) => !held.has(ref));
    if (lost.length) {
      throw new IntegrationError(
        `lost the lock of order(s) ${lost.slice(0, 5).join(', ')} of shop ${shopId} to another worker (stalled past ${LOCK_TTL_MS} ms?): stopped before writing to Odoo; the batch is retried`,
        { kind: 'transient', code: 'ERR_ORDER_LOCK_LOST' },
      );
    }
  };
  const renew = setInterval(() => {
    assertHeld().catch((err: Error) => log.warn({ err: err.message }, 'order lock renewal failed'));
  }, LOCK_RENEW_MS);
  try {
    if (!mine.length) return { results: [], busy };
    // Free stock before confirmation, to tell which confirmed orders could not be fulfilled (R10).
    const freeBefore = await freeStockBeforeConfirmation(deps, shop, mine);
    // Invoices of delivered orders are paid into the shop's clearing journal (settlement per order).
    const erp = erpWhileLocked(erpPayingIntoClearing(deps.erp, shopId), assertHeld);
    const results = await importOrders(mine, {
      erp,
      mapping: deps.settings.skuMapping,
      taxPolicy: deps.settings.taxPolicy,
      marketplaceName: TEMU_MARKETPLACE_NAME,
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
    // Ship-by times and marketplace shipments, deliveries, cancellations for the seller metrics (#14).
    await recordWrittenOrders(
      deps,
      shopId,
      settled.map((r) => byRef.get(r.orderRef)!),
    );
    // A delivered or cancelled order needs nothing more from Temu: forget the buyer's data now.
    await shop.state.forgetOrderData(
      settled
        .map((r) => byRef.get(r.orderRef)!)
        .filter((o) => FINISHED.has(o.status))
        .map((o) => o.orderRef),
    );
    const created = results.filter((r) => r.outcome === 'created').map((r) => byRef.get(r.orderRef)!);
    await recordImportLag(deps, shopId, created);
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
    await enqueueSettlements(deps, shopId, settled, byRef);
    const confirmed = results.filter((r) => r.actions.includes('confirm')).map((r) => byRef.get(r.orderRef)!);
    if (confirmed.length && freeBefore) await recordOversell(deps, shop, confirmed, freeBefore, log);
    return { results, busy };
  } finally {
    clearInterval(renew);
    await deps.locks.release(shopId, locked, token);
  }
}

/** One settlement job per delivered order written (deterministic id: a second write adds none). */
async function enqueueSettlements(
  deps: WorkerDeps,
  shopId: string,
  written: ImportOrderResult[],
  byRef: Map<string, Order>,
): Promise<void> {
  const delivered = written
    .filter((r) => r.outcome !== 'parked' && r.outcome !== 'ignored')
    .map((r) => byRef.get(r.orderRef)!)
    .filter((o) => o.status === 'delivered');
  if (!delivered.length) return;
  await deps.registry.enqueueBulk(
    'settlement.order',
    delivered.map((o) => ({
      data: {
        shopId,
        orderRef: o.orderRef,
        taxCollectedByMarketplace: taxCollectedByMarketplace(o, deps.settings.taxPolicy),
      },
      opts: { jobId: `settle.${shopId}.${o.orderRef}` },
    })),
  );
}
