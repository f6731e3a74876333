import { toDecimal, type ErpPayout, type ErpPayoutAdjustment } from '@temu-odoo/core';
import type { OdooConnection } from '../odoo-connection.js';
import { postAndPay } from './invoicing.js';
import type { OdooCurrencies } from './currencies.js';
import type { OdooSettlement } from './settlement.js';

/** Chargebacks the marketplace takes back (or returns) book against this expense account. */
export const CHARGEBACK_ACCOUNT = { code: '600900', name: 'Marketplace chargebacks' } as const;
/** Exchange differences: the generic chart's gain and loss accounts (created when the chart lacks them). */
export const FX_GAIN_ACCOUNT = { code: '441000', name: 'Foreign Exchange Gain' } as const;
export const FX_LOSS_ACCOUNT = { code: '641000', name: 'Foreign Exchange Loss' } as const;

interface CreditNoteRow {
  id: number;
  state: string;
  payment_state: string;
  ref: string | false;
}

export type Refusals = Map<string, Array<{ line: number; reason: string }>>;

/**
 * The non-order rows of payouts onto the clearing account (docs/odoo-api.md "Payouts"), before the
 * payouts are matched:
 * - refund: the order's posted credit note paid from the clearing journal (memo = the row's ref),
 *   so the refund leaves the clearing balance like it left the payout;
 * - chargeback: an entry clearing ↔ {@link CHARGEBACK_ACCOUNT} (a loss when negative);
 * - fx: an entry clearing ↔ the exchange gain (positive) or loss (negative) account.
 * A ref that already has a clearing item is skipped (replay). A refund whose credit note is missing,
 * or was paid outside the clearing journal, refuses its payout before anything of it is booked. A
 * credit note the returns flow paid out of the clearing journal carries the same ref (credit-notes.ts):
 * its item is already on the clearing account, so the row is skipped here and matched with the payout.
 */
export async function bookAdjustments(
  conn: OdooConnection,
  settlement: OdooSettlement,
  clearing: { journalId: number; accountId: number },
  payouts: ErpPayout[],
  alreadyOnClearing: ReadonlySet<string>,
  currencies: OdooCurrencies,
): Promise<{ refused: Refusals; booked: number }> {
  const refused: Refusals = new Map();
  const todo = payouts.flatMap((p) =>
    (p.adjustments ?? []).filter((a) => !alreadyOnClearing.has(a.ref)).map((a) => ({ payout: p, a })),
  );
  if (todo.length === 0) return { refused, booked: 0 };
  const refunds = todo.filter((t) => t.a.kind === 'refund');
  const notes = await creditNotesByOrder(
    conn,
    refunds.map((t) => t.a.orderRef),
  );
  // Refunds already on the clearing account and matched by an earlier payout (the open ones were
  // skipped above): a second payout deducting the same refund is refused as such.
  const matchedBefore = new Set(
    refunds.length === 0
      ? []
      : (
          await conn.searchRead<{ ref: string | false }>(
            'account.move.line',
            [
              ['account_id', '=', clearing.accountId],
              ['ref', 'in', refunds.map((t) => t.a.ref)],
            ],
            ['ref'],
          )
        ).map((l) => l.ref),
  );
  for (const { payout, a } of refunds) {
    const note = notes.get(a.orderRef);
    let reason: string | null = null;
    if (matchedBefore.has(a.ref))
      reason = `refund for order ${a.orderRef}: already deducted by an earlier payout (${a.ref} is matched on the clearing account)`;
    else if (!note)
      reason = `refund for order ${a.orderRef}: Odoo has no posted credit note for it yet (book the after-sales case, then settlement.reconcile retries the payout)`;
    else if (note.payment_state === 'paid' || note.payment_state === 'in_payment')
      reason = `refund for order ${a.orderRef}: its credit note ${note.id} was already paid outside the clearing journal, but the marketplace deducted the refund from this payout (undo that payment in Odoo)`;
    if (reason) refused.set(payout.ref, [...(refused.get(payout.ref) ?? []), { line: a.line, reason }]);
  }
  const ok = todo.filter((t) => !refused.has(t.payout.ref));
  for (const { a } of ok.filter((t) => t.a.kind === 'refund'))
    await postAndPay(conn, [notes.get(a.orderRef)!], clearing.journalId, a.ref);
  const entries = ok.filter((t) => t.a.kind !== 'refund');
  if (entries.length > 0) {
    const vals = [];
    for (const { payout, a } of entries) vals.push(await entry(settlement, clearing, payout, a, currencies));
    const ids = await conn.create('account.move', vals);
    await conn.action('account.move', 'action_post', ids);
  }
  return { refused, booked: ok.length };
}

