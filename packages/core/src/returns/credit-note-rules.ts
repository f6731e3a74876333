import { BadInputError } from '../errors.js';
import { money, type Money } from '../money.js';
import type { CaseRefund } from './return-case.js';

/**
 * How a case's credit note reaches the marketplace's refund to the cent (money exact: the books
 * say what the buyer got back). The goods are credited at their invoiced price; these rules give
 * the other lines and the closing difference.
 */

export type RefundChargeKind = 'shipping' | 'seller_discount' | 'marketplace_discount';

/** The non-goods lines to credit, signed as on the invoice (discounts negative); zero shares left out. */
export function refundCharges(refund: CaseRefund): Array<{ kind: RefundChargeKind; amount: Money }> {
  const out: Array<{ kind: RefundChargeKind; amount: Money }> = [];
  const add = (kind: RefundChargeKind, m: Money, sign: 1 | -1) => {
    if (m.currency !== refund.total.currency)
      throw new BadInputError(
        `refund ${kind} is in ${m.currency}, the refund in ${refund.total.currency}`,
        'ERR_RETURN_REFUND_CURRENCY',
      );
    if (m.amountMinor !== 0) out.push({ kind, amount: money(sign * Math.abs(m.amountMinor), m.currency) });
  };
  add('shipping', refund.shipping, 1);
  add('seller_discount', refund.sellerDiscount, -1);
  add('marketplace_discount', refund.marketplaceDiscount, -1);
  return out;
}

/**
 * What a closing (untaxed) line must add so the ERP's credit note equals the refund. The ERP rounds
 * tax per line (or globally), the marketplace its own way: up to one minor unit per taxed line is
 * rounding and is closed; anything more means the note and the refund disagree on what was
 * refunded, and the case is parked before the note is posted.
 */
export function refundClosingMinor(
  caseRef: string,
  refund: CaseRefund,
  erpTotal: Money,
  taxedLines: number,
): number {
  if (erpTotal.currency !== refund.total.currency)
    throw new BadInputError(
      `case ${caseRef}: the credit note is in ${erpTotal.currency}, the refund in ${refund.total.currency}`,
      'ERR_RETURN_REFUND_CURRENCY',
    );
  const diff = refund.total.amountMinor - erpTotal.amountMinor;
  if (Math.abs(diff) > Math.max(1, taxedLines))
    throw new BadInputError(
      `case ${caseRef}: the marketplace refunded ${refund.total.amountMinor} ${refund.total.currency} (minor units) but the credit note for the same lines comes to ${erpTotal.amountMinor}; check the invoice's prices against the order on the marketplace`,
      'ERR_RETURN_REFUND_MISMATCH',
    );
  return diff;
}
