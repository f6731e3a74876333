import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LISTING_REPORT, shopStateKey, type ListingReportEntry } from '@temu-odoo/queues';
import { AUTH, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

const entry = (code: string, over: Partial<ListingReportEntry>): ListingReportEntry => ({
  code,
  erpId: 1,
  title: `Product ${code}`,
  passed: true,
  issues: [],
  checkedAtMs: Date.UTC(2026, 10, 30, 12),
  goodsId: null,
  publishError: null,
  ...over,
});

describe('/ops/listings: the last listing check per shop', () => {
  let fx: DashboardFixture;

  beforeAll(async () => {
    fx = await startFixture('listings');
    const report = [
      entry('LAMP-1', { goodsId: '601234' }),
      entry('MUG-9', { goodsId: '601235', priceNote: 'published at the list price: MUG-9 (no cost)' }),
      entry('LAMP-GREY', {
        passed: false,
        issues: [
          {
            check: 'image',
            code: 'IMAGE_BACKGROUND_NOT_WHITE',
            field: 'image_1920',
            reason: 'main image background is not <white>',
          },
        ],
      }),
    ];
    await fx.redis.hset(
      shopStateKey(fx.prefix, 'shop-9', LISTING_REPORT),
      Object.fromEntries(report.map((e) => [e.code, JSON.stringify(e)])),
    );
  });
  afterAll(async () => {
    await fx.stop();
  });

  it('lists the failing products with the field and reason (escaped), and the counts', async () => {
    const res = await fetch(`${fx.dashboard.url}/ops/listings`, { headers: AUTH });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Shop shop-9');
    // 3 checked, LAMP-1 and MUG-9 pass and are published, LAMP-GREY must be fixed
    expect(html).toContain('3 checked · 2 pass · 1 to fix · 2 published on Temu');
    // MUG-9 went at its list price: shown with the reason
    expect(html).toContain('<li>MUG-9: published at the list price: MUG-9 (no cost)</li>');
    expect(html).toContain('<b>image_1920</b>: main image background is not &lt;white&gt;');
    expect(html).not.toContain('Product LAMP-1');
  });

  it('is behind the dashboard password and linked from /ops', async () => {
    expect((await fetch(`${fx.dashboard.url}/ops/listings`)).status).toBe(401);
    expect(await (await fetch(`${fx.dashboard.url}/ops`, { headers: AUTH })).text()).toContain(
      'href="/ops/listings"',
    );
  });
});
