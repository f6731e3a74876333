import { money, type Money } from '../money.js';
import type { ErpJournalRef, ErpPayout, ErpPayoutAdjustment, ErpPort } from '../ports.js';
import { feeBillRef } from './settle-delivered-order.js';
import {
  DEFAULT_STATEMENT_COLUMNS,
  parseStatement,
  refuseUnknownOrders,
  type ParsedStatement,
  type Payout,
  type RejectedPayout,
  type StatementColumns,
} from './statement.js';

export interface ImportStatementInput {
  text: string;
  columns?: StatementColumns;
  /** The seller's bank journal the payouts arrive on. */
  bankJournal: ErpJournalRef;
  /** The shop's clearing journal whose open items the payouts settle. */
  clearingJournal: ErpJournalRef;
}

/** What became of one payout: the report the operator reads. */
export interface PayoutReport {
  payoutId: string;
  date: string;
  currency: string;
  /** Paid out (sum of its rows). */
  amount: Money;
  /** What the ERP's clearing items said was owed for its orders. */
  expected: Money;
  /** amount − expected: 0 when the payout settles its orders exactly. */
  difference: Money;
  /** Order rows; `adjustments` counts its refund, chargeback and fx rows. */
  orders: number;
  adjustments: number;
  ordersMatched: number;
  statementLineId: number;
  alreadyBooked: boolean;
  reconciled: boolean;
  /** What was asked of the ERP: kept while the payout is not reconciled, to match it again later. */
  booking: ErpPayout;
}

export interface StatementReport {
  payouts: PayoutReport[];
  rejected: RejectedPayout[];
}

/** The bank line label of a payout (unique per payout id: a second import finds it). */
export function payoutRef(payoutId: string): string {
  return `Payout ${payoutId}`;
}

/**
 * The clearing reference a non-order row is booked under: a refund once per order (its credit
 * note is paid once), a chargeback per payout and order, an exchange difference per payout.
 */
export function adjustmentRef(kind: ErpPayoutAdjustment['kind'], payoutId: string, orderRef: string): string {
  if (kind === 'refund') return `REFUND-${orderRef}`;
  if (kind === 'chargeback') return `CHARGEBACK-${payoutId}-${orderRef}`;
  return `FX-${payoutId}`;
}

function adjustmentsOf(p: Payout): ErpPayoutAdjustment[] {
  return p.rows
    .filter((r) => r.kind !== 'order')
    .map((r) => ({
      kind: r.kind as ErpPayoutAdjustment['kind'],
      ref: adjustmentRef(r.kind as ErpPayoutAdjustment['kind'], p.payoutId, r.orderRef),
      orderRef: r.orderRef,
      amount: r.amount,
      line: r.line,
    }));
}

/**
 * Imports a payout statement (issue 11): rows checked one by one (a bad row refuses its payout,
 * naming the line), orders checked against the ERP, then every accepted payout booked on the bank
 * journal and reconciled against the clearing items of its orders — in one batch. A payout booked
 * by an earlier import is reported as such and not booked again.
 */
export async function importStatement(erp: ErpPort, input: ImportStatementInput): Promise<StatementReport> {
  return importParsedStatement(
    erp,
    input,
    parseStatement(input.text, input.columns ?? DEFAULT_STATEMENT_COLUMNS),
  );
}

/** The same for rows already read (a spreadsheet): orders checked, payouts booked and matched. */
export async function importParsedStatement(
  erp: ErpPort,
  input: Omit<ImportStatementInput, 'text' | 'columns'>,
  parsed: ParsedStatement,
): Promise<StatementReport> {
  const refs = [
    ...new Set(parsed.payouts.flatMap((p) => p.rows.filter((r) => r.kind !== 'fx').map((r) => r.orderRef))),
  ];
  const known = new Set((await erp.findOrdersByRefs(refs)).map((o) => o.orderRef));
  const checked = refuseUnknownOrders(parsed, known);
  const asked = new Map<string, ErpPayout>(
    checked.payouts.map((p) => [
      p.payoutId,
      {
        ref: payoutRef(p.payoutId),
        date: p.date,
        amount: p.total,
        orders: p.rows
          .filter((r) => r.kind === 'order')
          .map((r) => ({
            orderRef: r.orderRef,
            clearingRefs: [r.orderRef, feeBillRef(r.orderRef)],
          })),
        adjustments: adjustmentsOf(p),
      },
    ]),
  );
  const bookings = await erp.bookPayouts({
    bankJournal: input.bankJournal,
    clearingJournal: input.clearingJournal,
    payouts: [...asked.values()],
  });
  const byRef = new Map(bookings.map((b) => [b.ref, b]));
  const refusedByErp = (p: Payout) => byRef.get(payoutRef(p.payoutId))?.refused ?? [];
  return {
    rejected: [
      ...checked.rejected,
      ...checked.payouts
        .filter((p) => refusedByErp(p).length > 0)
        .map((p) => ({ payoutId: p.payoutId, problems: refusedByErp(p) })),
    ],
    payouts: checked.payouts
      .filter((p) => refusedByErp(p).length === 0)
      .map((p) => {
        const b = byRef.get(payoutRef(p.payoutId))!;
        return {
          payoutId: p.payoutId,
          date: p.date,
          currency: p.currency,
          amount: p.total,
          expected: b.expected,
          difference: money(p.total.amountMinor - b.expected.amountMinor, p.currency),
          orders: p.rows.filter((r) => r.kind === 'order').length,
          adjustments: p.rows.length - p.rows.filter((r) => r.kind === 'order').length,
          ordersMatched: b.ordersMatched,
          statementLineId: b.statementLineId,
          alreadyBooked: b.alreadyBooked,
          reconciled: b.reconciled,
          booking: asked.get(p.payoutId)!,
        };
      }),
  };
}
