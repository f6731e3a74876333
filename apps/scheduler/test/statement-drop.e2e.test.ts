import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { OdooErp } from '@temu-odoo/odoo-client';
import { waitUntil, drained, type Fleet } from '../../../tools/lib/fleet.js';
import { startSettlementFleet, temuOrders } from '../../worker/test/e2e-support.js';
import { StatementDropFolder } from '../src/statement-drop-folder.js';
import { startApp, stopApps, waitForHttp, type AppProcess } from '../../../tools/lib/processes.js';
import { freePort } from '../../../tools/lib/redis-bootstrap.js';

/**
 * The statement drop folder (issue 11) with a real temp dir, real Redis, a real worker process and
 * both sandboxes: two "replicas" scan the same folder at once; each file is claimed by one of them,
 * imported by the worker as `settlement.import`, and ends in processed/ or in failed/ with the
 * reasons; the same content under two names imports once; a file a crash left in processing/ is
 * finished by the next scan.
 */

const SHOP = 'shop-drop';
let fleet: Fleet;
let erp: OdooErp;
let dir: string;

beforeAll(async () => {
  ({ fleet, erp } = await startSettlementFleet({ label: 'stmt-drop', shopId: SHOP }));
  dir = await mkdtemp(path.join(os.tmpdir(), 'statement-drop-'));
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

const quietLog = { info: () => undefined, warn: () => undefined };
const replica = () =>
  new StatementDropFolder({
    dir,
    registry: fleet.registry,
    knownShop: (id) => id === SHOP,
    bankJournal: 'Bank',
    log: quietLog,
  });

const list = async (sub: string) => (await readdir(path.join(dir, sub))).sort();

describe('statement drop folder', () => {
  it('imports dropped statements once, claimed by one replica, and sorts them into processed/ and failed/', async () => {
    // Three delivered orders, settled into the shop's clearing journal by the worker.
    await fleet.temuControl('POST', 'orders', { count: 3, status: 5 });
    const refs = (await temuOrders(fleet)).map((o) => o.parentOrderSn);
    expect(refs).toHaveLength(3);
    await fleet.registry.enqueue('orders.poll', { shopId: SHOP }, { jobId: 'poll-drop-1' });
    await waitUntil(
      async () => {
        await drained(fleet, 60_000);
        const fees = await erp.connection.searchRead<{ ref: string }>(
          'account.move',
          [
            ['ref', 'in', refs.map((r) => `FEES-${r}`)],
            ['payment_state', '=', 'paid'],
          ],
          ['ref'],
        );
        return fees.length === 3;
      },
      180_000,
      'the 3 delivered orders settled (fee bills paid)',
    );
    // The sandbox's statement: 3 orders in payouts of 2 → 2 payouts (2 + 1).
    const { csv, payouts } = await fleet.temuControl<{ csv: string; payouts: Array<{ payoutId: string }> }>(
      'GET',
      'statements?payoutSize=2',
    );
    expect(payouts).toHaveLength(2);

    await writeFile(path.join(dir, `${SHOP}__november.csv`), csv);
    // The same content under another name: the same job id, imported once.
    await writeFile(path.join(dir, `${SHOP}__november-again.csv`), csv);
    await writeFile(
      path.join(dir, `${SHOP}__bad.csv`),
      'payout_id,payout_date,order_ref,currency,amount\nP-BAD,2026-11-30,PO-NOT-THERE,USD,1.00\nP-BAD,2026-11-30,PO-NOT-THERE-2,USD,abc\n',
    );
    await writeFile(path.join(dir, 'nobody__x.csv'), csv);
    await writeFile(path.join(dir, `${SHOP}__broken.xlsx`), 'not a workbook');
    // A copy still being written, by its temporary name: left alone.
    await writeFile(path.join(dir, `${SHOP}__later.csv.part`), 'payout_id');
    // A crash after the claim: the file sits in processing/ with no job yet.
    await mkdir(path.join(dir, 'processing'), { recursive: true });
    const overlapping = csv.split('\n').slice(0, 3).join('\n') + '\n';
    await writeFile(path.join(dir, 'processing', `${SHOP}__crashed.csv`), overlapping);

    const a = replica();
    const b = replica();
    const claimed: string[] = [];
    await waitUntil(
      async () => {
        const [ra, rb] = await Promise.all([a.scan(), b.scan()]);
        claimed.push(...ra.claimed, ...rb.claimed);
        return (await list('processing')).length === 0 ? true : null;
      },
      180_000,
      'every dropped statement processed or failed',
    );

    // Each of the five dropped files claimed exactly once, by one of the two replicas.
    expect(claimed.sort()).toEqual(
      [
        `${SHOP}__bad.csv`,
        `${SHOP}__broken.xlsx`,
        `${SHOP}__november-again.csv`,
        `${SHOP}__november.csv`,
        'nobody__x.csv',
      ].sort(),
    );
    expect(await list('.')).toEqual(['failed', 'processed', 'processing', `${SHOP}__later.csv.part`]);
    expect(await list('processed')).toEqual(
      [`${SHOP}__crashed.csv`, `${SHOP}__november-again.csv`, `${SHOP}__november.csv`].sort(),
    );
    expect(await list('failed')).toEqual(
      [
        `${SHOP}__bad.csv`,
        `${SHOP}__bad.csv.error.txt`,
        `${SHOP}__broken.xlsx`,
        `${SHOP}__broken.xlsx.error.txt`,
        'nobody__x.csv',
        'nobody__x.csv.error.txt',
      ].sort(),
    );
    const bad = await readFile(path.join(dir, 'failed', `${SHOP}__bad.csv.error.txt`), 'utf8');
    // Line 3 is not a number: payout P-BAD is refused as a whole at reading, its job fails naming the line.
    expect(bad).toMatch(/payout P-BAD line 3: amount "abc" is not a number/);
    expect(await readFile(path.join(dir, 'failed', 'nobody__x.csv.error.txt'), 'utf8')).toMatch(
      /unknown shop "nobody"/,
    );
    expect(await readFile(path.join(dir, 'failed', `${SHOP}__broken.xlsx.error.txt`), 'utf8')).toMatch(
      /not a readable XLSX workbook/,
    );

    // Two payouts booked once each (two names, one content → one job), both reconciled.
    const lines = await erp.connection.searchRead<{ payment_ref: string; is_reconciled: boolean }>(
      'account.bank.statement.line',
      [['payment_ref', 'in', payouts.map((p) => `Payout ${p.payoutId}`)]],
      ['payment_ref', 'is_reconciled'],
    );
    expect(lines.map((l) => [l.payment_ref, l.is_reconciled]).sort()).toEqual(
      payouts.map((p) => [`Payout ${p.payoutId}`, true]).sort(),
    );
    // Jobs: november (both names), crashed, bad → 3 settlement.import jobs; the refused names queued none.
    const jobs = await fleet.registry.queue('odoo').getJobs(['completed', 'failed']);
    const imports = jobs.filter((j) => j.name === 'settlement.import');
    const names = imports.map((j) => (j.data.fileName as string).replace('-again', '')).sort();
    expect(names).toEqual([`${SHOP}__bad.csv`, `${SHOP}__crashed.csv`, `${SHOP}__november.csv`]);
  }, 600_000);

  it('the scheduler app watches STATEMENT_DROP_DIR itself', async () => {
    const port = await freePort();
    const apps: AppProcess[] = [
      startApp(
        'scheduler',
        'scheduler',
        {
          ...fleet.workerEnv,
          SCHEDULER_PORT: String(port),
          SCHEDULER_HOST: '127.0.0.1',
          STATEMENT_DROP_DIR: dir,
          STATEMENT_DROP_SECONDS: '0.5',
        },
        { quiet: true },
      ),
    ];
    try {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`);
      // The November statement once more (its job completed above: nothing to book) and a file
      // whose name says no shop.
      const november = await readFile(path.join(dir, 'processed', `${SHOP}__november.csv`), 'utf8');
      await writeFile(path.join(dir, `${SHOP}__december.csv`), november);
      await writeFile(path.join(dir, 'statement.csv'), november);
      await waitUntil(
        async () =>
          (await list('processed')).includes(`${SHOP}__december.csv`) &&
          (await list('failed')).includes('statement.csv.error.txt'),
        120_000,
        'the scheduler to sort both files',
      );
      expect(await readFile(path.join(dir, 'failed', 'statement.csv.error.txt'), 'utf8')).toMatch(
        /does not say the shop: name it <shopId>__<anything>\.csv/,
      );
      expect(await list('processing')).toEqual([]);
    } finally {
      await stopApps(apps);
    }
  }, 180_000);
});
