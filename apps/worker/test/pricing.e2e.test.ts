/**
 * Issue 12 end to end on the sandboxes: Odoo costs + a competitor feed → prices.plan → price orders at
 * Temu → two pass, one counter-offer above the floor (accepted), one below (refused) → Temu's listed
 * prices and the Odoo price list "Temu <shop>" agree; a second plan with nothing changed calls Temu
 * not once. A real worker process on real Redis, both sandboxes over HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFleet, uniquePrefix, type Fleet } from '../../../tools/lib/fleet.js';
import { fleetErp, runOps } from './e2e-support.js';
import { drained, jobResult } from './support/inventory-fleet.helper.js';

/**
 * Hand-worked prices. Config: commission 10 %, no other fees, target margin 30 %, minimum margin 10 %,
 * endings .99, daily cap 90 % (out of the way), competitor undercut by 0.01 within 10 % of the formula.
 * - A cost 7.00: ⌈700 / 0.6⌉ = 1167 → 11.99; floor ⌈700 / 0.8⌉ = 875. Temu passes it.
 * - B cost 14.00: ⌈1400 / 0.6⌉ = 2334 → 23.99; floor ⌈1400 / 0.8⌉ = 1750. Temu counters 20.00 ≥ 17.50: accepted.
 * - C cost 7.00: 11.99, floor 8.75. Temu counters 8.00 < 8.75: refused, Temu keeps 10.00.
 * - D cost 10.00: ⌈1000 / 0.6⌉ = 1667; competitor 15.00 → 14.99, limit 1667 × 0.9 = 1500.3 → 1500;
 *   max(1499, 1500) = 1500 → ending down 14.99 (floor ⌈1000 / 0.8⌉ = 1250). Temu passes it.
 * - E cost 7.00, alone in goods of Temu leaf category 1211 (Mugs) whose commission is 20 %:
 *   ⌈700 / (1 − 0.2 − 0.3)⌉ = 1400 → ending up 14.99; floor ⌈700 / (1 − 0.2 − 0.1)⌉ = 1000. Temu passes
 *   it. At the default 10 % it would be A's 11.99. A–D are in leaf 111 (Desk Lamps), no rate of its own.
 */
const SKUS = [
  { code: 'PRC-A', cost: 7, listed: 1000, expected: 1199 },
  { code: 'PRC-B', cost: 14, listed: 2000, expected: 2000 },
  { code: 'PRC-C', cost: 7, listed: 1000, expected: 1000 },
  { code: 'PRC-D', cost: 10, listed: 1800, expected: 1499 },
  { code: 'PRC-E', cost: 7, listed: 1000, expected: 1499 },
];
const IN_MUGS = new Set(['PRC-E']);

let fleet: Fleet;
let dir: string;

beforeAll(async () => {
  fleet = await startFleet({
    prefix: uniquePrefix('pricing'),
    temu: {
      orderCount: 0,
      catalog: [
        ...[
          { goodsName: 'Pricing demo', catId: 111, skus: SKUS.filter((s) => !IN_MUGS.has(s.code)) },
          { goodsName: 'Pricing mug', catId: 1211, skus: SKUS.filter((s) => IN_MUGS.has(s.code)) },
        ].map((g) => ({
          ...g,
          skus: g.skus.map((s) => ({ sellerSku: s.code, priceMinor: s.listed, currency: 'USD', stock: 100 })),
        })),
      ],
    },
    odoo: {
      products: SKUS.map((s) => ({
        defaultCode: s.code,
        name: `Priced ${s.code}`,
        listPrice: 30,
        qtyOnHand: 20,
      })),
    },
  });
  const erp = await fleetErp(fleet);
  const ids = await erp.resolveProducts(SKUS.map((s) => s.code));
  for (const s of SKUS)
    await erp.connection.write('product.product', [ids.get(s.code)!], { standard_price: s.cost });

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pricing-e2e-'));
  const feed = path.join(dir, 'competitors.csv');
  fs.writeFileSync(
    feed,
    `sku,competitor,price,currency,seen_at\nPRC-D,rival,15.00,USD,${new Date().toISOString()}\nPRC-A,rival,cheap,USD,2026-01-01\n`,
  );
  const pricingFile = path.join(dir, 'pricing.json');
  fs.writeFileSync(
    pricingFile,
    JSON.stringify({
      reviewPollSeconds: 1,
      shops: {
        [fleet.shopId]: {
          competitorFeed: feed,
          belowFloor: 'refuse',
          config: {
            commission: { defaultRate: 0.1, byCategory: { '1211': 0.2 } },
            targetMargin: 0.3,
            minMargin: 0.1,
            priceEnding: { everyMinor: 100, endingMinor: 99 },
            rules: {
              competitor: { mode: 'undercut', undercutMinor: 1, maxDropRate: 0.1 },
              maxDailyChangeRate: 0.9,
            },
          },
        },
      },
    }),
  );
  await fleet.temuControl('POST', 'price-review', {
    latencyMs: 0,
    defaultOutcome: { outcome: 'pass' },
    bySellerSku: {
      'PRC-B': { outcome: 'counter', counterMinor: 2000 },
      'PRC-C': { outcome: 'counter', counterMinor: 800, reason: 'price above similar items' },
    },
  });
  fleet.startWorker({ PRICING_FILE: pricingFile });
  const refresh = await fleet.registry.enqueue('products.refresh', { shopId: fleet.shopId });
  await jobResult(fleet, refresh, 60_000);
}, 90_000);

