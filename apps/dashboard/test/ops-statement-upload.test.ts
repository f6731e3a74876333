import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { savePayoutReports, type PayoutReportEntry } from '@temu-odoo/queues';
import { AUTH, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

describe('/ops: statement upload', () => {
  let fx: DashboardFixture;

  beforeAll(async () => {
    fx = await startFixture('ops-statement');
  });
  afterAll(async () => {
    await fx.stop();
  });

  const upload = (form: FormData) =>
    fetch(`${fx.dashboard.url}/ops/statements`, {
      method: 'POST',
      headers: AUTH,
      body: form,
      redirect: 'manual',
    });
  const statement = (text: string, name = 'payouts.csv') => {
    const form = new FormData();
    form.set('shop', 'shop-1');
    form.set('file', new Blob([text], { type: 'text/csv' }), name);
    return form;
  };
  const csv = 'payout_id,payout_date,order_ref,currency,amount\nP-1,2026-11-30,PO-1,USD,24.97\n';

  it('shows the upload form and queues the file as a settlement.import job, once per file', async () => {
    const page = await (await fetch(`${fx.dashboard.url}/ops`, { headers: AUTH })).text();
    expect(page).toContain('action="/ops/statements"');
    const res = await upload(statement(csv));
    expect(res.status).toBe(303);
    const jobId = decodeURIComponent(res.headers.get('location')!.replace('/ops?statement=', ''));
    expect(jobId).toMatch(/^import\.shop-1\.[0-9a-f]{64}$/);
    const job = await fx.registry.queue('odoo').getJob(jobId);
    expect(job!.name).toBe('settlement.import');
    expect(job!.data).toMatchObject({
      shopId: 'shop-1',
      fileName: 'payouts.csv',
      content: csv,
      bankJournal: 'Bank',
    });
    // The same content again under another name: the same job, not a second import.
    const again = await upload(statement(csv, 'copy.csv'));
    expect(again.headers.get('location')).toBe(res.headers.get('location'));
    expect(await fx.registry.queue('odoo').getJobCounts('waiting')).toMatchObject({ waiting: 1 });
  });

  it('refuses a form without shop or file, and an unreadable XLSX, saying what to fix', async () => {
    const noShop = statement(csv);
    noShop.delete('shop');
    const a = await upload(noShop);
    expect(a.status).toBe(400);
    expect(await a.text()).toContain('shop: say which shop');
    const b = await upload(statement('x', 'payouts.xlsx'));
    expect(b.status).toBe(400);
    expect(await b.text()).toContain('payouts.xlsx: statement file is not a readable XLSX workbook');
  });

  it('lists the payout reports the worker kept, those not reconciled first', async () => {
    const entry = (payoutId: string, reconciled: boolean, expectedMinor: number): PayoutReportEntry => ({
      payoutId,
      date: '2026-11-30',
      currency: 'USD',
      amountMinor: 2497,
      expectedMinor,
      differenceMinor: 2497 - expectedMinor,
      orders: 2,
      ordersMatched: reconciled ? 2 : 1,
      reconciled,
      statementLineId: 1,
      fileName: 'nov.csv',
      bankJournal: 'Bank',
      bookedAtMs: 1,
      checkedAtMs: 1,
      rechecks: 0,
      booking: null,
    });
    await savePayoutReports(fx.redis, fx.prefix, 'shop-1', [
      entry('P-DONE', true, 2497),
      entry('P-OPEN', false, 1500),
    ]);
    const page = await (await fetch(`${fx.dashboard.url}/ops`, { headers: AUTH })).text();
    expect(page).toContain('<h2>Payouts</h2>');
    expect(page).toContain('Not reconciled: 1');
    // P-OPEN: 24.97 paid, 15.00 expected → 9.97 difference; listed before P-DONE.
    expect(page).toMatch(
      /<td>shop-1<\/td><td>P-OPEN<\/td><td>2026-11-30<\/td><td class="n">2<\/td><td class="n">1<\/td><td class="n">24.97 USD<\/td><td class="n">15 USD<\/td><td class="n">9.97 USD<\/td><td>USD<\/td><td><b>no<\/b><\/td>/,
    );
    expect(page.indexOf('P-OPEN')).toBeLessThan(page.indexOf('P-DONE'));
  });
});
