import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EasyPostLabels } from '@temu-odoo/easypost-client';
import { startLabelSandbox, type LabelSandbox } from '@temu-odoo/label-sandbox';
import type { IntegrationError, ReturnCase } from '@temu-odoo/core';
import type { TemuMarketplace } from '@temu-odoo/temu-connector';
import { startFleet, uniquePrefix, type Fleet } from '../../../tools/lib/fleet.js';
import { LabelPurchases } from '../src/returns/label-purchases.js';
import { buyAndUploadLabel } from '../src/returns/return-label-steps.js';
import type { ReturnLabelSetup } from '../src/returns/return-label-env.js';
import { catalogSeeds, fleetErp, fleetMarketplace } from './e2e-support.js';

/**
 * The label step against the Temu sandbox, the label sandbox and real Redis (no worker process):
 * Temu refusing the bought label parks with its reason and a replay buys nothing; a crash between
 * Temu's upload and our record is recognised on replay (Temu says the label is already there).
 */
const KEY = 'steps-label-key';
const seeds = catalogSeeds(10);
let fleet: Fleet;
let market: TemuMarketplace;
let good: LabelSandbox;
/** Its label links point at a host Temu cannot use (ftp://): Temu answers 130010006. */
let badLinks: LabelSandbox;

const WAREHOUSE = {
  name: 'Returns',
  street: '417 Montgomery St',
  street2: null,
  city: 'San Francisco',
  state: 'CA',
  zip: '94104',
  country: 'US',
  phone: null,
  email: null,
};

beforeAll(async () => {
  fleet = await startFleet({
    prefix: uniquePrefix('return-label-steps'),
    temu: { catalog: seeds.temu, orderCount: 0, amountCalculationMs: 0 },
    odoo: { products: seeds.odoo },
  });
  market = fleetMarketplace(fleet);
  good = await startLabelSandbox({ apiKey: KEY });
  badLinks = await startLabelSandbox({ apiKey: KEY, filesBaseUrl: 'ftp://labels.invalid' });
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  await good?.close();
  await badLinks?.close();
}, 60_000);

async function setup(sandbox: LabelSandbox): Promise<ReturnLabelSetup> {
  return {
    port: new EasyPostLabels({ baseUrl: sandbox.url, apiKey: KEY, carriers: ['USPS'] }),
    erp: await fleetErp(fleet),
    warehouse: WAREHOUSE,
    weightGrams: 400,
    carriers: new Map([['usps', '1001']]),
  };
}

/** A delivered order with a return case waiting for the seller's label (status 8). */
async function labelCase(): Promise<ReturnCase> {
  const { orders } = await fleet.temuControl<{ orders: Array<{ parentOrderSn: string }> }>('POST', 'orders', {
    count: 1,
    status: 5,
    lines: [{ sku: seeds.skus[0], quantity: 1 }],
  });
  const orderSn = orders[0]!.parentOrderSn;
  const { afterSales } = await fleet.temuControl<{ afterSales: { parentAfterSalesSn: string } }>(
    'POST',
    'aftersales',
    { parentOrderSn: orderSn, kind: 'return' },
  );
  const sn = afterSales.parentAfterSalesSn;
  await fleet.temuControl('POST', `aftersales/${sn}/advance`, { step: 'use_merchant_label' });
  const c = await market.getReturnCase(sn, orderSn);
  expect(c?.status).toBe('label_needed');
  return c!;
}

describe('buyAndUploadLabel on the sandboxes', () => {
  it('Temu refusing the label (130010006) parks with the reason; the replay buys nothing more', async () => {
    const c = await labelCase();
    const purchases = new LabelPurchases(fleet.redis, fleet.prefix);
    const ctx = { setup: await setup(badLinks), purchases, market };
    const err = (await buyAndUploadLabel(ctx, c).catch((e: unknown) => e)) as IntegrationError;
    expect(err.code).toBe('ERR_RETURN_LABEL_REFUSED');
    expect(err.kind).toBe('bad_input');
    expect(err.message).toContain('return label invalid, 130010006');
    expect(badLinks.state.purchases).toBe(1);
    const recorded = await purchases.get(c.shopId, c.caseRef);
    expect(recorded).toMatchObject({ uploaded: false, label: { carrier: 'USPS' } });
    // Replayed as is: refused again, still one label bought.
    await expect(buyAndUploadLabel(ctx, c)).rejects.toMatchObject({ code: 'ERR_RETURN_LABEL_REFUSED' });
    expect(badLinks.state.purchases).toBe(1);
    expect(badLinks.state.shipments.size).toBe(1);
  });

  it('a crash after Temu took the label but before the record: the replay finds it uploaded, buys nothing', async () => {
    const c = await labelCase();
    const purchases = new LabelPurchases(fleet.redis, fleet.prefix);
    const ctx = { setup: await setup(good), purchases, market };
    const first = await buyAndUploadLabel(ctx, c);
    expect(first.carrier).toBe('USPS');
    expect(good.state.purchases).toBe(1);
    // The crash: Temu has the label, our record does not say so.
    const key = `${fleet.prefix}:state:shop:{${c.shopId}}:return-label:${c.caseRef}`;
    expect(await fleet.redis.hdel(key, 'uploaded')).toBe(1);
    expect((await purchases.get(c.shopId, c.caseRef))?.uploaded).toBe(false);
    // Replay: Temu answers 130010005 to the upload, returnaddress.get 180021003 → taken as uploaded.
    await expect(buyAndUploadLabel(ctx, c)).resolves.toEqual(first);
    expect((await purchases.get(c.shopId, c.caseRef))?.uploaded).toBe(true);
    expect(good.state.purchases).toBe(1);
  });
});
