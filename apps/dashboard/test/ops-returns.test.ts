import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OpenReturnCases } from '@temu-odoo/queues';
import { AUTH, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

describe('/ops after-sales section (issue 13)', () => {
  let fx: DashboardFixture;
  beforeAll(async () => {
    fx = await startFixture('ops-returns');
  });
  afterAll(async () => {
    await fx.stop();
  });

  it('lists the cases that need a person with the action, and counts open cases per stage', async () => {
    const open = new OpenReturnCases(fx.redis, fx.prefix);
    const base = {
      kind: 'return_and_refund',
      status: 'return_shipped',
      seenAtMs: 1,
      attention: null,
      parked: null,
    };
    await open.put('shop-a', { ...base, caseRef: 'PAS-1', orderRef: 'PO-1', stage: 'awaiting_goods' });
    await open.put('shop-a', {
      ...base,
      caseRef: 'PAS-2',
      orderRef: 'PO-2',
      stage: 'awaiting_goods',
      status: 'label_needed',
      attention: { code: 'label_upload', action: 'upload a return label for case PAS-2 <now>' },
    });
    await open.put('shop-b', {
      ...base,
      caseRef: 'PAS-3',
      orderRef: 'PO-3',
      kind: 'refund_only',
      stage: 'opened',
      status: 'requested',
      parked: 'order_not_imported: order PO-3 was never imported',
    });
    const res = await fetch(`${fx.dashboard.url}/ops`, { headers: AUTH });
    expect(res.status).toBe(200);
    const html = await res.text();
    // 3 open: 2 awaiting goods (shop-a), 1 opened (shop-b)
    expect(html).toContain('Open: 3 (awaiting_goods: 2 · opened: 1)');
    expect(html).toContain('upload a return label for case PAS-2 &lt;now&gt;');
    expect(html).toContain('parked — order_not_imported: order PO-3 was never imported');
    // a case that needs nobody is counted, not listed
    expect(html).not.toContain('>PAS-1<');
  });
});
