import type { SandboxState } from '../state.js';
import { orderMoney } from '../data/order-money.js';
import type { ControlRoute } from './route.js';
import { ControlError } from './control-error.js';

/**
 * Delivered orders (5) are paid out; a partially delivered one (51) waits for the rest, like the
 * settlement per order does (docs/temu-api.md "Statements and payouts").
 */
const PAID_OUT = new Set([5]);
const ZERO_DECIMALS = new Set(['JPY', 'KRW']);

interface PayoutRow {
  orderSn: string;
  amountMinor: number;
  currency: string;
}
interface Payout {
  id: string;
  date: string;
  rows: PayoutRow[];
}

/** Payouts already written, per sandbox state (a reseed starts over). */
const ledgers = new WeakMap<SandboxState, { payouts: Payout[]; paid: Set<string> }>();

function decimal(minor: number, currency: string): string {
  if (ZERO_DECIMALS.has(currency)) return String(minor);
  return `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/**
 * GET /_sandbox/statements[?payoutSize=20]: the Seller Center statement file as CSV (default layout
 * of the importer: payout_id, payout_date, order_ref, currency, amount). Each call first pays out the
 * delivered orders no payout has paid yet, `payoutSize` orders per payout and one currency per payout,
 * each row Temu's `estimatedRevenue` for the order; then returns every payout so far (statements
 * overlap, like downloading the same period twice).
 */
export const statementRoutes: ControlRoute[] = [
  {
    method: 'GET',
    path: 'statements',
    handle: ({ runtime, query }) => {
      const size = Number(query.get('payoutSize') ?? 20);
      if (!Number.isInteger(size) || size < 1 || size > 10_000)
        throw new ControlError(400, 'payoutSize: expected an integer from 1 to 10000');
      const { state } = runtime;
      let ledger = ledgers.get(state);
      if (!ledger) {
        ledger = { payouts: [], paid: new Set() };
        ledgers.set(state, ledger);
      }
      const due = [...state.orders.values()]
        .filter((o) => PAID_OUT.has(o.status) && !ledger.paid.has(o.parentOrderSn))
        .sort((a, b) => a.parentOrderSn.localeCompare(b.parentOrderSn));
      const date = new Date().toISOString().slice(0, 10);
      const byCurrency = new Map<string, PayoutRow[]>();
      for (const o of due) {
        const row = {
          orderSn: o.parentOrderSn,
          amountMinor: orderMoney(o, state.region.taxRate).estimatedRevenue,
          currency: o.currency,
        };
        byCurrency.set(o.currency, [...(byCurrency.get(o.currency) ?? []), row]);
        ledger.paid.add(o.parentOrderSn);
      }
      for (const rows of byCurrency.values())
        for (let i = 0; i < rows.length; i += size) {
          const n = ledger.payouts.length + 1;
          ledger.payouts.push({
            id: `PAYOUT-${state.region.regionId}-${String(n).padStart(6, '0')}`,
            date,
            rows: rows.slice(i, i + size),
          });
        }
      const lines = ['payout_id,payout_date,order_ref,currency,amount'];
      for (const p of ledger.payouts)
        for (const r of p.rows)
          lines.push([p.id, p.date, r.orderSn, r.currency, decimal(r.amountMinor, r.currency)].join(','));
      return {
        payouts: ledger.payouts.map((p) => ({
          payoutId: p.id,
          date: p.date,
          orders: p.rows.length,
          amountMinor: p.rows.reduce((s, r) => s + r.amountMinor, 0),
          currency: p.rows[0]!.currency,
        })),
        csv: `${lines.join('\n')}\n`,
      };
    },
  },
];
