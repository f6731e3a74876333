/**
 * Issue 16 (R2) end to end on the sandboxes: a fully-managed shop whose Temu sales history is read
 * day by day through `bg.goods.salesv2.get` (the sandbox's "now" stepped over its 120 days, the
 * worker's clock with it) → the replenishment plan, checked against a hand-worked SKU → draft
 * transfers in Odoo, exactly once (a second request creates nothing) → stock requests to Temu
 * (`replenishment.apply`), a refusal parked with Temu's words and replayed. Real Redis, both
 * sandboxes over HTTP, the worker's own processors and connector.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { shopSchema, type ShopReplenishment } from '@temu-odoo/config';
import { OdooConnection, OdooErp } from '@temu-odoo/odoo-client';
import { startOdooSandbox, type RunningOdooSandbox } from '@temu-odoo/odoo-sandbox';
import { startTemuSandbox, type RunningTemuSandbox } from '@temu-odoo/temu-sandbox';
import {
  QueueRegistry,
  TemuQuotaLimiter,
  createRedisConnection,
  deleteKeysByPrefix,
  stockRequestJobId,
  transferReference,
} from '@temu-odoo/queues';
import { addDays } from '@temu-odoo/core';
import { buildWorkerDeps } from '../src/build-worker-deps.js';
import { workerEnvSchema } from '../src/worker-env.js';
import { workerSettings } from '../src/worker-settings.js';
import type { WorkerDeps } from '../src/worker-deps.js';
import { replenishmentPlan } from '../src/processors/replenishment-plan.processor.js';
import { replenishmentTransfers } from '../src/processors/replenishment-transfers.processor.js';
import { replenishmentApply } from '../src/processors/replenishment-apply.processor.js';
import { readReplenishmentPlan } from '../src/replenishment/plan-shop-replenishment.js';
import { parseEnv } from '@temu-odoo/config';
import { FLEET_CREDENTIALS, uniquePrefix } from '../../../tools/lib/fleet.js';
import { jobContext } from './support/in-process-worker.js';

const SHOP = 'shop-full';
const START = '2026-01-05'; // the sandbox's first history day
const DAYS = 120;
const EAST = '501';
const WEST = '502';

/**
 * Rules: lead 10 days, safety 4, review 14 → horizon 28 days; FM-MUG 24 a carton; at most 5
 * cartons a shipment.
 *
 * Hand-worked FM-MUG in the East group: it sold exactly 10 every day for 120 days, so every
 * snapshot difference is 10: weekday index 1, level 10, trend 0 → 10 a day. Target 28 × 10 = 280;
 * position 100 on hand + 20 in transit = 120; short 160 → ⌈160 / 24⌉ = 7 cartons = 168 units.
 * Cover: 120 / 10 = 12 days; ship by today + max(0, 12 − 10 − 4) = today (2026-05-05, day 120);
 * not late (12 ≥ 10). FM-LAMP East sold nothing and holds 5: nothing to ship. East's shipments:
 * 5 cartons (120 units), then 2 cartons (48 units).
 */
const RULES: ShopReplenishment = {
  warehouses: [
    { id: EAST, name: 'East' },
    { id: WEST, name: 'West' },
  ],
  leadTimeDays: 10,
  safetyDays: 4,
  reviewDays: 14,
  unitsPerCarton: 12,
  maxCartonsPerShipment: 5,
  skus: { 'FM-MUG': { unitsPerCarton: 24 } },
  autoApply: false,
};

let temu: RunningTemuSandbox;
let odoo: RunningOdooSandbox;
let redis: Redis;
let registry: QueueRegistry;
let deps: WorkerDeps;
let erp: OdooErp;
const prefix = uniquePrefix('replenishment');
let nowMs = Date.UTC(2026, 0, 5, 6);

async function control(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${temu.url}/_sandbox/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`temu sandbox ${path}: ${res.status} ${await res.text()}`);
}

async function pickings(): Promise<Array<{ id: number; origin: string | false; state: string }>> {
  return erp.connection.searchRead(
    'stock.picking',
    [['origin', '=like', `REPL/${SHOP}/%`]],
    ['origin', 'state'],
    {
      order: 'id asc',
    },
  );
}

