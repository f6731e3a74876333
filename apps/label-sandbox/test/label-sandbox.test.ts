import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LABEL_PNG, startLabelSandbox, type LabelSandbox } from '../src/index.js';

/** The sandbox's own rules over a socket (the adapter's test covers the happy paths). */
let sandbox: LabelSandbox;
const auth = {
  authorization: `Basic ${Buffer.from('k1:').toString('base64')}`,
  'content-type': 'application/json',
};
const addr = { street1: '1 Main St', city: 'Springfield', zip: '12345', country: 'US' };

beforeAll(async () => {
  sandbox = await startLabelSandbox({ apiKey: 'k1' });
});
afterAll(async () => {
  await sandbox.close();
});

/** The parts of the sandbox's answers these tests read. */
interface Answer {
  id: string;
  rates: Array<{ id: string; rate: string }>;
  postage_label: { label_url: string };
  error: { code: string; errors: Array<{ field: string }> };
}

async function post(path: string, body: unknown) {
  const res = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

describe('label sandbox', () => {
  it('serves the label only once bought, and refuses a second purchase of the same shipment', async () => {
    const created = await post('/v2/shipments', {
      shipment: { to_address: addr, from_address: addr, parcel: { weight: 10 }, is_return: true },
    });
    expect(created.status).toBe(201);
    // USPS 5.93 + 10 oz × 0.04 = 6.33; UPS 9.87 + 10 × 0.03 = 10.17
    expect(created.body.rates.map((r) => r.rate)).toEqual(['6.33', '10.17']);
    const id = created.body.id;
    expect((await fetch(`${sandbox.url}/files/postage_label/${id}.png`)).status).toBe(404);
    const bought = await post(`/v2/shipments/${id}/buy`, { rate: { id: created.body.rates[0]!.id } });
    expect(bought.status).toBe(200);
    const file = await fetch(bought.body.postage_label.label_url);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(LABEL_PNG)).toBe(true);
    const again = await post(`/v2/shipments/${id}/buy`, { rate: { id: created.body.rates[0]!.id } });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('SHIPMENT.POSTAGE.EXISTS');
    expect(sandbox.state.purchases).toBe(1);
  });

  it('an incomplete address is 422 ADDRESS.VERIFY.FAILURE naming the missing fields', async () => {
    const res = await post('/v2/shipments', {
      shipment: { to_address: { city: 'X' }, from_address: addr, parcel: { weight: 1 } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ADDRESS.VERIFY.FAILURE');
    expect(res.body.error.errors.map((e) => e.field)).toEqual(['street1', 'zip', 'country']);
  });

  it('no key is 401 APIKEY.REQUIRED', async () => {
    const res = await fetch(`${sandbox.url}/v2/shipments/shp_1`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('APIKEY.REQUIRED');
  });
});
