import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Address, IntegrationError, ReturnLabelRequest } from '@temu-odoo/core';
import { LABEL_PNG, startLabelSandbox, type LabelSandbox } from '@temu-odoo/label-sandbox';
import { EasyPostLabels } from '../src/index.js';

/** The EasyPost adapter against the label sandbox over a socket. */
const KEY = 'EZTK-test-secret-key';

const address = (over: Partial<Address> = {}): Address => ({
  name: 'Ann Buyer',
  street: '179 N Harbor Dr',
  street2: null,
  city: 'Redondo Beach',
  state: 'CA',
  zip: '90277',
  country: 'US',
  phone: null,
  email: null,
  ...over,
});

const request = (over: Partial<ReturnLabelRequest> = {}): ReturnLabelRequest => ({
  reference: 'PO-AS-1',
  buyer: address(),
  warehouse: address({
    name: 'Return warehouse',
    street: '417 Montgomery St',
    city: 'San Francisco',
    zip: '94104',
  }),
  weightGrams: 500,
  ...over,
});

let sandbox: LabelSandbox;
beforeAll(async () => {
  sandbox = await startLabelSandbox({ apiKey: KEY });
});
afterAll(async () => {
  await sandbox.close();
});

const labels = (over: Partial<ConstructorParameters<typeof EasyPostLabels>[0]> = {}) =>
  new EasyPostLabels({ baseUrl: sandbox.url, apiKey: KEY, ...over });

async function rejection(p: Promise<unknown>): Promise<IntegrationError> {
  return (await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  )) as IntegrationError;
}

describe('EasyPostLabels on the label sandbox', () => {
  it('quotes a return shipment, buys the cheapest rate once, and a second buy returns the same label', async () => {
    const port = labels();
    const before = sandbox.state.balanceCents;
    const purchases = sandbox.state.purchases;
    const { quoteId } = await port.quote(request());
    const shipment = sandbox.state.shipments.get(quoteId)!;
    // 500 g / 28.3495 g per oz = 17.64 oz, rounded up to the tenth: 17.7
    expect(shipment.parcel.weight).toBe(17.7);
    expect(shipment.is_return).toBe(true);
    expect(shipment.reference).toBe('PO-AS-1');
    // Warehouse as from_address, buyer as to_address: is_return swaps them on the label.
    expect(shipment.to_address.name).toBe('Ann Buyer');
    const label = await port.buy(quoteId);
    // USPS: 5.93 + ceil(17.7)=18 oz × 0.04 = 6.65; UPS: 9.87 + 18 × 0.03 = 10.41 → USPS is cheapest.
    expect(label).toMatchObject({ quoteId, carrier: 'USPS', service: 'GroundAdvantage' });
    expect(label.price).toEqual({ amountMinor: 665, currency: 'USD' });
    expect(label.trackingNumber).toMatch(/^9400\d+$/);
    expect(sandbox.state.balanceCents).toBe(before - 665);
    const again = await port.buy(quoteId);
    expect(again).toEqual(label);
    expect(sandbox.state.purchases).toBe(purchases + 1);
    expect(sandbox.state.balanceCents).toBe(before - 665);
    const file = await port.download(label);
    expect(file.mimetype).toBe('image/png');
    expect(Buffer.from(file.content).equals(LABEL_PNG)).toBe(true);
  });

  it('a configured carrier is bought even when dearer (UPS 10.41 instead of USPS 6.65)', async () => {
    const port = labels({ carriers: ['UPS'] });
    const label = await port.buy((await port.quote(request())).quoteId);
    expect(label.carrier).toBe('UPS');
    expect(label.price.amountMinor).toBe(1041);
  });

  it('an undeliverable buyer address is bad input naming EasyPost code and field', async () => {
    const err = await rejection(labels().quote(request({ buyer: address({ zip: '00000' }) })));
    expect(err.kind).toBe('bad_input');
    expect(err.code).toBe('ERR_LABEL_PROVIDER_REFUSED');
    expect(err.message).toContain('ADDRESS.VERIFY.FAILURE');
    expect(err.message).toContain('address: Address not found');
  });

  it('an empty wallet is bad input (402) and nothing is bought', async () => {
    const port = labels();
    const { quoteId } = await port.quote(request());
    const purchases = sandbox.state.purchases;
    const saved = sandbox.state.balanceCents;
    sandbox.state.balanceCents = 100;
    try {
      const err = await rejection(port.buy(quoteId));
      expect(err.code).toBe('ERR_LABEL_PROVIDER_FUNDS');
      expect(err.message).toContain('PAYMENT.INSUFFICIENT_FUNDS');
    } finally {
      sandbox.state.balanceCents = saved;
    }
    expect(sandbox.state.purchases).toBe(purchases);
    expect(sandbox.state.shipments.get(quoteId)!.postage_label).toBeNull();
  });

  it('a wrong key is a credentials error whose message does not contain the key', async () => {
    const err = await rejection(
      new EasyPostLabels({ baseUrl: sandbox.url, apiKey: 'wrong-key-123' }).quote(request()),
    );
    expect(err.kind).toBe('credentials');
    expect(err.message).toContain('APIKEY.INACTIVE');
    expect(err.message).not.toContain('wrong-key-123');
  });

  it('no rate for the configured service names what was offered', async () => {
    const port = labels({ carriers: ['FedEx'] });
    const err = await rejection(port.buy((await port.quote(request())).quoteId));
    expect(err.code).toBe('ERR_LABEL_NO_RATE');
    expect(err.message).toContain('USPS GroundAdvantage, UPS Ground');
  });
});