beforeAll(async () => {
  temu = await startTemuSandbox({
    port: 0,
    appKey: FLEET_CREDENTIALS.appKey,
    appSecret: FLEET_CREDENTIALS.appSecret,
    accessToken: FLEET_CREDENTIALS.accessToken,
    orderCount: 0,
    // 2 reads a simulated day: above Temu's default products quota per minute.
    rateLimits: { appKeyPerSecond: 1000, groupPerMinute: { products: 100_000 } },
    catalog: [
      {
        goodsName: 'Full-managed mug and lamp',
        skus: [
          { sellerSku: 'FM-MUG', priceMinor: 500, currency: 'USD', stock: 0 },
          { sellerSku: 'FM-LAMP', priceMinor: 900, currency: 'USD', stock: 0 },
        ],
      },
    ],
  });
  odoo = await startOdooSandbox({
    port: 0,
    products: [
      { defaultCode: 'FM-MUG', name: 'Mug', listPrice: 5, qtyOnHand: 1000 },
      { defaultCode: 'FM-LAMP', name: 'Lamp', listPrice: 9, qtyOnHand: 1000 },
    ],
  });
  await control('full-sales/series', {
    sellerSku: 'FM-MUG',
    warehouseGroupId: 501,
    daily: Array(DAYS).fill(10),
    onHand: 100,
    inTransit: 20,
  });
  await control('full-sales/series', {
    sellerSku: 'FM-LAMP',
    warehouseGroupId: 501,
    daily: Array(DAYS).fill(0),
    onHand: 5,
    inTransit: 0,
  });

  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  redis = createRedisConnection(redisUrl, 'worker');
  registry = new QueueRegistry({ connection: redis, prefix });
  const env = parseEnv(workerEnvSchema, {
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    TEMU_SHOP_ID: SHOP,
    TEMU_GATEWAY_URL: temu.url,
    ODOO_URL: odoo.url,
    LOG_LEVEL: 'silent',
  });
  const connection = new OdooConnection({
    url: odoo.url,
    db: FLEET_CREDENTIALS.odooDb,
    username: FLEET_CREDENTIALS.odooUser,
    password: FLEET_CREDENTIALS.odooPassword,
  });
  erp = new OdooErp(connection);
  deps = buildWorkerDeps({
    shops: [
      shopSchema.parse({
        shopId: SHOP,
        region: 'US',
        sellingModel: 'full',
        gatewayUrl: temu.url,
        appKey: FLEET_CREDENTIALS.appKey,
        appSecret: FLEET_CREDENTIALS.appSecret,
        accessToken: FLEET_CREDENTIALS.accessToken,
      }),
    ],
    erp,
    consignmentErp: erp.consignment(),
    redis,
    prefix,
    registry,
    settings: workerSettings(env),
    log: jobContext().log,
    limiterFor: (appKey) =>
      new TemuQuotaLimiter(redis, prefix, appKey, {
        perMinute: {
          orders: 100_000,
          inventory: 100_000,
          products: 100_000,
          shipping: 100_000,
          finance: 100_000,
        },
        perSecond: 1000,
      }),
  });
  // The simulated day: the worker's clock follows the sandbox's sales day.
  deps.clock = { nowMs: () => nowMs };
  deps.replenishment = { shops: { [SHOP]: RULES }, erp };
});

afterAll(async () => {
  await registry?.close();
  if (redis) {
    await deleteKeysByPrefix(redis, prefix);
    await redis.quit();
  }
  await temu?.close();
  await odoo?.close();
});

