import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toDecimal } from '@temu-odoo/core';
import type { OdooErp } from '@temu-odoo/odoo-client';
import { statementImportJob, type JobInput } from '@temu-odoo/queues';
import type { TemuMarketplace } from '@temu-odoo/temu-connector';
import { waitUntil, type Fleet } from '../../../tools/lib/fleet.js';
import {
  clearingCents,
  fleetMarketplace,
  postCreditNoteByHand,
  startSettlementFleet,
  temuOrders,
  waitForClearing,
} from './e2e-support.js';

/**
 * The money loop end to end (issue 11): orders delivered on Temu → invoiced and paid into the
 * shop's clearing journal, Temu's fees billed from it (settlement per order) → the Temu sandbox's
 * statement → imported: every payout a bank line reconciled against its orders, the clearing
 * balance back to 0; an overlapping statement books only what is new, the same file nothing, a bad
 * statement is refused row by row with nothing of it booked.
 */

let fleet: Fleet;
let erp: OdooErp;
let temu: TemuMarketplace;

beforeAll(async () => {
  ({ fleet, erp } = await startSettlementFleet({ label: 'money-settle', shopId: 'shop-settle' }));
  temu = fleetMarketplace(fleet);
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
}, 60_000);

const poll = () =>
  fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId }, { jobId: `poll-${Date.now()}` });

/** Σ Temu's estimatedRevenue of the orders, in cents (what Temu owes the seller for them). */
async function owedByTemu(refs: string[]): Promise<number> {
  let cents = 0;
  for (const ref of refs) cents += (await temu.getOrderAmounts(ref)).revenue!.sellerRevenue.amountMinor;
  return cents;
}

async function deliverNew(count: number): Promise<string[]> {
  const before = new Set((await temuOrders(fleet)).map((o) => o.parentOrderSn));
  await fleet.temuControl('POST', 'orders', { count, status: 5 });
  const fresh = (await temuOrders(fleet))
    .filter((o) => !before.has(o.parentOrderSn))
    .map((o) => o.parentOrderSn);
  expect(fresh).toHaveLength(count);
  return fresh;
}

async function statement(): Promise<{ csv: string; payouts: Array<{ payoutId: string; orders: number }> }> {
  return fleet.temuControl('GET', 'statements?payoutSize=5');
}

/** Imports a statement through the job and waits for its end: the job's report, or its refusal. */
async function importFile(name: string, content: string, extra: Partial<JobInput<'settlement.import'>> = {}) {
  const { data, opts } = statementImportJob(fleet.shopId, name, content, extra);
  const job = await fleet.registry.enqueue('settlement.import', data, opts);
  const queue = fleet.registry.queue('odoo');
  let state = '';
  await waitUntil(
    async () => {
      state = await (await queue.getJob(job.id!))!.getState();
      return state === 'completed' || state === 'failed';
    },
    120_000,
    `statement ${name} imported`,
  );
  const done = (await queue.getJob(job.id!))!;
  return {
    jobId: job.id!,
    state,
    report: done.returnvalue as { payouts: Array<Record<string, unknown>> } | null,
    failedReason: done.failedReason,
  };
}

async function bankLines(): Promise<Array<{ payment_ref: string; is_reconciled: boolean; amount: number }>> {
  return erp.connection.searchRead(
    'account.bank.statement.line',
    [['payment_ref', '=like', 'Payout PAYOUT-%']],
    ['payment_ref', 'is_reconciled', 'amount'],
  );
}

