import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toDecimal } from '@temu-odoo/core';
import type { OdooErp } from '@temu-odoo/odoo-client';
import { readPayoutReports, statementImportJob, xlsxStatementToCsv } from '@temu-odoo/queues';
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
 * The whole money loop with no account (issue 11): orders delivered and settled, one refunded to
 * its buyer by Temu (an after-sales refund), one hit by a chargeback; the Temu sandbox writes the
 * statement (XLSX, default layout with the type column) consistent with all of it; imported, every
 * payout is reconciled and the clearing balance is 0; the same statement again (as CSV) books nothing.
 *
 * The refunded order's credit note is made by hand and left unpaid here: in this branch the returns
 * flow pays a credit note from the bank journal, and the importer refuses a refund row whose credit
 * note was paid outside clearing. Paying marketplace refunds from the clearing journal is the returns
 * booking's change (branch `fx`); once merged, this refund can go through the returns flow instead.
 */

let fleet: Fleet;
let erp: OdooErp;
let temu: TemuMarketplace;

beforeAll(async () => {
  ({ fleet, erp } = await startSettlementFleet({ label: 'stmt-loop', shopId: 'shop-loop' }));
  temu = fleetMarketplace(fleet);
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
}, 60_000);

async function importStatement(name: string, content: string) {
  const { data, opts } = statementImportJob(fleet.shopId, name, content);
  const job = await fleet.registry.enqueue('settlement.import', data, opts);
  const queue = fleet.registry.queue('odoo');
  await waitUntil(
    async () => ['completed', 'failed'].includes(await (await queue.getJob(job.id!))!.getState()),
    120_000,
    `statement ${name} imported`,
  );
  const done = (await queue.getJob(job.id!))!;
  expect(done.failedReason).toBeUndefined();
  return { jobId: job.id!, ...(done.returnvalue as { payouts: Array<Record<string, unknown>> }) };
}

describe('statement loop on the sandboxes', () => {
  it('orders, a refund and a chargeback: the sandbox statement reconciles every payout, clearing 0, once', async () => {
    await fleet.temuControl('POST', 'orders', { count: 4, status: 5 });
    const refs = (await temuOrders(fleet)).map((o) => o.parentOrderSn).sort();
    expect(refs).toHaveLength(4);
    await fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId }, { jobId: 'poll-1' });
    const owed = new Map<string, number>();
    for (const ref of refs)
      owed.set(ref, (await temu.getOrderAmounts(ref)).revenue!.sellerRevenue.amountMinor);
    const owedTotal = [...owed.values()].reduce((s, c) => s + c, 0);
    await waitForClearing(fleet, erp, owedTotal, 'the 4 delivered orders settled into the clearing journal');
    const [refunded, disputed] = refs as [string, string];

    // The buyer of `refunded` asks for a refund; the seller issues it on Temu (what the returns flow
    // does); in Odoo its invoice is reversed into a posted credit note (unpaid: see above).
    const { afterSales } = await fleet.temuControl<{ afterSales: { parentAfterSalesSn: string } }>(
      'POST',
      'aftersales',
      { parentOrderSn: refunded, kind: 'refund' },
    );
    await temu.issueRefund(afterSales.parentAfterSalesSn, refunded);
    const { cents: noteCents } = await postCreditNoteByHand(erp, refunded, 'buyer refund');
    const conn = erp.connection;
    // A full refund gives back what the buyer paid: the credit note (the invoice's total) = customerPaid.
    expect(noteCents).toBe((await temu.getOrderAmounts(refunded)).total!.amountMinor);
    // A lost dispute on `disputed`: Temu takes 3.21 back from the next payout.
    await fleet.temuControl('POST', 'chargebacks', { parentOrderSn: disputed, amountMinor: -321 });

    const stmt = await fleet.temuControl<{
      csv: string;
      xlsxBase64: string;
      payouts: Array<{
        payoutId: string;
        orders: number;
        refunds: number;
        chargebacks: number;
        amountMinor: number;
      }>;
    }>('GET', 'statements?payoutSize=10&format=xlsx');
    // One payout: 4 order rows, the refund, the chargeback. By hand: Σ estimatedRevenue − customerPaid
    // of the refunded order − 3.21.
    const expected = owedTotal - noteCents - 321;
    expect(stmt.payouts).toEqual([
      expect.objectContaining({ orders: 4, refunds: 1, chargebacks: 1, amountMinor: expected }),
    ]);
    const usd = (n: number) => toDecimal({ amountMinor: n, currency: 'USD' });
    const payoutId = stmt.payouts[0]!.payoutId;
    expect(stmt.csv).toContain(`${payoutId},`);
    expect(stmt.csv).toContain(`,${refunded},USD,-${usd(noteCents)},refund\n`);
    expect(stmt.csv).toContain(`,${disputed},USD,-3.21,chargeback\n`);

    // The XLSX through the importer: reconciled to the cent, clearing back to 0.
    const xlsxCsv = await xlsxStatementToCsv(Buffer.from(stmt.xlsxBase64, 'base64'));
    const first = await importStatement('statement.xlsx', xlsxCsv);
    expect(
      first.payouts.map((p) => [p.payoutId, p.reconciled, p.difference, p.ordersMatched, p.alreadyBooked]),
    ).toEqual([[payoutId, true, '0 USD', 4, false]]);
    expect(await clearingCents(fleet, erp)).toBe(0);
    const lines = () =>
      conn.searchRead<{ amount: number; is_reconciled: boolean }>(
        'account.bank.statement.line',
        [['payment_ref', '=like', 'Payout PAYOUT-%']],
        ['amount', 'is_reconciled'],
      );
    expect((await lines()).map((l) => [Math.round(l.amount * 100), l.is_reconciled])).toEqual([
      [expected, true],
    ]);
    expect(
      (await readPayoutReports(fleet.redis, fleet.prefix, fleet.shopId)).map((e) => e.reconciled),
    ).toEqual([true]);

    // The same statement downloaded again as CSV and saved by a spreadsheet (a blank line at the
    // end: another file, another job): nothing booked.
    const again = await importStatement('statement.csv', `${stmt.csv}\n`);
    expect(again.jobId).not.toBe(first.jobId);
    expect(again.payouts.map((p) => [p.payoutId, p.alreadyBooked, p.reconciled])).toEqual([
      [payoutId, true, true],
    ]);
    expect(await lines()).toHaveLength(1);
    expect(await clearingCents(fleet, erp)).toBe(0);
    // A later statement pays nothing new: the refund and the chargeback are not deducted twice.
    const later = await fleet.temuControl<{ payouts: unknown[]; pendingChargebacks: number }>(
      'GET',
      'statements?payoutSize=10',
    );
    expect(later.payouts).toHaveLength(1);
    expect(later.pendingChargebacks).toBe(0);
  }, 600_000);
});
