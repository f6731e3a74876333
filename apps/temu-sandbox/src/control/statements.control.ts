import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { SandboxState } from '../state.js';
import { orderMoney } from '../data/order-money.js';
import type { ControlRoute } from './route.js';
import { ControlError, parseInput } from './control-error.js';

/**
 * Delivered orders (5) are paid out; a partially delivered one (51) waits for the rest, like the
 * settlement per order does (docs/temu-api.md "Statements and payouts").
 */
const PAID_OUT = new Set([5]);
const ZERO_DECIMALS = new Set(['JPY', 'KRW']);

type RowKind = 'order' | 'refund' | 'chargeback';

interface PayoutRow {
  kind: RowKind;
  orderSn: string;
  /** Signed: a refund, a lost chargeback are negative. */
  amountMinor: number;
  currency: string;
}
interface Payout {
  id: string;
  date: string;
  rows: PayoutRow[];
}
interface Chargeback {
  parentOrderSn: string;
  amountMinor: number;
  currency: string;
}

/** Payouts already written, and what waits for the next one, per sandbox state (a reseed starts over). */
interface Ledger {
  payouts: Payout[];
  paid: Set<string>;
  /** After-sales cases whose refund was deducted already. */
  refunded: Set<string>;
  /** Chargebacks opened by the control API, not yet in a payout. */
  chargebacks: Chargeback[];
}
const ledgers = new WeakMap<SandboxState, Ledger>();

function ledgerOf(state: SandboxState): Ledger {
  let ledger = ledgers.get(state);
  if (!ledger) {
    ledger = { payouts: [], paid: new Set(), refunded: new Set(), chargebacks: [] };
    ledgers.set(state, ledger);
  }
  return ledger;
}