afterAll(async () => {
  await fleet?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('pricing on the sandboxes', () => {
  it('plans, files price orders, follows the review, and Temu and Odoo agree', async () => {
    const plan = await fleet.registry.enqueue('prices.plan', { shopId: fleet.shopId }, { jobId: 'plan-1' });
    const summary = await jobResult<{ priced: number; goodsToPush: number; feedRowsRejected: number }>(
      fleet,
      plan,
      60_000,
    );
    // Four SKUs of one goods and E of another: two price-order calls; the unreadable feed row is
    // reported, not fatal.
    expect(summary).toMatchObject({ priced: 5, goodsToPush: 2, feedRowsRejected: 1 });
    await drained(fleet, ['temu-products', 'odoo'], 60_000);

    const { skus } = await fleet.temuControl<{ skus: Array<{ sellerSku: string; priceMinor: number }> }>(
      'GET',
      'state/skus',
    );
    const temuPrice = new Map(skus.map((s) => [s.sellerSku, s.priceMinor]));
    expect(SKUS.map((s) => [s.code, temuPrice.get(s.code)])).toEqual(SKUS.map((s) => [s.code, s.expected]));

    const { priceOrders } = await fleet.temuControl<{
      priceOrders: Array<{ status: number; targetMinor: number }>;
    }>('GET', 'state/price-orders');
    // A, D and E passed (201), B's counter accepted (203), C's refused (205).
    expect(priceOrders.map((o) => [o.targetMinor, o.status]).sort()).toEqual(
      [
        [1199, 201],
        [1499, 201],
        [1499, 201],
        [1199, 205],
        [2399, 203],
      ].sort(),
    );

    const erp = await fleetErp(fleet);
    const ids = await erp.resolveProducts(SKUS.map((s) => s.code));
    const list = await erp.readPriceList(`Temu ${fleet.shopId}`);
    const odooPrice = (code: string) => list.get(ids.get(code)!)?.amountMinor;
    // Odoo lists what Temu lists for every SKU whose price Temu took; C kept its old price and has no item.
    expect(['PRC-A', 'PRC-B', 'PRC-D', 'PRC-E'].map((c) => [c, odooPrice(c)])).toEqual(
      ['PRC-A', 'PRC-B', 'PRC-D', 'PRC-E'].map((c) => [c, temuPrice.get(c)]),
    );
    expect(odooPrice('PRC-C')).toBeUndefined();
  });

  it('makes no Temu call when planning again with nothing changed', async () => {
    await fleet.temuControl('POST', 'stats/reset');
    const plan = await fleet.registry.enqueue('prices.plan', { shopId: fleet.shopId }, { jobId: 'plan-2' });
    const summary = await jobResult<{ goodsToPush: number }>(fleet, plan, 60_000);
    expect(summary.goodsToPush).toBe(0);
    await drained(fleet, ['temu-products', 'odoo'], 30_000);
    const stats = await fleet.temuControl<{ callsTotal: number }>('GET', 'stats');
    expect(stats.callsTotal).toBe(0);
  });

  it('prints the plan table with `pnpm ops prices --dry-run`, changing nothing', async () => {
    await fleet.temuControl('POST', 'stats/reset');
    const stdout = await runOps(fleet, ['prices', '--shop', fleet.shopId, '--dry-run']);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^Dry run for shop ${fleet.shopId} at .*: 0 SKU\\(s\\) to push, 0 skipped$`),
    );
    expect(lines[1]!.split(/\s{2,}/)).toEqual([
      'SKU',
      'cost',
      'current',
      'proposed',
      'floor',
      'push',
      'rules / skipped',
    ]);
    // D: cost 10.00, listed 14.99 since the first plan, proposed 14.99 again, floor 12.50.
    expect(lines.find((l) => l.startsWith('PRC-D'))!.split(/\s+/)).toEqual([
      'PRC-D',
      '10.00',
      '14.99',
      '14.99',
      '12.50',
      'competitor,',
      'ending',
    ]);
    const stats = await fleet.temuControl<{ callsTotal: number }>('GET', 'stats');
    expect(stats.callsTotal).toBe(0);
  });
});
