import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFleet, uniquePrefix, type Fleet } from '../../../tools/lib/fleet.js';
import { catalogSeeds, drained, odooOrdersByRef, temuOrders } from './e2e-support.js';

/**
 * Ready for Odoo 20 (issue 19): the same seeded Temu shop is imported by two fleets, one on the
 * Odoo sandbox as 18.0 (JSON-RPC) and one as 20.0 (JSON-2 only, /jsonrpc answers 404), each worker
 * logging in with an API key under `ODOO_PROTOCOL=auto`. Odoo must end with the same orders, field
 * for field, and the 20.0 sandbox must never have been asked anything on /jsonrpc or /xmlrpc.
 */

const VERSIONS = ['18.0', '20.0'] as const;
const UNSHIPPED = 30;
const PENDING = 5;
const seeds = catalogSeeds();
const fleets = new Map<string, Fleet>();

/** What an import decides about one order, without ids, names or dates (they depend on timing). */
async function imported(fleet: Fleet) {
  const out: Record<string, unknown> = {};
  for (const [ref, orders] of await odooOrdersByRef(fleet)) {
    out[ref] = orders.map((o) => ({
      state: o.state,
      customer: o.partner_id[1],
      shipTo: o.partner_shipping_id[1],
      currency: o.currency_id[1],
      untaxed: o.amount_untaxed,
      total: o.amount_total,
      lines: (o.lines ?? [])
        .map((l) => [l.product_id ? l.product_id[1] : null, l.product_uom_qty, l.price_unit])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    }));
  }
  return out;
}

beforeAll(async () => {
  await Promise.all(
    VERSIONS.map(async (version) => {
      const fleet = await startFleet({
        prefix: uniquePrefix(`odoo${version.slice(0, 2)}-e2e`),
        // Pending orders stay pending (no timed promotion) so both imports see the same statuses.
        temu: {
          catalog: seeds.temu,
          seed: 19,
          orderCount: 0,
          amountCalculationMs: 0,
          pendingToUnshippedMs: 86_400_000,
        },
        odoo: { version, products: seeds.odoo },
        workerEnv: { ODOO_PROTOCOL: 'auto' },
      });
      fleets.set(version, fleet);
      fleet.startWorker();
    }),
  );
}, 90_000);

afterAll(async () => {
  await Promise.all([...fleets.values()].map((f) => f.stop()));
}, 60_000);

describe('orders on Odoo 20 (JSON-2 only) exactly as on Odoo 18', () => {
  it('imports the same seeded orders into both, one sale order per parent order', async () => {
    await Promise.all(
      [...fleets.values()].map(async (fleet) => {
        await fleet.temuControl('POST', 'orders', { count: UNSHIPPED, status: 2 });
        await fleet.temuControl('POST', 'orders', { count: PENDING, status: 1 });
        await fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId });
      }),
    );
    await Promise.all([...fleets.values()].map((fleet) => drained(fleet, 120_000)));

    const on18 = await imported(fleets.get('18.0')!);
    const on20 = await imported(fleets.get('20.0')!);
    // Same seed, same requests: Temu made the same orders in both shops.
    const temu18 = (await temuOrders(fleets.get('18.0')!)).map((o) => o.parentOrderSn).sort();
    const temu20 = (await temuOrders(fleets.get('20.0')!)).map((o) => o.parentOrderSn).sort();
    expect(temu20).toEqual(temu18);
    expect(temu18).toHaveLength(UNSHIPPED + PENDING);
    // Every Temu order is in Odoo once: unshipped ones confirmed, pending ones as quotations.
    expect(Object.keys(on18).sort()).toEqual(temu18);
    const states = Object.values(on18).flatMap((orders) =>
      (orders as Array<{ state: string }>).map((o) => o.state),
    );
    expect(states.filter((s) => s === 'sale')).toHaveLength(UNSHIPPED);
    expect(states.filter((s) => s === 'draft')).toHaveLength(PENDING);
    expect(on20).toEqual(on18);
  }, 180_000);

  it('the Odoo 20 worker spoke JSON-2 only, from its first request; the Odoo 18 worker JSON-RPC', async () => {
    const requests = async (version: string) =>
      (await fleets.get(version)!.odooControl<{ calls: Record<string, number> }>('GET', 'requests')).calls;
    const count = (calls: Record<string, number>, re: RegExp) =>
      Object.entries(calls)
        .filter(([endpoint]) => re.test(endpoint))
        .reduce((sum, [, n]) => sum + n, 0);
    const legacy = /^\w+ \/(jsonrpc|xmlrpc)/;
    const json2 = /^POST \/json\/2\//;
    const on20 = await requests('20.0');
    const on18 = await requests('18.0');
    expect(count(on20, legacy)).toBe(0);
    expect(count(on20, json2)).toBeGreaterThan(0);
    expect(count(on18, json2)).toBe(0);
    expect(count(on18, legacy)).toBeGreaterThan(0);
  });
});
