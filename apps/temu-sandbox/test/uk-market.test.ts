import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTemuSandbox, type RunningTemuSandbox } from '../src/index.js';
import { CREDS, type Json, NO_LIMITS, TestClient } from './helpers.js';

/**
 * A shop selling in the UK (issue 11's GBP shop): Temu serves it through the EU gateway, its orders
 * are region 210 (docs/temu-api.md §8.8) in pounds with the 20 % UK VAT on each line.
 */
describe('UK market (GBP, 20 % VAT, EU gateway)', () => {
  let sandbox: RunningTemuSandbox;
  let client: TestClient;

  beforeAll(async () => {
    sandbox = await startTemuSandbox({
      port: 0,
      ...CREDS,
      market: 'UK',
      orderCount: 5,
      rateLimits: NO_LIMITS,
      amountCalculationMs: 0,
    });
    client = new TestClient(sandbox.url, CREDS);
  });
  afterAll(() => sandbox.close());

  it('answers from the EU gateway with region 210 orders in GBP taxed at 20 %', async () => {
    const answer = await client.call('bg.order.list.v2.get', { pageNumber: 1, pageSize: 10 });
    expect(answer.body.requestId).toMatch(/^eu-/);
    const item = answer.body.result.pageItems[0];
    expect(item.parentOrderMap.parentOrderSn).toMatch(/^PO-210-\d{17}$/);
    expect(item.parentOrderMap.regionId).toBe(210);
    const sn = item.parentOrderMap.parentOrderSn as string;
    const amounts = await client.ok('bg.order.amount.query', { parentOrderSn: sn });
    const lines = amounts.orderList as Json[];
    expect(lines.every((l: Json) => l.basePrice.currency === 'GBP')).toBe(true);
    // Temu sends rates × 10,000,000 (docs/temu-api.md §8.6): 20 % is 2,000,000 on every line,
    // and the order's tax is the sum of its lines' taxes.
    expect(lines.map((l: Json) => l.productTaxRate)).toEqual(lines.map(() => 2_000_000));
    const tax = lines.reduce((s: number, l: Json) => s + (l.productTaxAmount.amount as number), 0);
    expect(tax).toBeGreaterThan(0);
    expect(amounts.parentOrderMap.productTaxAmount).toEqual({ amount: tax, currency: 'GBP' });
  });

  it('refuses a UK market behind another gateway', async () => {
    await expect(
      startTemuSandbox({ port: 0, ...CREDS, market: 'UK', region: 'US', orderCount: 0 }),
    ).rejects.toThrow('the UK market is served by the EU gateway, not US');
  });
});
