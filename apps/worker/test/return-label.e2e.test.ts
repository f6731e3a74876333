import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LABEL_PNG, startLabelSandbox, type LabelSandbox } from '@temu-odoo/label-sandbox';
import type { OdooErp } from '@temu-odoo/odoo-client';
import { OpenReturnCases } from '@temu-odoo/queues';
import { waitUntil, type Fleet } from '../../../tools/lib/fleet.js';
import { receiveReturn } from '../../../tools/lib/returns-world.js';
import { catalogSeeds, drained, startErpFleet } from './e2e-support.js';

/**
 * The seller's return label bought without a person (issue 13): the worker, configured with a label
 * provider (the label sandbox, EasyPost's shape), buys the label of a status-8 case once, uploads it
 * to Temu and attaches its file to the Odoo return; an empty wallet parks the case with the
 * provider's reason and a replay buys exactly one label. Both sandboxes, real Redis, a real worker.
 */
const KEY = 'e2e-label-provider-key';
let labels: LabelSandbox;
let fleet: Fleet;
let erp: OdooErp;
const seeds = catalogSeeds(100);

interface SandboxCase {
  parentAfterSalesSn: string;
  parentOrderSn: string;
  status: number;
  returnLabel?: { trackingNumber: string; url: string };
}

beforeAll(async () => {
  labels = await startLabelSandbox({ apiKey: KEY });
  ({ fleet, erp } = await startErpFleet({
    label: 'return-label-e2e',
    odooQty: 100,
    workerEnv: {
      WORKER_CONCURRENCY: 'temu-orders=2,odoo=2,temu-finance=2',
      RETURNS_REFUND_ON_RECEIPT: 'true',
      RETURN_LABEL_PROVIDER_URL: labels.url,
      RETURN_LABEL_API_KEY: KEY,
      RETURN_LABEL_CARRIERS: 'USPS=1001,UPS=1002',
      RETURN_LABEL_WAREHOUSE: JSON.stringify({
        name: 'Returns dept.',
        street: '417 Montgomery St',
        city: 'San Francisco',
        state: 'CA',
        zip: '94104',
        country: 'US',
      }),
      RETURN_LABEL_WEIGHT_GRAMS: '500',
    },
  }));
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  await labels?.close();
}, 60_000);

/** `drained`, and when it times out, which jobs kept the queues busy (and why). */
async function settled(timeoutMs = 120_000): Promise<void> {
  try {
    await drained(fleet, timeoutMs);
  } catch (err) {
    const busy: string[] = [];
    for (const q of fleet.registry.all())
      for (const j of await q.getJobs(['waiting', 'active', 'delayed', 'prioritized'], 0, 20))
        busy.push(`${q.name}: ${j.name} ${j.id} attempts ${j.attemptsMade} ${j.failedReason ?? ''}`);
    throw new Error(`${(err as Error).message}; busy: ${busy.join(' | ')}`);
  }
}

let seq = 0;
const enqueue = (name: 'orders.poll' | 'returns.poll') =>
  fleet.registry.enqueue(name, { shopId: fleet.shopId }, { jobId: `${name}-${Date.now()}-${seq++}` });

async function temuCase(sn: string): Promise<SandboxCase> {
  const { afterSales } = await fleet.temuControl<{ afterSales: SandboxCase[] }>('GET', 'state/aftersales');
  return afterSales.find((c) => c.parentAfterSalesSn === sn)!;
}

async function labelCase(parentOrderSn: string): Promise<SandboxCase> {
  const { afterSales } = await fleet.temuControl<{ afterSales: SandboxCase }>('POST', 'aftersales', {
    parentOrderSn,
    kind: 'return',
  });
  await fleet.temuControl('POST', `aftersales/${afterSales.parentAfterSalesSn}/advance`, {
    step: 'use_merchant_label',
  });
  return afterSales;
}

async function returnPickingOf(sn: string) {
  const rows = await erp.connection.searchRead<{ id: number; origin: string; state: string }>(
    'stock.picking',
    [
      ['picking_type_code', '=', 'incoming'],
      ['origin', '=like', `${sn} %`],
    ],
    ['origin', 'state'],
  );
  return rows;
}

async function attachmentsOf(pickingId: number) {
  return erp.connection.searchRead<{ id: number; name: string; datas: string; mimetype: string }>(
    'ir.attachment',
    [
      ['res_model', '=', 'stock.picking'],
      ['res_id', '=', pickingId],
    ],
    ['name', 'datas', 'mimetype'],
  );
}

const boughtFor = (sn: string) =>
  [...labels.state.shipments.values()].filter((s) => s.reference === sn && s.postage_label !== null);