async function entry(
  settlement: OdooSettlement,
  clearing: { journalId: number; accountId: number },
  payout: ErpPayout,
  a: ErpPayoutAdjustment,
  currencies: OdooCurrencies,
): Promise<Record<string, unknown>> {
  const counter =
    a.kind === 'chargeback'
      ? await settlement.account(CHARGEBACK_ACCOUNT.code, CHARGEBACK_ACCOUNT.name, 'expense', false)
      : a.amount.amountMinor > 0
        ? await settlement.account(FX_GAIN_ACCOUNT.code, FX_GAIN_ACCOUNT.name, 'income_other', false)
        : await settlement.account(FX_LOSS_ACCOUNT.code, FX_LOSS_ACCOUNT.name, 'expense', false);
  const abs = { ...a.amount, amountMinor: Math.abs(a.amount.amountMinor) };
  // Debit/credit in the company currency at the payout date's rate; a foreign amount also as
  // amount_currency, so the clearing item matches the others in that currency.
  const company = await currencies.toCompany(abs, payout.date);
  const amount = Number(toDecimal(company));
  const foreign = company.currency !== abs.currency;
  const currencyId = foreign ? await currencies.idOf(abs.currency) : null;
  const inCurrency = Number(toDecimal(abs));
  // Positive: the marketplace pays more (clearing debited); negative: it keeps more (clearing credited).
  const toClearing = a.amount.amountMinor > 0 ? 1 : -1;
  const label = `${a.kind === 'fx' ? 'Exchange difference' : `Chargeback ${a.orderRef}`} (${payout.ref})`;
  const line = (account: number, sign: number) => ({
    account_id: account,
    name: label,
    debit: sign > 0 ? amount : 0,
    credit: sign > 0 ? 0 : amount,
    ...(currencyId ? { currency_id: currencyId, amount_currency: sign * inCurrency } : {}),
  });
  return {
    move_type: 'entry',
    journal_id: clearing.journalId,
    date: payout.date,
    ref: a.ref,
    ...(currencyId ? { currency_id: currencyId } : {}),
    line_ids: [
      [0, 0, line(clearing.accountId, toClearing)],
      [0, 0, line(counter, -toClearing)],
    ],
  };
}

/** The posted, not cancelled credit note of each order (the newest when there are several). */
async function creditNotesByOrder(
  conn: OdooConnection,
  orderRefs: string[],
): Promise<Map<string, CreditNoteRow>> {
  const out = new Map<string, CreditNoteRow>();
  if (orderRefs.length === 0) return out;
  const orders = await conn.searchRead<{ client_order_ref: string; invoice_ids: number[] }>(
    'sale.order',
    [['client_order_ref', 'in', [...new Set(orderRefs)]]],
    ['client_order_ref', 'invoice_ids'],
  );
  const orderOf = new Map<number, string>();
  for (const o of orders) for (const id of o.invoice_ids) orderOf.set(id, o.client_order_ref);
  const notes = await conn.searchRead<CreditNoteRow>(
    'account.move',
    [
      ['id', 'in', [...orderOf.keys()]],
      ['move_type', '=', 'out_refund'],
      ['state', '=', 'posted'],
    ],
    ['state', 'payment_state', 'ref'],
    { order: 'id asc' },
  );
  for (const n of notes) out.set(orderOf.get(n.id)!, n);
  return out;
}
