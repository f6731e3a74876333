import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toDecimal } from '@temu-odoo/core';
import type { OdooErp } from '@temu-odoo/odoo-client';
import type { TemuMarketplace } from '@temu-odoo/temu-connector';
import { waitUntil, type Fleet } from '../../../tools/lib/fleet.js';
import {
  catalogSeeds,
  drained,
  fleetMarketplace,
  odooOrdersByRef,
  startErpFleet,
  temuOrders,
} from './e2e-support.js';

/**
 * A shop selling in EUR (Germany, 19 %) into a USD company whose tax the marketplace collects
 * (issue 11, currencies): orders wait while Odoo has no EUR rate for the day ("no EUR rate in Odoo
 * for …", never a silent 1.0), then stay in EUR with totals equal to what the buyer paid, on a
 * dedicated 19 % tax booked to the "collected by Temu" account.
 */

let fleet: Fleet;
let erp: OdooErp;
let temu: TemuMarketplace;
const seeds = catalogSeeds();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'money-eur-'));
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  const mapping = path.join(dir, 'mapping.json');
  fs.writeFileSync(mapping, JSON.stringify({ taxes: { marketplaceCollected: ['DE'] } }));
  ({ fleet, erp } = await startErpFleet({
    label: 'money-eur',
    shopId: 'shop-de',
    temu: {
      region: 'EU',
      catalog: seeds.temu.map((g) => ({ ...g, skus: g.skus.map((s) => ({ ...s, currency: 'EUR' })) })),
    },
    workerEnv: {
      TEMU_REGION: 'EU',
      MAPPING_FILE: mapping,
      WORKER_CONCURRENCY: 'temu-orders=4,odoo=2',
    },
  }));
  temu = fleetMarketplace(fleet);
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

const poll = () =>
  fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId }, { jobId: `poll-${Date.now()}` });

describe('money: an EUR shop in a USD company', () => {
  it('waits for an EUR rate, then keeps EUR orders at what the buyer paid on a marketplace-collected 19 % tax', async () => {
    const [eur] = await erp.connection.searchRead<{ id: number }>(
      'res.currency',
      [['name', '=', 'EUR']],
      ['id'],
      {
        context: { active_test: false },
      },
    );
    await erp.connection.write('res.currency', [eur!.id], { active: true });
    await erp.connection.create('product.pricelist', [{ name: 'Temu EUR', currency_id: eur!.id }]);

    await fleet.temuControl('POST', 'orders', { count: 12, status: 2 });
    await poll();
    // No EUR rate yet: the orders are not written, and the reason is on the Odoo queue's jobs.
    const reason = new RegExp(`no EUR rate in Odoo for ${today()}: add one`);
    await waitUntil(
      async () => {
        const jobs = await fleet.registry.queue('odoo').getJobs(['failed', 'delayed', 'waiting', 'active']);
        return jobs.some((j) => reason.test(j.failedReason ?? ''));
      },
      90_000,
      'orders waiting for an EUR rate',
    );
    expect((await odooOrdersByRef(fleet)).size).toBe(0);

    await erp.connection.create('res.currency.rate', [{ currency_id: eur!.id, name: today(), rate: 0.92 }]);
    const orders = (await temuOrders(fleet)).filter((o) => o.status === 2);
    await waitUntil(
      async () => {
        await poll();
        await drained(fleet, 60_000);
        const byRef = await odooOrdersByRef(fleet);
        return orders.every((o) => byRef.has(o.parentOrderSn));
      },
      180_000,
      'EUR orders in Odoo',
    );
    const byRef = await odooOrdersByRef(fleet);
    const mismatches: string[] = [];
    for (const o of orders) {
      const odoo = byRef.get(o.parentOrderSn)![0]!;
      const paid = await temu.getOrderAmounts(o.parentOrderSn);
      expect(paid.currency).toBe('EUR');
      if (odoo.currency_id[1] !== 'EUR' || odoo.amount_total !== toDecimal(paid.total!))
        mismatches.push(
          `${o.parentOrderSn}: ${odoo.amount_total} ${odoo.currency_id[1]} vs ${toDecimal(paid.total!)} EUR`,
        );
    }
    expect(mismatches).toEqual([]);

    const [tax] = await erp.connection.searchRead<{ id: number; amount: number }>(
      'account.tax',
      [['name', '=', 'Temu shop-de DE 19% (collected by Temu)']],
      ['amount'],
    );
    expect(tax!.amount).toBe(19);
    const [distribution] = await erp.connection.searchRead<{ account_id: [number, string] }>(
      'account.tax.repartition.line',
      [
        ['tax_id', '=', tax!.id],
        ['repartition_type', '=', 'tax'],
      ],
      ['account_id'],
    );
    expect(distribution!.account_id[1]).toBe('252900 Sales tax collected by Temu (marketplace facilitator)');
  }, 300_000);
});
