import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toDecimal } from '@temu-odoo/core';
import type { OdooErp } from '@temu-odoo/odoo-client';
import { readPayoutReports, statementImportJob, type JobName } from '@temu-odoo/queues';
import type { TemuMarketplace } from '@temu-odoo/temu-connector';
import { waitUntil, type Fleet } from '../../../tools/lib/fleet.js';
import { clearingJournalOf } from '../src/settlement/clearing-journal.js';
import {
  drained,
  fleetMarketplace,
  odooOrdersByRef,
  runOps,
  startSettlementFleet,
  temuOrders,
} from './e2e-support.js';

/**
 * settlement.reconcile (issue 11): a statement arrives paying an order that is shipped but not yet
 * delivered, so it has no clearing items and the payout cannot be fully matched; the report says so.
 * Once the order is delivered and settled, the scheduled reconcile matches the rest: the payout is
 * reconciled, its report updated, the clearing account back to 0.
 */

let fleet: Fleet;
let erp: OdooErp;
let temu: TemuMarketplace;

beforeAll(async () => {
  ({ fleet, erp } = await startSettlementFleet({ label: 'settle-reconcile', shopId: 'shop-recon' }));
  temu = fleetMarketplace(fleet);
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
}, 60_000);

let polls = 0;
const poll = () =>
  fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId }, { jobId: `poll-${++polls}` });

async function paidFeeBills(refs: string[]): Promise<number> {
  const rows = await erp.connection.searchRead(
    'account.move',
    [
      ['ref', 'in', refs.map((r) => `FEES-${r}`)],
      ['payment_state', '=', 'paid'],
    ],
    ['id'],
  );
  return rows.length;
}

async function runJob(name: JobName, queue: 'odoo' | 'temu-finance', data: never, jobId: string) {
  const job = await fleet.registry.enqueue(name, data, { jobId });
  const q = fleet.registry.queue(queue);
  await waitUntil(
    async () => ['completed', 'failed'].includes(await (await q.getJob(job.id!))!.getState()),
    120_000,
    `${name} ${jobId} finished`,
  );
  const done = (await q.getJob(job.id!))!;
  expect(done.failedReason).toBeUndefined();
  return done.returnvalue as Record<string, unknown>;
}

describe('settlement.reconcile', () => {
  it('matches a payout once the order it paid before delivery is settled', async () => {
    await fleet.temuControl('POST', 'orders', { count: 2, status: 5 });
    await fleet.temuControl('POST', 'orders', { count: 1, status: 4 });
    const orders = await temuOrders(fleet);
    const delivered = orders.filter((o) => o.status === 5).map((o) => o.parentOrderSn);
    const shipped = orders.find((o) => o.status === 4)!.parentOrderSn;
    expect(delivered).toHaveLength(2);
    await poll();
    await waitUntil(
      async () => {
        await drained(fleet, 60_000);
        return (await paidFeeBills(delivered)) === 2 && (await odooOrdersByRef(fleet)).has(shipped);
      },
      180_000,
      'the 2 delivered orders settled and the shipped one in Odoo',
    );
    // What Temu pays per order: its estimatedRevenue (cents).
    const owed = new Map<string, number>();
    for (const ref of [...delivered, shipped])
      owed.set(ref, (await temu.getOrderAmounts(ref)).revenue!.sellerRevenue.amountMinor);
    const usd = (cents: number) => toDecimal({ amountMinor: cents, currency: 'USD' });
    const csv = [
      'payout_id,payout_date,order_ref,currency,amount',
      ...[...delivered, shipped].map((ref) => `P-LATE,2026-11-30,${ref},USD,${usd(owed.get(ref)!)}`),
    ].join('\n');
    const total = [...owed.values()].reduce((s, c) => s + c, 0);
    const { data, opts } = statementImportJob(fleet.shopId, 'late.csv', csv);
    await runJob('settlement.import', 'odoo', data as never, opts.jobId!);

    // Only the 2 settled orders could be matched: expected = their owed, difference = the shipped one's.
    const [first] = await readPayoutReports(fleet.redis, fleet.prefix, fleet.shopId);
    expect(first).toMatchObject({
      payoutId: 'P-LATE',
      orders: 3,
      ordersMatched: 2,
      amountMinor: total,
      expectedMinor: owed.get(delivered[0]!)! + owed.get(delivered[1]!)!,
      differenceMinor: owed.get(shipped)!,
      reconciled: false,
      rechecks: 0,
    });
    // Nothing to match yet: the reconcile looks, changes nothing.
    await runJob('settlement.reconcile', 'temu-finance', { shopId: fleet.shopId } as never, 'recon-1');
    expect((await readPayoutReports(fleet.redis, fleet.prefix, fleet.shopId))[0]).toMatchObject({
      reconciled: false,
      differenceMinor: owed.get(shipped)!,
      rechecks: 1,
    });

    // The shipped order is delivered and settled; the next reconcile matches it.
    await fleet.temuControl('POST', `orders/${shipped}/transition`, { to: 'delivered' });
    await poll();
    await waitUntil(
      async () => {
        await drained(fleet, 60_000);
        return (await paidFeeBills([shipped])) === 1;
      },
      180_000,
      'the late order settled',
    );
    const out = await runJob(
      'settlement.reconcile',
      'temu-finance',
      { shopId: fleet.shopId } as never,
      'recon-2',
    );
    expect(out).toMatchObject({ checked: 1, reconciled: 1, open: 0 });
    expect((await readPayoutReports(fleet.redis, fleet.prefix, fleet.shopId))[0]).toMatchObject({
      ordersMatched: 3,
      expectedMinor: total,
      differenceMinor: 0,
      reconciled: true,
      rechecks: 2,
      booking: null,
    });
    const [line] = await erp.connection.searchRead<{ is_reconciled: boolean }>(
      'account.bank.statement.line',
      [['payment_ref', '=', 'Payout P-LATE']],
      ['is_reconciled'],
    );
    expect(line!.is_reconciled).toBe(true);
    expect(await erp.clearingBalance(clearingJournalOf(fleet.shopId))).toEqual([]);
    // Reconciled payouts are not looked at again.
    expect(
      await runJob('settlement.reconcile', 'temu-finance', { shopId: fleet.shopId } as never, 'recon-3'),
    ).toEqual({ checked: 0, reconciled: 0, open: 0 });
  }, 600_000);

  it('`pnpm ops payouts --reconcile` runs the job and prints the report per payout', async () => {
    const stdout = await runOps(fleet, ['payouts', '--shop', fleet.shopId, '--reconcile']);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`Shop ${fleet.shopId}: 1 payout(s), 0 not reconciled`);
    expect(lines[1]!.split(/\s{2,}/)).toEqual([
      'payout',
      'date',
      'orders',
      'matched',
      'amount',
      'expected',
      'difference',
      'currency',
      'reconciled',
      'rechecks',
      'file',
    ]);
    // The payout of the first test: 3 orders all matched, difference "0 USD" (as the import job reports it), reconciled; still 2 rechecks (a reconciled payout is not looked at again).
    const row = lines[2]!.trim().split(/\s+/);
    expect([row[0], row[1], row[2], row[3], row[8], row[9], row[10], row[11], row[12], row[13]]).toEqual([
      'P-LATE',
      '2026-11-30',
      '3',
      '3',
      '0',
      'USD',
      'USD',
      'yes',
      '2',
      'late.csv',
    ]);
  }, 120_000);
});
