import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
});
