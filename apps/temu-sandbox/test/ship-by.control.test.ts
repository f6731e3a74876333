import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTemuSandbox, type RunningTemuSandbox } from '../src/index.js';
import { control, CREDS, type Json, NO_LIMITS, TestClient } from './helpers.js';

/** Issue 14: the control API moves ship-by times; the Order API shows them (expectShipLatestTime). */
describe('control API: ship-by situations', () => {
  let sandbox: RunningTemuSandbox;
  let client: TestClient;

  beforeAll(async () => {
    sandbox = await startTemuSandbox({ port: 0, ...CREDS, orderCount: 0, seed: 5, rateLimits: NO_LIMITS });
    client = new TestClient(sandbox.url, CREDS);
  });
  afterAll(() => sandbox.close());

  it('puts an order 3 hours from its ship-by, and another 2 hours past it', async () => {
    const created = await control(sandbox.url, 'POST', 'orders', { count: 2, status: 2 });
    const [a, b] = created.body.orders.map((o: Json) => o.parentOrderSn as string);
    const before = Math.floor(Date.now() / 1000);
    const soon = await control(sandbox.url, 'POST', 'orders/ship-by', {
      inMinutes: 180,
      parentOrderSns: [a],
    });
    expect(soon.status).toBe(200);
    const late = await control(sandbox.url, 'POST', 'orders/ship-by', {
      inMinutes: -120,
      parentOrderSns: [b],
    });
    const after = Math.floor(Date.now() / 1000);
    // now + 10,800 s and now − 7,200 s, within the second the request took.
    expect(soon.body.orders[0].expectShipLatestAt).toBeGreaterThanOrEqual(before + 10_800);
    expect(soon.body.orders[0].expectShipLatestAt).toBeLessThanOrEqual(after + 10_800);
    expect(late.body.orders[0].expectShipLatestAt).toBeLessThanOrEqual(after - 7_200);
    // What a seller's integration reads through the signed Order API.
    const detail = await client.ok('bg.order.detail.v2.get', { parentOrderSn: a });
    expect(Number((detail.parentOrderMap as Json).expectShipLatestTime)).toBe(
      soon.body.orders[0].expectShipLatestAt,
    );
  });

  it('names the fix for a request without orders', async () => {
    const res = await control(sandbox.url, 'POST', 'orders/ship-by', { inMinutes: 60 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('give parentOrderSns');
    expect(
      (await control(sandbox.url, 'POST', 'orders/ship-by', { inMinutes: 60, parentOrderSns: ['nope'] }))
        .status,
    ).toBe(404);
  });
});