describe('replenishment for a fully-managed shop', () => {
  it('plans from 120 days of daily snapshots and drafts the transfers in Odoo once', async () => {
    const plan = replenishmentPlan(deps);
    for (let day = 0; day <= DAYS; day++) {
      await control('full-sales', { day });
      nowMs = Date.UTC(2026, 0, 5 + day, 6);
      await plan({ shopId: SHOP }, jobContext());
    }
    const table = (await readReplenishmentPlan(redis, prefix, SHOP))!;
    const today = addDays(START, DAYS);
    expect(table.planId).toBe(`${SHOP}-${today}`);
    const mug = table.rows.find((r) => r.warehouseId === EAST && r.sku === 'FM-MUG')!;
    expect(mug).toMatchObject({
      forecastPerDay: 10,
      forecastBasis: 'history',
      historyDays: 120,
      onHand: 100,
      inTransit: 20,
      target: 280,
      cartons: 7,
      units: 168,
      daysOfCover: 12,
      shipBy: today,
      late: false,
    });
    expect(table.rows.find((r) => r.warehouseId === EAST && r.sku === 'FM-LAMP')).toMatchObject({
      cartons: 0,
    });
    const east = table.shipments.filter((s) => s.warehouseId === EAST);
    expect(east.map((s) => [s.shipmentId, s.cartons, s.units, s.lines])).toEqual([
      [`${EAST}-${today}-1`, 5, 120, [{ sku: 'FM-MUG', cartons: 5, units: 120 }]],
      [`${EAST}-${today}-2`, 2, 48, [{ sku: 'FM-MUG', cartons: 2, units: 48 }]],
    ]);
    // West is the sandbox's seeded noisy history: planned from history too, in whole cartons.
    const west = table.rows.filter((r) => r.warehouseId === WEST);
    expect(west).toHaveLength(2);
    for (const r of west) {
      expect(r.forecastBasis).toBe('history');
      expect(r.units % r.unitsPerCarton).toBe(0);
    }

    const transfers = replenishmentTransfers(deps);
    const first = (await transfers({ shopId: SHOP, planId: table.planId }, jobContext())) as {
      created: string[];
      existing: string[];
    };
    expect(first.created).toEqual(table.shipments.map((s) => transferReference(SHOP, s.shipmentId)));
    const made = await pickings();
    expect(made.map((p) => p.origin)).toEqual(first.created);
    expect(made.every((p) => p.state === 'draft')).toBe(true);
    const eastFirst = made.find((p) => p.origin === transferReference(SHOP, `${EAST}-${today}-1`))!;
    const moves = await erp.connection.searchRead<{ product_uom_qty: number; state: string }>(
      'stock.move',
      [['picking_id', '=', eastFirst.id]],
      ['product_uom_qty', 'state'],
    );
    expect(moves).toEqual([expect.objectContaining({ product_uom_qty: 120, state: 'draft' })]);
    expect(
      (await readReplenishmentPlan(redis, prefix, SHOP))!.shipments.every((s) => s.transferId !== null),
    ).toBe(true);

    // The same request again (a second click, a retry): Odoo already has every shipment.
    const second = (await transfers({ shopId: SHOP, planId: table.planId }, jobContext())) as {
      created: string[];
      existing: string[];
    };
    expect(second.created).toEqual([]);
    expect(second.existing).toEqual(first.created);
    expect(await pickings()).toHaveLength(made.length);
  }, 120_000);

  it('refuses transfers for a plan that is not the last one, naming it', async () => {
    await expect(
      replenishmentTransfers(deps)({ shopId: SHOP, planId: `${SHOP}-2026-01-01` }, jobContext()),
    ).rejects.toThrow(`plan ${SHOP}-2026-01-01 is not shop ${SHOP}'s last plan`);
  });

  it("asks Temu to buy a shipment; a refusal parks it with Temu's code and words, and a replay asks only what was refused", async () => {
    const table = (await readReplenishmentPlan(redis, prefix, SHOP))!;
    const [big, small] = table.shipments.filter((s) => s.warehouseId === EAST);
    const apply = replenishmentApply(deps);
    const job = (s: typeof big) => ({
      shopId: SHOP,
      planId: table.planId,
      warehouseId: s!.warehouseId,
      shipmentId: s!.shipmentId,
    });
    const state = async () => {
      const res = await fetch(`${temu.url}/_sandbox/state/consignment`);
      const body = (await res.json()) as {
        purchaseOrders: Array<{
          status: number;
          lines: Array<{ extCode: string; purchaseQuantity: number }>;
        }>;
      };
      return body.purchaseOrders;
    };
    // Temu advises at most 100 mugs: the 120-unit shipment is refused (1002), the 48-unit one passes.
    await control('consignment/stocking-rules', { advisedQuantity: { 'FM-MUG': 100 } });
    const refused = apply(job(big), jobContext());
    await expect(refused).rejects.toMatchObject({ code: 'ERR_TEMU_STOCKING_REFUSED' });
    await expect(apply(job(big), jobContext())).rejects.toThrow(
      new RegExp(
        `Temu refused stocking for shipment ${big!.shipmentId} .*FM-MUG: 1002 超过建议备货量.*asks 120, advised 100`,
      ),
    );
    expect(await apply(job(small), jobContext())).toMatchObject({ requested: ['FM-MUG'] });
    expect((await state()).map((p) => p.lines.map((l) => [l.extCode, l.purchaseQuantity]))).toEqual([
      [['FM-MUG', 48]],
    ]);

    // The advice is lifted; the replay of the refused shipment asks for it, the other is not asked again.
    await control('consignment/stocking-rules', {});
    expect(await apply(job(big), jobContext())).toMatchObject({
      requested: ['FM-MUG'],
      alreadyRequested: [],
    });
    expect(await apply(job(small), jobContext())).toMatchObject({
      requested: [],
      alreadyRequested: ['FM-MUG'],
    });
    const orders = await state();
    expect(orders.map((p) => [p.status, p.lines.map((l) => l.purchaseQuantity)])).toEqual([
      [0, [48]],
      [0, [120]],
    ]);
  }, 60_000);

  it('with autoApply on, a plan queues one stock request per shipment (fixed ids: planning again adds none)', async () => {
    deps.replenishment = { shops: { [SHOP]: { ...RULES, autoApply: true } }, erp };
    try {
      const summary = (await replenishmentPlan(deps)({ shopId: SHOP }, jobContext())) as {
        planId: string;
        shipments: number;
        stockRequests: number;
      };
      expect(summary.stockRequests).toBe(summary.shipments);
      const table = (await readReplenishmentPlan(redis, prefix, SHOP))!;
      const queue = registry.queue('temu-orders');
      for (const s of table.shipments) {
        const job = await queue.getJob(stockRequestJobId(table.planId, s.warehouseId, s.shipmentId));
        expect(job?.data).toEqual({
          shopId: SHOP,
          planId: table.planId,
          warehouseId: s.warehouseId,
          shipmentId: s.shipmentId,
        });
      }
      await replenishmentPlan(deps)({ shopId: SHOP }, jobContext());
      const queued = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
      expect(queued.filter((j) => j.name === 'replenishment.apply')).toHaveLength(table.shipments.length);
    } finally {
      deps.replenishment = { shops: { [SHOP]: RULES }, erp };
    }
  });

  it("a SKU with no sales to go by is planned from Temu's purchase orders of the last 30 days", async () => {
    // Forget the daily snapshots: every SKU has less than 14 days of history again (as a new SKU
    // would). Temu ordered 60 FM-LAMP 5 days ago (inside the 30-day window), while FM-LAMP's 30-day
    // sales count is 0.
    await deleteKeysByPrefix(redis, `${prefix}:{replenishment:${SHOP}}:sold:`);
    await control('consignment/purchase-orders', {
      lines: [{ extCode: 'FM-LAMP', quantity: 60 }],
      purchaseTimeMs: nowMs - 5 * 86_400_000,
    });
    await replenishmentPlan(deps)({ shopId: SHOP }, jobContext());
    const table = (await readReplenishmentPlan(redis, prefix, SHOP))!;
    const today = addDays(START, DAYS);
    // 60 units ÷ 30 days = 2 a day shop-wide, shared by the 2 groups → 1 a day in East. Target
    // 28 × 1 = 28; position 5 → short 23 → ⌈23 / 12⌉ = 2 cartons = 24 units. Cover: 5 days; ship by
    // today + max(0, 5 − 10 − 4) = today; late (5 < 10 lead days).
    expect(table.rows.find((r) => r.warehouseId === EAST && r.sku === 'FM-LAMP')).toMatchObject({
      forecastBasis: 'purchase_orders',
      forecastPerDay: 1,
      historyDays: 0,
      target: 28,
      cartons: 2,
      units: 24,
      daysOfCover: 5,
      shipBy: today,
      late: true,
    });
    // FM-MUG sold 10 a day: its 30-day count (300 ÷ 30 = 10) beats any purchase order.
    expect(table.rows.find((r) => r.warehouseId === EAST && r.sku === 'FM-MUG')).toMatchObject({
      forecastBasis: 'last30',
      forecastPerDay: 10,
    });
  });
});
