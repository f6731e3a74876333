import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { QUEUE_NAMES } from '@temu-odoo/queues';
import { PASSWORD, USER, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = process.env.DASHBOARD_SCREENSHOT ?? '/tmp/dashboard.png';

describe('dashboard in headless Chromium', () => {
  let fx: DashboardFixture;
  let browser: Browser;

  beforeAll(async () => {
    // A missing browser is a failure, not a skip: the issue asks for this test to run in CI.
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
      );
    }
    fx = await startFixture('browser');
    await fx.registry.enqueue('system.heartbeat', { from: 'browser-test', sentAtMs: Date.now() });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.stop();
  });

  /**
   * Chromium answers a 401 challenge it cannot satisfy by aborting the navigation
   * (net::ERR_INVALID_AUTH_CREDENTIALS), so the 401 is read from the response event.
   */
  async function statusSeenByBrowser(credentials?: { username: string; password: string }) {
    const context = await browser.newContext(credentials ? { httpCredentials: credentials } : {});
    try {
      const page = await context.newPage();
      const seen: Array<{ status: number; challenge: string | null }> = [];
      page.on('response', (r) =>
        seen.push({ status: r.status(), challenge: r.headers()['www-authenticate'] ?? null }),
      );
      const res = await page.goto(fx.dashboard.url).catch((err: Error) => {
        if (!/ERR_INVALID_AUTH_CREDENTIALS/.test(err.message)) throw err;
        return null;
      });
      return res ? [{ status: res.status(), challenge: res.headers()['www-authenticate'] ?? null }] : seen;
    } finally {
      await context.close();
    }
  }

  it('gets 401 without credentials', async () => {
    const seen = await statusSeenByBrowser();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.status === 401)).toBe(true);
    expect(seen[0]!.challenge).toMatch(/^Basic realm=/);
  });

  it('gets 401 with a wrong password', async () => {
    const seen = await statusSeenByBrowser({ username: USER, password: 'wrong' });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.status === 401)).toBe(true);
  });

  it('logs in with basic auth and sees every catalog queue in Bull Board', async () => {
    const context = await browser.newContext({
      httpCredentials: { username: USER, password: PASSWORD },
      viewport: { width: 1400, height: 1000 },
    });
    try {
      const page = await context.newPage();
      // Bull Board links a web font from the internet; do not let an offline CI wait for it.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      const res = await page.goto(fx.dashboard.url, { waitUntil: 'domcontentloaded' });
      expect(res?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/queues');
      for (const name of QUEUE_NAMES) {
        await page.getByText(name, { exact: true }).first().waitFor({ state: 'visible', timeout: 15_000 });
      }
      // The overview loads its cards after the menu; wait for it so the screenshot shows real data.
      await page.getByText('Loading...').waitFor({ state: 'detached', timeout: 15_000 });
      const text = await page.locator('body').innerText();
      for (const name of QUEUE_NAMES) expect(text).toContain(name);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    } finally {
      await context.close();
    }
  }, 45_000);
});
