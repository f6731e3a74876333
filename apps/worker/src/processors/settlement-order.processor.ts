import { IntegrationError, settleDeliveredOrder, toDecimal } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { FEE_PARTNER_NAME, clearingJournalOf } from '../settlement/clearing-journal.js';

const LOCK_TTL_MS = 30_000;

/**
 * Settlement per order (issue 11): reads the order's amounts from Temu again (what it will pay out
 * may have changed since the order was written) and books invoice payment and fees in Odoo. Holds
 * the order's lock so an order write cannot pay the same invoice at the same moment.
 */
export function settlementOrder(deps: WorkerDeps): ProcessorFn<'settlement.order'> {
  return async ({ shopId, orderRef, taxCollectedByMarketplace }, { log }) => {
    const shop = shopOf(deps, shopId);
    const amounts = await shop.market.getOrderAmounts(orderRef);
    const { token, locked } = await deps.locks.acquire(shopId, [orderRef], LOCK_TTL_MS);
    if (!locked.has(orderRef)) {
      throw new IntegrationError(`order ${orderRef} is being written by another worker`, {
        kind: 'transient',
        code: 'ERR_ORDER_LOCKED',
      });
    }
    try {
      const out = await settleDeliveredOrder(deps.erp, {
        orderRef,
        amounts,
        taxCollectedByMarketplace,
        clearingJournal: clearingJournalOf(shopId),
        feePartnerName: FEE_PARTNER_NAME,
      });
      const owed = out.settlement.owedBySeller;
      log.info({ orderRef, invoiceId: out.invoiceId, feeBillId: out.feeBillId }, 'order settled');
      return {
        orderRef,
        invoiceId: out.invoiceId,
        feeBillId: out.feeBillId,
        owed: `${toDecimal(owed)} ${owed.currency}`,
      };
    } finally {
      await deps.locks.release(shopId, locked, token);
    }
  };
}
