import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { shopHealthKey, type ShopHealthSnapshot } from '@temu-odoo/queues';
import { AUTH, PASSWORD, USER, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = process.env.HEALTH_SCREENSHOT ?? '/tmp/dashboard-health.png';
const HOUR = 3_600_000;

/**
 * The health page in headless Chromium on a phone-sized screen: every number it shows is the
 * value /metrics exports for the same series, written the way the page says (percent, count …).
 * The worker's gauges and snapshot are written into Redis as the worker writes them.
 */
describe('health page in headless Chromium', () => {
  let fx: DashboardFixture;
  let browser: Browser;
  const now = Date.now();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
      );
    }
    fx = await startFixture('health');
    const shop = 'shop-h';
    // 7 days: 18 of 20 due orders on time = 0.9; 30 days: 97/100 = 0.97 (hand-picked values).
    await fx.redis.hset(`${fx.prefix}:state:{metrics}`, {
      [`seller_ship_by_compliance{shop="${shop}",window="7d"}`]: '0.9',
      [`seller_ship_by_compliance{shop="${shop}",window="30d"}`]: '0.97',
      [`seller_tracking_upload_rate{shop="${shop}",window="7d"}`]: '1',
      [`seller_late_shipment_rate{shop="${shop}",window="7d"}`]: '0.05',
      [`orders_imported_today{shop="${shop}"}`]: '42',
      [`order_lag_p50_seconds{shop="${shop}"}`]: '3.25',
      [`order_lag_p95_seconds{shop="${shop}"}`]: '19.5',
      [`stock_pushes_today{shop="${shop}"}`]: '7',
      [`oversell_rate{shop="${shop}"}`]: '0.0125',
      [`token_days_to_expiry{shop="${shop}"}`]: '6',
      [`orders_at_risk{shop="${shop}"}`]: '2',
      [`orders_overdue{shop="${shop}"}`]: '1',
      'temu_calls_last_hour{group="orders"}': '118',
      'temu_calls_last_hour{group="shipping"}': '9',
    });
    const snapshot: ShopHealthSnapshot = {
      shopId: shop,
      evaluatedAtMs: now,
      metrics: {
        '7': {
          shipByCompliance: { value: 0.9, numerator: 18, denominator: 20 },
          trackingUploadRate: { value: 1, numerator: 20, denominator: 20 },
          deliverySuccess: { value: null, numerator: 0, denominator: 0 },
          lateShipmentRate: { value: 0.05, numerator: 1, denominator: 20 },
        },
      },
      atRisk: [
        { orderRef: 'PO-LATE', shipByMs: now - HOUR, risk: 'overdue', leftMs: -HOUR },
        { orderRef: 'PO-SOON', shipByMs: now + 3 * HOUR + 60_000, risk: 'urgent', leftMs: 3 * HOUR },
      ],
      atRiskTotal: 1,
      overdueTotal: 1,
      complianceTrend: [1, 0.98, null, 0.9],
    };
    await fx.redis.set(shopHealthKey(fx.prefix, shop), JSON.stringify(snapshot));
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.stop();
  });

  /** `name{a="x",b="y"} value` lines of /metrics → `name|a=x,b=y` → value. */
  async function scrape(): Promise<Map<string, number>> {
    const res = await fetch(`${fx.dashboard.url}/metrics`, { headers: AUTH });
    expect(res.status).toBe(200);
    const out = new Map<string, number>();
    for (const line of (await res.text()).split('\n')) {
      const m = /^([a-z0-9_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) continue;
      const labels = [...(m[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)]
        .map(([, k, v]) => `${k}=${v}`)
        .sort()
        .join(',');
      out.set(`${m[1]}|${labels}`, Number(m[3]));
    }
    return out;
  }

  /** The page's rule, written out again: percent with one decimal, counts whole, seconds, days. */
  function written(value: number, format: string): string {
    if (format === 'percent') return `${(value * 100).toFixed(1)}%`;
    if (format === 'seconds') return `${value.toFixed(1)} s`;
    if (format === 'days') return `${Math.round(value)} d`;
    return String(Math.round(value));
  }

  it('shows the numbers /metrics exports, readable on a phone', async () => {
    const context = await browser.newContext({
      httpCredentials: { username: USER, password: PASSWORD },
      viewport: { width: 390, height: 844 },
    });
    try {
      const page = await context.newPage();
      const res = await page.goto(`${fx.dashboard.url}/health`, { waitUntil: 'domcontentloaded' });
      expect(res?.status()).toBe(200);
      const shown = await page.$$eval('[data-gauge]', (els) =>
        els.map((e) => ({
          series: `${e.getAttribute('data-gauge')}|${e.getAttribute('data-labels')}`,
          value: e.getAttribute('data-value'),
          format: e.getAttribute('data-format')!,
          text: (e.textContent ?? '').trim(),
        })),
      );
      const metrics = await scrape();
      const withValues = shown.filter((s) => s.value !== '');
      // 14 gauges written above, all shown; the rest of the cells say "—" and /metrics has no series.
      expect(withValues).toHaveLength(14);
      for (const s of withValues) {
        expect(metrics.get(s.series)).toBe(Number(s.value));
        expect(s.text).toBe(written(metrics.get(s.series)!, s.format));
      }
      for (const s of shown.filter((x) => x.value === '')) {
        expect(metrics.has(s.series)).toBe(false);
        expect(s.text).toBe('—');
      }
      const text = await page.locator('body').innerText();
      // Hand-checked renderings: 0.9 → 90.0%, 0.0125 → 1.3%, 18/20 counts, time left of the orders.
      expect(text).toContain('90.0%');
      expect(text).toContain('1.3%');
      expect(text).toContain('18/20');
      expect(text).toMatch(/PO-LATE\s+\S+ \S+\s+1 h 0 min late/);
      expect(text).toMatch(/PO-SOON\s+\S+ \S+\s+3 h [01] min/);
      // Trend [1, 0.98, null, 0.9]: the gap splits it into a line of two days and a lone point.
      expect(await page.locator('svg.spark polyline').count()).toBe(1);
      expect(await page.locator('svg.spark circle').count()).toBe(1);
      // Nothing wider than the phone screen.
      expect(
        await page.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
              .documentElement.scrollWidth,
        ),
      ).toBeLessThanOrEqual(390);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    } finally {
      await context.close();
    }
  }, 45_000);

  it('asks for the same credentials as the rest of the dashboard', async () => {
    const res = await fetch(`${fx.dashboard.url}/health`);
    expect(res.status).toBe(401);
  });
});
