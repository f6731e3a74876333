import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  lastReplenishmentPlanKey,
  stockRequestField,
  stockRequestsKey,
  type ReplenishmentPlanTable,
} from '@temu-odoo/queues';
import { AUTH, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

/** A plan as the worker stores it: one warehouse, a SKU to ship in two shipments, one not to ship. */
const PLAN: ReplenishmentPlanTable = {
  planId: 'shop-f-2026-05-05',
  shopId: 'shop-f',
  plannedAtMs: Date.UTC(2026, 4, 5, 6),
  today: '2026-05-05',
  rules: { leadTimeDays: 10, safetyDays: 4, reviewDays: 14, maxCartonsPerShipment: 5 },
  rows: [
    {
      warehouseId: '501',
      warehouseName: 'East',
      sku: 'FM-MUG',
      forecastPerDay: 10,
      forecastBasis: 'history',
      historyDays: 120,
      onHand: 100,
      inTransit: 20,
      target: 280,
      daysOfCover: 12,
      cartons: 7,
      unitsPerCarton: 24,
      units: 168,
      shipBy: '2026-05-05',
      late: false,
    },
    {
      warehouseId: '501',
      warehouseName: 'East',
      sku: '=HYPERLINK("x")',
      forecastPerDay: 0,
      forecastBasis: 'last30',
      historyDays: 3,
      onHand: 5,
      inTransit: 0,
      target: 0,
      daysOfCover: 28,
      cartons: 0,
      unitsPerCarton: 12,
      units: 0,
      shipBy: '2026-05-19',
      late: false,
    },
    {
      // No sales yet: demand is what Temu ordered in 30 days, 120 units → 4 a day.
      warehouseId: '502',
      warehouseName: 'West',
      sku: 'FM-NEW',
      forecastPerDay: 4,
      forecastBasis: 'purchase_orders',
      historyDays: 0,
      onHand: 0,
      inTransit: 0,
      target: 112,
      daysOfCover: 0,
      cartons: 5,
      unitsPerCarton: 24,
      units: 120,
      shipBy: '2026-05-05',
      late: true,
    },
  ],
  shipments: [
    {
      shipmentId: '501-2026-05-05-1',
      warehouseId: '501',
      warehouseName: 'East',
      shipBy: '2026-05-05',
      cartons: 5,
      units: 120,
      volumeM3: null,
      lines: [{ sku: 'FM-MUG', cartons: 5, units: 120 }],
      transferId: null,
    },
    {
      shipmentId: '501-2026-05-05-2',
      warehouseId: '501',
      warehouseName: 'East',
      shipBy: '2026-05-05',
      cartons: 2,
      units: 48,
      volumeM3: null,
      lines: [{ sku: 'FM-MUG', cartons: 2, units: 48 }],
      transferId: 77,
    },
  ],
  skipped: [],
};

describe('/ops/replenishment/:shop: the last replenishment plan', () => {
  let fx: DashboardFixture;
  beforeAll(async () => {
    fx = await startFixture('replenishment');
    await fx.redis.set(lastReplenishmentPlanKey(fx.prefix, 'shop-f'), JSON.stringify(PLAN));
  });
  afterAll(async () => {
    await fx.stop();
  });

  it('shows the plan per warehouse, the shipments and the transfers button', async () => {
    const res = await fetch(`${fx.dashboard.url}/ops/replenishment/shop-f`, { headers: AUTH });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h2>East (501)</h2>');
    expect(html).toContain(
      '<tr><td>FM-MUG</td><td>10</td><td>120 d history</td><td>100</td><td>20</td><td>280</td><td>12</td><td>7</td><td>168</td><td>2026-05-05</td><td></td><td>501-2026-05-05-1: 5 ctn; 501-2026-05-05-2: 2 ctn</td></tr>',
    );
    expect(html).toContain(
      '<td>501-2026-05-05-2</td><td>East</td><td>2026-05-05</td><td>2</td><td>48</td><td>FM-MUG × 48</td><td>77</td>',
    );
    expect(html).toContain('name="planId" value="shop-f-2026-05-05"');
    expect(html).toContain('=HYPERLINK(&quot;x&quot;)');
    expect(html).toContain('<tr><td>FM-NEW</td><td>4</td><td>Temu purchase orders, 30 d</td>');
  });

  it('exports the lines as CSV, a formula-looking SKU defused', async () => {
    const res = await fetch(`${fx.dashboard.url}/ops/replenishment/shop-f/plan.csv`, { headers: AUTH });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'warehouse_id,warehouse_name,sku,forecast_per_day,forecast_basis,history_days,on_hand,in_transit,target,days_of_cover,cartons,units_per_carton,units,ship_by,late,shipments',
    );
    expect(lines[1]).toBe(
      '501,East,FM-MUG,10,history,120,100,20,280,12,7,24,168,2026-05-05,false,501-2026-05-05-1: 5 ctn; 501-2026-05-05-2: 2 ctn',
    );
    // The quotes inside are doubled and the field quoted; the leading "=" gets a "'" in front.
    expect(lines[2]).toBe(`501,East,"'=HYPERLINK(""x"")",0,last30,3,5,0,0,28,0,12,0,,false,`);
    expect(lines[3]).toBe('502,West,FM-NEW,4,purchase_orders,0,0,0,112,0,5,24,120,2026-05-05,true,');
  });

  it('queues the transfers job for the plan shown, and refuses a stale plan', async () => {
    const post = (planId: string) =>
      fetch(`${fx.dashboard.url}/ops/replenishment/shop-f/transfers`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' },
        body: `planId=${encodeURIComponent(planId)}`,
        redirect: 'manual',
      });
    const ok = await post('shop-f-2026-05-05');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/ops/replenishment/shop-f?queued=shop-f-2026-05-05');
    const job = await fx.registry.queue('odoo').getJob('replenishment.transfers.shop-f-2026-05-05');
    expect(job?.name).toBe('replenishment.transfers');
    expect(job?.data).toEqual({ shopId: 'shop-f', planId: 'shop-f-2026-05-05' });

    const stale = await post('shop-f-2026-05-01');
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain(
      "Plan shop-f-2026-05-01 is not shop shop-f's last plan (shop-f-2026-05-05)",
    );
  });

  it('queues one Temu stock request per shipment of the plan shown (same-origin only), and refuses a stale plan', async () => {
    const post = (planId: string, origin?: string) =>
      fetch(`${fx.dashboard.url}/ops/replenishment/shop-f/apply`, {
        method: 'POST',
        headers: {
          ...AUTH,
          'content-type': 'application/x-www-form-urlencoded',
          ...(origin ? { origin } : {}),
        },
        body: `planId=${encodeURIComponent(planId)}`,
        redirect: 'manual',
      });
    const foreign = await post('shop-f-2026-05-05', 'https://evil.example');
    expect(foreign.status).toBe(403);
    const ok = await post('shop-f-2026-05-05');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/ops/replenishment/shop-f?applied=shop-f-2026-05-05');
    // The fixture plan has two shipments to warehouse 501: one job each, keyed plan.warehouse.shipment.
    for (const shipmentId of ['501-2026-05-05-1', '501-2026-05-05-2']) {
      const job = await fx.registry
        .queue('temu-orders')
        .getJob(`replenishment.apply.shop-f-2026-05-05.501.${shipmentId}`);
      expect(job?.name).toBe('replenishment.apply');
      expect(job?.data).toEqual({
        shopId: 'shop-f',
        planId: 'shop-f-2026-05-05',
        warehouseId: '501',
        shipmentId,
      });
    }
    // A second click adds no job: the ids are the same.
    await post('shop-f-2026-05-05');
    const waiting = await fx.registry.queue('temu-orders').getJobs(['waiting', 'delayed', 'prioritized']);
    expect(waiting.filter((j) => j.name === 'replenishment.apply')).toHaveLength(2);

    const stale = await post('shop-f-2026-05-01');
    expect(stale.status).toBe(409);
  });

  it("shows what Temu was asked per shipment, from the job's record", async () => {
    const key = stockRequestsKey(fx.prefix, 'shop-f', 'shop-f-2026-05-05');
    await fx.redis.hset(
      key,
      stockRequestField('501', '501-2026-05-05-1', 'FM-MUG'),
      JSON.stringify({ state: 'requested', atMs: 1, quantity: 120, purchaseRef: 'WB2511300000001' }),
      stockRequestField('501', '501-2026-05-05-2', 'FM-MUG'),
      JSON.stringify({ state: 'refused', atMs: 1, quantity: 48, code: '1002', reason: 'above <advised>' }),
    );
    const html = await (
      await fetch(`${fx.dashboard.url}/ops/replenishment/shop-f`, { headers: AUTH })
    ).text();
    expect(html).toContain('<th>Temu stock request</th>');
    expect(html).toContain('<td>FM-MUG requested WB2511300000001</td>');
    // Temu's words are escaped like any other text.
    expect(html).toContain('<td>FM-MUG refused 1002 above &lt;advised&gt;</td>');
    await fx.redis.del(key);
  });

  it('says how to make a plan when there is none', async () => {
    const res = await fetch(`${fx.dashboard.url}/ops/replenishment/shop-none`, { headers: AUTH });
    expect(await res.text()).toContain('pnpm ops replenishment --shop shop-none');
    const csv = await fetch(`${fx.dashboard.url}/ops/replenishment/shop-none/plan.csv`, { headers: AUTH });
    expect(csv.status).toBe(404);
  });
});
