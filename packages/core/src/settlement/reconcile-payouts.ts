import { money, type Money } from '../money.js';
import type { ErpJournalRef, ErpPayout, ErpPort } from '../ports.js';

/** A payout booked earlier whose bank line is not fully matched yet (an order not settled then). */
export interface UnmatchedPayout {
  payoutId: string;
  /** What was asked of the ERP when the statement was imported. */
  booking: ErpPayout;
  /** Orders matched by earlier attempts. */
  ordersMatched: number;
}

export interface PayoutRecheck {
  payoutId: string;
  /** What its orders owe, counting what earlier attempts matched. */
  expected: Money;
  /** Paid out − expected: 0 once every order it pays is settled. */
  difference: Money;
  ordersMatched: number;
  reconciled: boolean;
}

/**
 * Matches again payouts whose bank line is not fully reconciled (issue 11): an order not yet
 * delivered or settled when its statement was imported had no clearing items then; once settled,
 * its items are matched against the payout's remaining amount. Books nothing new (the bank lines
 * exist; adjustments were booked with them), so it may run as often as wanted.
 */
export async function reconcilePayouts(
  erp: ErpPort,
  input: { bankJournal: ErpJournalRef; clearingJournal: ErpJournalRef; payouts: UnmatchedPayout[] },
): Promise<PayoutRecheck[]> {
  if (input.payouts.length === 0) return [];
  const bookings = await erp.bookPayouts({
    bankJournal: input.bankJournal,
    clearingJournal: input.clearingJournal,
    payouts: input.payouts.map((p) => p.booking),
  });
  const byRef = new Map(bookings.map((b) => [b.ref, b]));
  return input.payouts.map((p) => {
    const b = byRef.get(p.booking.ref)!;
    const amount = p.booking.amount;
    return {
      payoutId: p.payoutId,
      expected: b.expected,
      difference: money(amount.amountMinor - b.expected.amountMinor, amount.currency),
      // Orders matched now are those with open items; the earlier ones had theirs matched already.
      ordersMatched: Math.min(p.booking.orders.length, p.ordersMatched + b.ordersMatched),
      reconciled: b.reconciled,
    };
  });
}