function decimal(minor: number, currency: string): string {
  if (ZERO_DECIMALS.has(currency)) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const HEADER = ['payout_id', 'payout_date', 'order_ref', 'currency', 'amount', 'type'];

function statementRows(ledger: Ledger): string[][] {
  return ledger.payouts.flatMap((p) =>
    p.rows.map((r) => [p.id, p.date, r.orderSn, r.currency, decimal(r.amountMinor, r.currency), r.kind]),
  );
}

async function xlsxOf(rows: string[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Statement');
  sheet.addRow(HEADER);
  // Amounts as numbers (what Seller Center's export holds), the rest as text.
  for (const r of rows) sheet.addRow([r[0], r[1], r[2], r[3], Number(r[4]), r[5]]);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

/**
 * Pays out what is due: delivered orders no payout has paid yet (Temu's `estimatedRevenue` each),
 * refunds Temu gave buyers of paid-out orders (after-sales cases refunded, status 5: the case's
 * refund total, deducted), and chargebacks opened by the control API (their signed amount). Order
 * rows are cut into payouts of `size`, one currency per payout; deductions go into the first new
 * payout of their currency, or wait for the next statement when none has new orders.
 */
function payOutDue(state: SandboxState, ledger: Ledger, size: number): void {
  const due = [...state.orders.values()]
    .filter((o) => PAID_OUT.has(o.status) && !ledger.paid.has(o.parentOrderSn))
    .sort((a, b) => a.parentOrderSn.localeCompare(b.parentOrderSn));
  const date = new Date().toISOString().slice(0, 10);
  const byCurrency = new Map<string, PayoutRow[]>();
  for (const o of due) {
    const row: PayoutRow = {
      kind: 'order',
      orderSn: o.parentOrderSn,
      amountMinor: orderMoney(o, state.region.taxRate).estimatedRevenue,
      currency: o.currency,
    };
    byCurrency.set(o.currency, [...(byCurrency.get(o.currency) ?? []), row]);
    ledger.paid.add(o.parentOrderSn);
  }
  const fresh = new Map<string, Payout>();
  for (const [currency, rows] of byCurrency)
    for (let i = 0; i < rows.length; i += size) {
      const n = ledger.payouts.length + 1;
      const payout = {
        id: `PAYOUT-${state.region.regionId}-${String(n).padStart(6, '0')}`,
        date,
        rows: rows.slice(i, i + size),
      };
      ledger.payouts.push(payout);
      if (!fresh.has(currency)) fresh.set(currency, payout);
    }
  const refunds = [...state.afterSales.values()]
    .filter(
      (c) =>
        c.kind !== 'cancel' &&
        c.status === 5 &&
        c.refund !== undefined &&
        c.refund.totalMinor > 0 &&
        ledger.paid.has(c.parentOrderSn) &&
        !ledger.refunded.has(c.parentAfterSalesSn),
    )
    .sort((a, b) => a.parentAfterSalesSn.localeCompare(b.parentAfterSalesSn));
  for (const c of refunds) {
    const currency = state.orders.get(c.parentOrderSn)!.currency;
    const payout = fresh.get(currency);
    if (!payout) continue;
    payout.rows.push({
      kind: 'refund',
      orderSn: c.parentOrderSn,
      amountMinor: -c.refund!.totalMinor,
      currency,
    });
    ledger.refunded.add(c.parentAfterSalesSn);
  }
  ledger.chargebacks = ledger.chargebacks.filter((cb) => {
    const payout = ledger.paid.has(cb.parentOrderSn) ? fresh.get(cb.currency) : undefined;
    if (!payout) return true;
    payout.rows.push({
      kind: 'chargeback',
      orderSn: cb.parentOrderSn,
      amountMinor: cb.amountMinor,
      currency: cb.currency,
    });
    return false;
  });
}

const chargebackSchema = z.object({
  parentOrderSn: z.string().min(1),
  /** Signed minor units: negative = a dispute the seller lost (deducted), positive = one won back. */
  amountMinor: z
    .number()
    .int()
    .refine((n) => n !== 0, { message: 'expected a non-zero amount in minor units' }),
});

/**
 * GET /_sandbox/statements[?payoutSize=20][&format=xlsx]: the Seller Center statement file in the
 * importer's default layout (payout_id, payout_date, order_ref, currency, amount, type). Each call
 * first pays out what is due (above), then returns every payout so far (statements overlap, like
 * downloading the same period twice): `csv`, and with `format=xlsx` also `xlsxBase64`, the same
 * rows as a workbook. POST /_sandbox/chargebacks opens a chargeback on an order for the next payout.
 */
export const statementRoutes: ControlRoute[] = [
  {
    method: 'GET',
    path: 'statements',
    handle: async ({ runtime, query }) => {
      const size = Number(query.get('payoutSize') ?? 20);
      if (!Number.isInteger(size) || size < 1 || size > 10_000)
        throw new ControlError(400, 'payoutSize: expected an integer from 1 to 10000');
      const format = query.get('format') ?? 'csv';
      if (format !== 'csv' && format !== 'xlsx') throw new ControlError(400, 'format: expected csv or xlsx');
      const { state } = runtime;
      const ledger = ledgerOf(state);
      payOutDue(state, ledger, size);
      const rows = statementRows(ledger);
      return {
        payouts: ledger.payouts.map((p) => ({
          payoutId: p.id,
          date: p.date,
          orders: p.rows.filter((r) => r.kind === 'order').length,
          refunds: p.rows.filter((r) => r.kind === 'refund').length,
          chargebacks: p.rows.filter((r) => r.kind === 'chargeback').length,
          amountMinor: p.rows.reduce((s, r) => s + r.amountMinor, 0),
          currency: p.rows[0]!.currency,
        })),
        pendingChargebacks: ledger.chargebacks.length,
        csv: `${[HEADER, ...rows].map((r) => r.join(',')).join('\n')}\n`,
        ...(format === 'xlsx' ? { xlsxBase64: await xlsxOf(rows) } : {}),
      };
    },
  },
  {
    method: 'POST',
    path: 'chargebacks',
    handle: ({ runtime, body }) => {
      const input = parseInput(chargebackSchema, body);
      const order = runtime.state.orders.get(input.parentOrderSn);
      if (!order) throw new ControlError(404, `no order ${input.parentOrderSn}`);
      const ledger = ledgerOf(runtime.state);
      ledger.chargebacks.push({ ...input, currency: order.currency });
      return { pendingChargebacks: ledger.chargebacks.length };
    },
  },
];
