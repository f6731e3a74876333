import { BadInputError } from '../errors.js';
import type { ErpFeeLine, ErpJournalRef, ErpOrderSettlementResult, ErpPort, OrderAmounts } from '../ports.js';
import { settleOrder, type OrderSettlement } from './order-settlement.js';

export interface SettleDeliveredOrderInput {
  orderRef: string;
  /** The marketplace amounts of the order, read when it was delivered. */
  amounts: OrderAmounts;
  /** The destination's tax is collected and remitted by the marketplace (tax policy). */
  taxCollectedByMarketplace: boolean;
  clearingJournal: ErpJournalRef;
  feePartnerName: string;
}

export interface SettledOrder extends ErpOrderSettlementResult {
  orderRef: string;
  settlement: OrderSettlement;
}

/** The fee bill's reference: one bill per order, found again by it on a retry. */
export function feeBillRef(orderRef: string): string {
  return `FEES-${orderRef}`;
}

/** The bill lines of what the marketplace keeps (zero parts left out). */
export function feeLinesOf(orderRef: string, s: OrderSettlement): ErpFeeLine[] {
  const lines: ErpFeeLine[] = [
    {
      kind: 'collected_tax',
      label: `Tax collected by the marketplace, order ${orderRef}`,
      amount: s.marketplaceTax,
    },
    { kind: 'deduction', label: `Marketplace deductions, order ${orderRef}`, amount: s.deduction },
    { kind: 'commission', label: `Marketplace commission, order ${orderRef}`, amount: s.commission },
  ];
  return lines.filter((l) => l.amount.amountMinor !== 0);
}

/**
 * Settlement of one delivered order: the invoice is paid into the shop's clearing journal and what
 * the marketplace keeps becomes a fee bill paid from it, so the clearing balance of the order is
 * invoice − fees = what the marketplace owes (docs/odoo-api.md "Settlement per order"). Idempotent:
 * the ERP adapter skips what is already booked.
 */
export async function settleDeliveredOrder(
  erp: ErpPort,
  input: SettleDeliveredOrderInput,
): Promise<SettledOrder> {
  const { amounts, orderRef } = input;
  if (!amounts.revenue || !amounts.total) {
    throw new BadInputError(
      `order ${orderRef}: the marketplace gives no revenue figures (customer paid / seller revenue), so its fees cannot be booked per order; settle it from the payout statement`,
      'ERR_SETTLEMENT_NO_REVENUE',
      { orderRef },
    );
  }
  const settlement = settleOrder(
    {
      customerPaid: amounts.total,
      estimatedRevenue: amounts.revenue.sellerRevenue,
      estimatedRevenueDeduction: amounts.revenue.deduction,
      taxTotal: amounts.revenue.taxTotal,
    },
    input.taxCollectedByMarketplace,
  );
  const result = await erp.settleOrder({
    orderRef,
    clearingJournal: input.clearingJournal,
    feePartnerName: input.feePartnerName,
    billRef: feeBillRef(orderRef),
    fees: feeLinesOf(orderRef, settlement),
  });
  return { orderRef, settlement, ...result };
}
