/**
 * Issue 6 end to end: Odoo sandbox stock → real worker process → Temu sandbox stock, on real Redis.
 * One fleet for the file: a first full pass brings Temu to the targets, then each test changes one
 * side and checks what the next sweep / reconciliation sends (sandbox statistics count the calls).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { TemuClient, TemuMarketplace } from '@temu-odoo/temu-connector';
import { FLEET_CREDENTIALS, startFleet, uniquePrefix, type Fleet } from '../../../tools/lib/fleet.js';
import {
  POLICY,
  STOCK_EDIT,
  catalogue,
  expectedTarget,
  failedPushes,
  jobResult,
  drained,
  setOdooStock,
  sweepAndSettle,
  temuStats,
  temuStock,
  type CatalogueSku,
} from './support/inventory-fleet.helper.js';

const FULL_SHOP = 'shop-full-e2e';
// 6 goods × 3 SKUs, all above the safety stock; goods 5 stays untouched throughout.
const CAT = catalogue('INV', 6, 3, (g, s) => 10 + g * 5 + s * 3);
/** Odoo on-hand per code as the tests move it (the oracle for expected targets). */
const onHand = new Map(CAT.goods.flat().map((s) => [s.code, s.qty]));

let fleet: Fleet;
let shopsFile: string;

function expectTemuAtTargets(stock: Map<string, number>): void {
  const wrong = [...onHand]
    .filter(([code, qty]) => stock.get(code) !== expectedTarget(qty))
    .map(
      ([code, qty]) => `${code}: Temu ${stock.get(code)}, expected ${expectedTarget(qty)} (on hand ${qty})`,
    );
  expect(wrong).toEqual([]);
}

async function changeOdoo(changes: CatalogueSku[]): Promise<void> {
  await setOdooStock(fleet, changes);
  for (const c of changes) onHand.set(c.code, c.qty);
}

beforeAll(async () => {
  fleet = await startFleet({
    prefix: uniquePrefix('inventory'),
    temu: { catalog: CAT.temu, orderCount: 0 },
    odoo: { products: CAT.odoo },
    workerEnv: { ...POLICY.env },
  });
  // Two shops on the same sandbox: the fleet's seller-fulfilled shop and a fully-managed one.
  const shop = {
    region: 'US',
    gatewayUrl: fleet.temu.url,
    appKey: FLEET_CREDENTIALS.appKey,
    appSecret: FLEET_CREDENTIALS.appSecret,
    accessToken: FLEET_CREDENTIALS.accessToken,
  };
  shopsFile = path.join(os.tmpdir(), `${fleet.prefix}-shops.json`);
  fs.writeFileSync(
    shopsFile,
    JSON.stringify([
      { ...shop, shopId: fleet.shopId, sellingModel: 'local' },
      { ...shop, shopId: FULL_SHOP, sellingModel: 'full', region: 'CN', deliveryAddressId: 1 },
    ]),
  );
  fleet.startWorker({ TEMU_SHOPS_FILE: shopsFile });
  // First full pass: Temu knows nothing acknowledged yet, so every goods gets one call.
  const summary = await sweepAndSettle(fleet, true, 60_000);
  expect(summary).toMatchObject({ full: true, goodsToPush: CAT.goods.length });
}, 90_000);

afterAll(async () => {
  await fleet?.stop();
  if (shopsFile) fs.rmSync(shopsFile, { force: true });
}, 30_000);

