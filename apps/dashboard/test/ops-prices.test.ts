import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lastPricePlanKey } from '@temu-odoo/queues';
import { AUTH, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

describe('/ops/prices/:shop: the last price plan', () => {
  let fx: DashboardFixture;
  beforeAll(async () => {
    fx = await startFixture('prices');
  });
  afterAll(async () => {
    await fx.stop();
  });

  it('shows the table the worker kept, amounts as decimals, text escaped', async () => {
    await fx.redis.set(
      lastPricePlanKey(fx.prefix, 'shop-p'),
      JSON.stringify({
        shopId: 'shop-p',
        plannedAtMs: Date.UTC(2026, 10, 30, 12),
        dryRun: true,
        rows: [
          {
            sku: 'MUG-1',
            currency: 'USD',
            costMinor: 1100,
            currentMinor: 2000,
            proposedMinor: 2399,
            floorMinor: 1908,
            rulesFired: ['ending'],
            push: true,
            skipped: null,
          },
          {
            sku: '<b>X</b>',
            currency: null,
            costMinor: null,
            currentMinor: null,
            proposedMinor: null,
            floorMinor: null,
            rulesFired: [],
            push: false,
            skipped: 'missing_cost: no cost',
          },
        ],
      }),
    );
    const res = await fetch(`${fx.dashboard.url}/ops/prices/shop-p`, { headers: AUTH });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Dry run at 2026-11-30T12:00:00.000Z: 1 SKU(s) to push, 1 skipped.');
    // 1100 → 11.00, 2000 → 20.00, 2399 → 23.99, 1908 → 19.08
    expect(html).toContain(
      '<tr><td>MUG-1</td><td>11.00</td><td>20.00</td><td>23.99</td><td>19.08</td><td>yes</td><td>ending</td></tr>',
    );
    expect(html).toContain('&lt;b&gt;X&lt;/b&gt;');
    expect(html).not.toContain('<b>X</b>');
  });

  it('says how to make a plan when there is none', async () => {
    const res = await fetch(`${fx.dashboard.url}/ops/prices/shop-none`, { headers: AUTH });
    expect(await res.text()).toContain('pnpm ops prices --shop shop-none --dry-run');
  });
});
