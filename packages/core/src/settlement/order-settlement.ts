import { BadInputError } from '../errors.js';
import { money, type Money } from '../money.js';

/**
 * What Temu keeps of one order, from its amounts (`bg.order.amount.query`, docs/temu-api.md "Order
 * amounts"): the buyer pays `customerPaid` (the invoice total), Temu announces `estimatedRevenue` for
 * the seller; the difference is what Temu keeps, split so that each part can be booked on its own
 * account:
 * - `marketplaceTax`: tax Temu collects and remits itself (marketplace facilitator / OSS) — not a fee,
 *   it goes to the "collected by the marketplace" account;
 * - `deduction`: `estimatedRevenueDeduction` (penalties, adjustments);
 * - `commission`: the rest (retail − base price margin, net of Temu-funded discounts).
 * invoice − (marketplaceTax + deduction + commission) = estimatedRevenue = what Temu owes the seller.
 */
export interface OrderSettlementAmounts {
  customerPaid: Money;
  estimatedRevenue: Money;
  estimatedRevenueDeduction: Money | null;
  /** Product + shipping tax of the order (Temu `taxTotal`). */
  taxTotal: Money | null;
}

export interface OrderSettlement {
  invoiceTotal: Money;
  marketplaceTax: Money;
  deduction: Money;
  commission: Money;
  /** What Temu owes the seller for this order (the clearing balance it leaves). */
  owedBySeller: Money;
}

export function settleOrder(a: OrderSettlementAmounts, taxCollectedByMarketplace: boolean): OrderSettlement {
  const currency = a.customerPaid.currency;
  for (const m of [a.estimatedRevenue, a.estimatedRevenueDeduction, a.taxTotal]) {
    if (m && m.currency !== currency)
      throw new BadInputError(
        `settlement amounts mix ${currency} and ${m.currency}`,
        'ERR_SETTLEMENT_CURRENCY',
      );
  }
  const kept = a.customerPaid.amountMinor - a.estimatedRevenue.amountMinor;
  const marketplaceTax = taxCollectedByMarketplace ? (a.taxTotal?.amountMinor ?? 0) : 0;
  const deduction = a.estimatedRevenueDeduction?.amountMinor ?? 0;
  const commission = kept - marketplaceTax - deduction;
  if (commission < 0 && kept >= 0) {
    // Temu keeping less than the tax and deductions it names means the amounts do not add up.
    throw new BadInputError(
      `marketplace amounts do not add up: paid ${a.customerPaid.amountMinor}, revenue ${a.estimatedRevenue.amountMinor}, tax ${marketplaceTax}, deduction ${deduction} (${currency} minor units)`,
      'ERR_SETTLEMENT_AMOUNTS',
    );
  }
  return {
    invoiceTotal: a.customerPaid,
    marketplaceTax: money(marketplaceTax, currency),
    deduction: money(deduction, currency),
    commission: money(commission, currency),
    owedBySeller: a.estimatedRevenue,
  };
}