describe('seller return label bought, uploaded and attached by the worker', () => {
  it('buys one label per case, uploads it to Temu, attaches it in Odoo, closes the case; re-runs buy nothing', async () => {
    const { orders } = await fleet.temuControl<{ orders: Array<{ parentOrderSn: string }> }>(
      'POST',
      'orders',
      {
        count: 2,
        status: 5,
        lines: [{ sku: seeds.skus[0], quantity: 1 }],
      },
    );
    await enqueue('orders.poll');
    await settled();
    const first = await labelCase(orders[0]!.parentOrderSn);
    const sn = first.parentAfterSalesSn;

    await enqueue('returns.poll');
    await settled();
    // One return transfer, one label bought: USPS 5.93 + ceil(17.7 oz for 500 g) 18 × 0.04 = 6.65.
    const [picking] = await returnPickingOf(sn);
    expect(picking).toBeDefined();
    const bought = boughtFor(sn);
    expect(bought).toHaveLength(1);
    expect(bought[0]!.selected_rate).toMatchObject({ carrier: 'USPS', rate: '6.65' });
    expect(labels.state.purchases).toBe(1);
    // Uploaded to Temu: the sandbox keeps the tracking number and URL on the case.
    expect((await temuCase(sn)).returnLabel).toEqual({
      trackingNumber: bought[0]!.tracking_code,
      url: bought[0]!.postage_label!.label_url,
    });
    // Attached to the Odoo return, once, as the file the provider serves.
    const files = await attachmentsOf(picking!.id);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      name: `return-label-${sn}.png`,
      mimetype: 'image/png',
      datas: LABEL_PNG.toString('base64'),
    });
    const open = new OpenReturnCases(fleet.redis, fleet.prefix);
    expect((await open.get(fleet.shopId, sn))?.attention).toBeNull();

    // Re-running every poll buys, uploads and attaches nothing more.
    await enqueue('returns.poll');
    await settled();
    expect(labels.state.purchases).toBe(1);
    expect(await attachmentsOf(picking!.id)).toHaveLength(1);

    // An empty wallet: the second case is parked with the provider's reason, nothing bought.
    const second = await labelCase(orders[1]!.parentOrderSn);
    const sn2 = second.parentAfterSalesSn;
    const balance = labels.state.balanceCents;
    labels.state.balanceCents = 0;
    await enqueue('returns.poll');
    const parked = await waitUntil(
      async () =>
        (await fleet.registry.queue('temu-finance').getFailed()).find(
          (j) => j.name === 'returns.sync' && j.data.caseRef === sn2,
        ),
      120_000,
      'the second label case parked',
    );
    expect(parked.failedReason).toContain('PAYMENT.INSUFFICIENT_FUNDS');
    expect(parked.failedReason).not.toContain(KEY);
    // /ops lists the case as parked with the provider's reason.
    expect((await open.get(fleet.shopId, sn2))?.parked).toContain('PAYMENT.INSUFFICIENT_FUNDS');
    await settled();
    expect(boughtFor(sn2)).toHaveLength(0);
    // Funds added, the parked job replayed: exactly one label, on the quote recorded before the refusal.
    labels.state.balanceCents = balance;
    await parked.retry('failed');
    await settled();
    expect(boughtFor(sn2)).toHaveLength(1);
    expect((await open.get(fleet.shopId, sn2))?.parked).toBeNull();
    expect([...labels.state.shipments.values()].filter((s) => s.reference === sn2)).toHaveLength(1);
    expect(labels.state.purchases).toBe(2);
    const [picking2] = await returnPickingOf(sn2);
    expect(await attachmentsOf(picking2!.id)).toHaveLength(1);

    // The buyer ships with the label, Temu's warehouse confirms, the warehouse validates in Odoo.
    for (const c of [sn, sn2]) {
      await fleet.temuControl('POST', `aftersales/${c}/advance`, { step: 'ship_back' });
      await fleet.temuControl('POST', `aftersales/${c}/advance`, { step: 'receive' });
    }
    await receiveReturn(erp, picking!.id);
    await receiveReturn(erp, picking2!.id);
    let last = 0;
    await waitUntil(
      async () => {
        if ((await open.list(fleet.shopId)).length === 0) return true;
        if (Date.now() - last > 3_000) {
          last = Date.now();
          await enqueue('returns.poll');
        }
        return false;
      },
      180_000,
      'both label cases closed',
    );
    await settled();
    expect((await temuCase(sn)).status).toBe(5); // refunded
    expect((await temuCase(sn2)).status).toBe(5);
    await enqueue('returns.poll');
    await settled();
    expect(labels.state.purchases).toBe(2);
    expect(await attachmentsOf(picking!.id)).toHaveLength(1);
    expect(await attachmentsOf(picking2!.id)).toHaveLength(1);
  }, 600_000);
});