describe('money: settlement per order, statements and payouts', () => {
  it('settles delivered orders into the clearing journal, then payouts bring it back to 0, once', async () => {
    const first = await deliverNew(12);
    await poll();
    // Every delivered order settled: the clearing balance is what Temu says it owes for them.
    const owed = await owedByTemu(first);
    await waitForClearing(fleet, erp, owed, 'the 12 delivered orders settled into the clearing journal');
    // One order by hand: its fee bill is what the buyer paid minus what Temu pays out.
    const amounts = await temu.getOrderAmounts(first[0]!);
    const [bill] = await erp.connection.searchRead<{
      amount_total: number;
      state: string;
      payment_state: string;
    }>(
      'account.move',
      [
        ['ref', '=', `FEES-${first[0]}`],
        ['move_type', '=', 'in_invoice'],
      ],
      ['amount_total', 'state', 'payment_state'],
    );
    expect(bill).toEqual(
      expect.objectContaining({
        state: 'posted',
        payment_state: 'paid',
        amount_total: toDecimal({
          amountMinor: amounts.total!.amountMinor - amounts.revenue!.sellerRevenue.amountMinor,
          currency: 'USD',
        }),
      }),
    );

    // The statement: 12 orders in payouts of 5 → 3 payouts (5 + 5 + 2), each reconciled exactly.
    const one = await statement();
    expect(one.payouts.map((p) => p.orders)).toEqual([5, 5, 2]);
    const imported = await importFile('statement-1.csv', one.csv);
    expect(imported.state).toBe('completed');
    expect(
      imported.report!.payouts.map((p) => [p.reconciled, p.difference, p.ordersMatched, p.alreadyBooked]),
    ).toEqual([
      [true, '0 USD', 5, false],
      [true, '0 USD', 5, false],
      [true, '0 USD', 2, false],
    ]);
    expect(await clearingCents(fleet, erp)).toBe(0);
    expect((await bankLines()).map((l) => l.is_reconciled)).toEqual([true, true, true]);

    // The same file again: the same job (by content hash), nothing new.
    const again = await importFile('statement-1-copy.csv', one.csv);
    expect(again.jobId).toBe(imported.jobId);
    // An overlapping statement (3 more orders delivered): old payouts found, only the new one booked.
    const more = await deliverNew(3);
    await poll();
    const owedMore = await owedByTemu(more);
    await waitForClearing(fleet, erp, owedMore, 'the 3 more orders settled');
    const two = await statement();
    expect(two.payouts.map((p) => p.orders)).toEqual([5, 5, 2, 3]);
    const overlapping = await importFile('statement-2.csv', two.csv);
    expect(overlapping.state).toBe('completed');
    expect(overlapping.report!.payouts.map((p) => p.alreadyBooked)).toEqual([true, true, true, false]);
    expect(await clearingCents(fleet, erp)).toBe(0);
    const lines = await bankLines();
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.is_reconciled)).toBe(true);
    // 4 bank lines total Σ estimatedRevenue of the 15 orders.
    const paid = lines.reduce((s, l) => s + Math.round(l.amount * 100), 0);
    expect(paid).toBe(owed + owedMore);
  }, 420_000);

  it('refuses a statement row by row, books nothing of a refused payout, and takes a column mapping', async () => {
    const [ref] = (await temuOrders(fleet)).filter((o) => o.status === 5).map((o) => o.parentOrderSn);
    const bad = [
      'Payout,Date,Order,Cur,Paid',
      `BAD-1,2026-11-30,${ref},USD,1.00`,
      'BAD-1,2026-11-30,PO-211-00000000000000000,USD,2.00',
      `BAD-2,2026-11-30,${ref},USD,-3.00`,
    ].join('\n');
    const columns = {
      payoutId: 'Payout',
      payoutDate: 'Date',
      orderRef: 'Order',
      currency: 'Cur',
      amount: 'Paid',
    };
    const refused = await importFile('bad.csv', bad, { columns });
    expect(refused.state).toBe('failed');
    expect(refused.failedReason).toContain('payout BAD-2 line 4: amount -3.00 is negative');
    expect(refused.failedReason).toContain('payout BAD-1 line 3: unknown order PO-211-00000000000000000');
    const booked = await erp.connection.searchRead(
      'account.bank.statement.line',
      [['payment_ref', 'like', 'BAD-']],
      ['id'],
    );
    expect(booked).toEqual([]);
    // The same file without the column mapping: the wrong layout, named.
    const wrong = await importFile('bad-layout.csv', `${bad}\n`);
    expect(wrong.failedReason).toMatch(/wrong column layout: missing "payout_id"/);
  }, 180_000);
  it('books refund, chargeback and exchange-difference rows: clearing back to 0, a refund without credit note refused', async () => {
    const [a, b, c] = await deliverNew(3);
    await poll();
    const owed = await owedByTemu([a!, b!, c!]);
    await waitForClearing(fleet, erp, owed, 'the 3 orders settled');
    // The buyer of order a got everything back: its invoice reversed into a posted credit note, not
    // yet paid (the marketplace pays the refund out of the payout).
    const note = await postCreditNoteByHand(erp, a!, 'e2e refund');
    const refundCents = note.cents;
    const conn = erp.connection;
    const cents = async (ref: string) => (await temu.getOrderAmounts(ref)).revenue!.sellerRevenue.amountMinor;
    const usd = (n: number) => toDecimal({ amountMinor: n, currency: 'USD' });
    // ADJ-1 pays a, b, c, takes back the refund of a and a 2.50 chargeback on b, adds a 0.04 exchange
    // gain: by hand its amount is owed − refund − 250 + 4 cents, exactly what the clearing holds then.
    const adj1 = owed - refundCents - 250 + 4;
    const csv = [
      'payout_id,payout_date,order_ref,currency,amount,type',
      `ADJ-1,2026-11-30,${a},USD,${usd(await cents(a!))},order`,
      `ADJ-1,2026-11-30,${b},USD,${usd(await cents(b!))},order`,
      `ADJ-1,2026-11-30,${c},USD,${usd(await cents(c!))},order`,
      `ADJ-1,2026-11-30,${a},USD,-${usd(refundCents)},refund`,
      `ADJ-1,2026-11-30,${b},USD,-2.50,chargeback`,
      'ADJ-1,2026-11-30,,USD,0.04,fx',
      // A refund of b, which has no credit note: ADJ-2 is refused, line 8.
      `ADJ-2,2026-11-30,${b},USD,-1.00,refund`,
    ].join('\n');
    const imported = await importFile('adjustments.csv', csv);
    expect(imported.state).toBe('failed');
    expect(imported.failedReason).toContain(
      `payout ADJ-2 line 8: refund for order ${b}: Odoo has no posted credit note`,
    );
    const adjLines = () =>
      conn.searchRead<{ payment_ref: string; is_reconciled: boolean; amount: number }>(
        'account.bank.statement.line',
        [['payment_ref', 'like', 'Payout ADJ-']],
        ['payment_ref', 'is_reconciled', 'amount'],
      );
    const lines = await adjLines();
    expect(lines.map((l) => [l.payment_ref, l.is_reconciled, Math.round(l.amount * 100)])).toEqual([
      ['Payout ADJ-1', true, adj1],
    ]);
    expect(await clearingCents(fleet, erp)).toBe(0);
    const [paidNote] = await conn.read<{ payment_state: string }>(
      'account.move',
      [note.id],
      ['payment_state'],
    );
    expect(['paid', 'in_payment']).toContain(paidNote!.payment_state);
    // The same statement saved again (another file): ADJ-1 is found, nothing booked twice.
    const again = await importFile('adjustments-again.csv', `${csv}\n`);
    expect(again.jobId).not.toBe(imported.jobId);
    expect(await adjLines()).toHaveLength(1);
    const entries = await conn.searchRead(
      'account.move',
      [['ref', 'in', [`CHARGEBACK-ADJ-1-${b}`, 'FX-ADJ-1', `REFUND-${a}`]]],
      ['id'],
    );
    expect(entries).toHaveLength(3);
    expect(await clearingCents(fleet, erp)).toBe(0);
  }, 300_000);
  it('a refund the returns flow paid out of the clearing journal: the statement refund row matches it, clearing 0', async () => {
    const [d] = await deliverNew(1);
    await poll();
    const owed = await owedByTemu([d!]);
    await waitForClearing(fleet, erp, owed, 'the order settled');
    // What returns.book does for an after-sales case: credit the goods and pay the refund; the
    // invoice was paid into the clearing journal, so the refund goes out of it (memo REFUND-<order>).
    const conn = erp.connection;
    const [order] = await conn.searchRead<{ id: number; invoice_ids: number[] }>(
      'sale.order',
      [['client_order_ref', '=', d]],
      ['invoice_ids'],
    );
    const lines = await conn.searchRead<{ product_id: [number, string]; quantity: number }>(
      'account.move.line',
      [
        ['move_id', 'in', order!.invoice_ids],
        ['display_type', '=', 'product'],
      ],
      ['product_id', 'quantity'],
    );
    const goods = lines
      .filter((l) => !l.product_id[1].includes('[TEMU-'))
      .map((l) => ({ productId: l.product_id[0], quantity: l.quantity }));
    const refund = await erp.creditAndRefund(order!.id, `CASE-${d}`, goods);
    // Out of the clearing journal: the clearing now holds what Temu owes minus the refund.
    expect(await clearingCents(fleet, erp)).toBe(owed - refund.amount.amountMinor);
    // The statement: Temu pays the order and deducts the refund; by hand payout = owed − refund.
    const usd = (n: number) => toDecimal({ amountMinor: n, currency: 'USD' });
    const csv = [
      'payout_id,payout_date,order_ref,currency,amount,type',
      `RFD-1,2026-11-30,${d},USD,${usd(owed)},order`,
      `RFD-1,2026-11-30,${d},USD,-${usd(refund.amount.amountMinor)},refund`,
    ].join('\n');
    const imported = await importFile('refund-paid.csv', csv);
    expect(imported.state).toBe('completed');
    expect(imported.report!.payouts.map((p) => [p.reconciled, p.difference])).toEqual([[true, '0 USD']]);
    expect(await clearingCents(fleet, erp)).toBe(0);
    // One refund payment only (the import matched it, paid nothing again).
    const refunds = await conn.searchRead('account.move', [['ref', '=', `REFUND-${d}`]], ['id']);
    expect(refunds).toHaveLength(1);
    const again = await importFile('refund-paid-again.csv', `${csv}\n`);
    expect(again.state).toBe('completed');
    expect(again.report!.payouts.map((p) => p.alreadyBooked)).toEqual([true]);
    expect(await clearingCents(fleet, erp)).toBe(0);
    // Another payout deducting the same refund again: refused, nothing of it booked.
    const twice = await importFile(
      'refund-twice.csv',
      [
        'payout_id,payout_date,order_ref,currency,amount,type',
        `RFD-2,2026-11-30,${d},USD,-${usd(refund.amount.amountMinor)},refund`,
      ].join('\n'),
    );
    expect(twice.state).toBe('failed');
    expect(twice.failedReason).toContain(
      `payout RFD-2 line 2: refund for order ${d}: already deducted by an earlier payout`,
    );
    expect(await clearingCents(fleet, erp)).toBe(0);
  }, 300_000);
});