describe('inventory sync (issue 6) with both sandboxes and a real worker', () => {
  it('brings every Temu SKU to floor(max(0, free − safety) × share) on the first full pass', async () => {
    expectTemuAtTargets(await temuStock(fleet));
    expect(await failedPushes(fleet)).toEqual([]);
  });

  it('after a stock change in Odoo, one sweep pushes only the goods whose targets moved', async () => {
    await fleet.temuControl('POST', 'stats/reset');
    const [g0, , g2, , g4] = CAT.goods;
    await changeOdoo([
      { code: g0![0]!.code, qty: 40 }, // target 3 → 15
      { code: g2![0]!.code, qty: 0 }, // no stock at all → 0
      { code: g2![2]!.code, qty: 1 }, // below the safety stock → 0, never negative
      // Moves in Odoo but keeps the same target (floor(31 × 0.4) = floor(32 × 0.4) = 12): no call.
      { code: g4![1]!.code, qty: 34 },
    ]);
    expect(expectedTarget(33)).toBe(expectedTarget(34));

    const summary = await sweepAndSettle(fleet, false, 30_000);

    expect(summary).toMatchObject({ full: false, goodsToPush: 2, skusToPush: 3 });
    const stock = await temuStock(fleet);
    expectTemuAtTargets(stock);
    expect(stock.get(g0![0]!.code)).toBe(15);
    expect(stock.get(g2![0]!.code)).toBe(0);
    expect(stock.get(g2![2]!.code)).toBe(0);
    const stats = await temuStats(fleet);
    expect(stats.callsByType[STOCK_EDIT]).toBe(2);
  });

  it('a sweep with nothing changed sends no stock call', async () => {
    await fleet.temuControl('POST', 'stats/reset');
    const summary = await sweepAndSettle(fleet, false, 30_000);
    expect(summary.goodsToPush).toBe(0);
    expect((await temuStats(fleet)).callsByType[STOCK_EDIT] ?? 0).toBe(0);
    expectTemuAtTargets(await temuStock(fleet));
  });

  it('stock.reconcile puts back a Temu SKU edited behind our back', async () => {
    const victim = CAT.goods[1]![1]!;
    const { skus } = await fleet.temuControl<{
      skus: Array<{ sellerSku: string; skuId: string; goodsId: string }>;
    }>('GET', 'state/skus');
    const sku = skus.find((s) => s.sellerSku === victim.code)!;
    // Someone edits the stock in Seller Center: a real signed stock edit, not through the worker.
    const outsider = new TemuMarketplace({
      shopId: fleet.shopId,
      client: new TemuClient({
        baseUrl: fleet.temu.url,
        appKey: FLEET_CREDENTIALS.appKey,
        appSecret: FLEET_CREDENTIALS.appSecret,
        accessToken: FLEET_CREDENTIALS.accessToken,
      }),
    });
    const drift = expectedTarget(victim.qty) + 37;
    const answer = await outsider.setStock(
      sku.goodsId,
      [{ skuId: sku.skuId, quantity: drift }],
      `drift-${Date.now()}`,
    );
    expect(answer).toEqual([expect.objectContaining({ skuId: sku.skuId, ok: true })]);
    expect((await temuStock(fleet)).get(victim.code)).toBe(drift);
    await fleet.temuControl('POST', 'stats/reset');

    const job = await fleet.registry.enqueue('stock.reconcile', { shopId: fleet.shopId });
    const report = await jobResult<{ skus: number; drifted: number; driftedSkus: string[] }>(
      fleet,
      job,
      30_000,
    );
    await drained(fleet, ['temu-inventory', 'odoo'], 30_000);

    expect(report).toEqual({ skus: onHand.size, drifted: 1, driftedSkus: [sku.skuId] });
    const stock = await temuStock(fleet);
    expect(stock.get(victim.code)).toBe(expectedTarget(victim.qty));
    expectTemuAtTargets(stock);
    // The full sweep after reconciliation corrects the one drifted goods and nothing else.
    expect((await temuStats(fleet)).callsByType[STOCK_EDIT]).toBe(1);
  });

  it('when several sweeps queue pushes for one goods, only the latest is sent', async () => {
    // Split the fleet: one worker sweeps (odoo queue), pushes wait until a Temu worker starts.
    await fleet.stopWorker(fleet.workers[0]!);
    fleet.startWorker({ TEMU_SHOPS_FILE: shopsFile, WORKER_QUEUES: 'odoo,system' });
    await fleet.temuControl('POST', 'stats/reset');
    const [a, b] = CAT.goods[3]!;
    const sweep = async () => {
      const job = await fleet.registry.enqueue('stock.sweep', { shopId: fleet.shopId, full: false });
      return jobResult<{ goodsToPush: number }>(fleet, job, 30_000);
    };
    await changeOdoo([{ code: a!.code, qty: 30 }]);
    expect(await sweep()).toMatchObject({ goodsToPush: 1 });
    await changeOdoo([
      { code: a!.code, qty: 50 },
      { code: b!.code, qty: 3 },
    ]);
    expect(await sweep()).toMatchObject({ goodsToPush: 1 });
    expect(await fleet.registry.queue('temu-inventory').getWaitingCount()).toBe(2);

    fleet.startWorker({ TEMU_SHOPS_FILE: shopsFile, WORKER_QUEUES: 'temu-inventory,temu-products' });
    await drained(fleet, ['temu-inventory'], 30_000);

    const stock = await temuStock(fleet);
    expect(stock.get(a!.code)).toBe(expectedTarget(50));
    expect(stock.get(b!.code)).toBe(expectedTarget(3));
    expectTemuAtTargets(stock);
    expect((await temuStats(fleet)).callsByType[STOCK_EDIT]).toBe(1);
  }, 60_000);

  // Semi-managed stock now flows (selling-models.e2e.test.ts); a fully-managed shop has none to push.
  it('a fully-managed shop fails its stock sweep clearly instead of silently', async () => {
    const job = await fleet.registry.enqueue('stock.sweep', { shopId: FULL_SHOP, full: true });
    await expect(jobResult(fleet, job, 30_000)).rejects.toThrow(
      /shop shop-full-e2e is fully-managed: Temu holds its stock/,
    );
    // Parked at once (not retried for minutes): a configuration problem, not a transient one.
    const failed = await fleet.registry.queue('odoo').getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
  });
});
