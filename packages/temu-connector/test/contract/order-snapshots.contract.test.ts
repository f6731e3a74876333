import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TemuError } from '../../src/errors.js';
import { TemuMarketplace } from '../../src/temu-marketplace.js';
import { collect, startHarness } from './sandbox-harness.js';
import type { Harness, SandboxOrder } from './sandbox-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ orderCount: 0, amountCalculationMs: 0 });
});
afterAll(async () => {
  await h.close();
});

describe('order snapshots from the list, malformed items and tracking', () => {
  it('carries each listed order mapped, and a malformed one without snapshot instead of failing the page', async () => {
    const fromMs = Date.now() - 60_000;
    const good = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', { count: 3, status: 2 });
    const bad = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', {
      count: 1,
      status: 2,
      malformed: 'bad_quantity',
    });
    const market = new TemuMarketplace({ shopId: 'shop-9', client: h.client() });
    const changes = await collect(market.listOrderChanges({ fromMs, toMs: Date.now() + 3_600_000 }));

    for (const o of good.orders) {
      const change = changes.find((c) => c.orderRef === o.parentOrderSn);
      expect(change?.order?.orderRef).toBe(o.parentOrderSn);
      expect(change?.order?.lines.map((l) => l.lineId).sort()).toEqual(
        o.children.map((c) => c.orderSn).sort(),
      );
      expect(change?.order?.status).toBe('unshipped');
    }
    const malformed = changes.find((c) => c.orderRef === bad.orders[0]!.parentOrderSn);
    expect(malformed).toBeDefined();
    expect(malformed?.order).toBeUndefined();
    // The detail call gives the operator the precise reason.
    await expect(market.getOrder(bad.orders[0]!.parentOrderSn)).rejects.toMatchObject({ kind: 'bad_input' });
  });

  it('awaits beforeRequest with the endpoint group before every call', async () => {
    const seen: string[] = [];
    const market = new TemuMarketplace({
      shopId: 'shop-9',
      client: h.client({ beforeRequest: async (group, type) => void seen.push(`${group}:${type}`) }),
    });
    const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', { count: 1, status: 2 });
    await market.getShippingAddress(orders[0]!.parentOrderSn);
    await collect(market.listSkus());
    expect(seen[0]).toBe('orders:bg.order.shippinginfo.v2.get');
    expect(seen.slice(1).every((s) => s.startsWith('products:'))).toBe(true);
  });

  it('reads the tracking numbers of a shipped order', async () => {
    const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', { count: 1, status: 4 });
    const market = new TemuMarketplace({ shopId: 'shop-9', client: h.client() });
    const tracking = await market.getTrackingNumbers(orders[0]!.parentOrderSn);
    expect(tracking.length).toBeGreaterThan(0);
    for (const t of tracking) expect(t).toMatch(/\S+/);
    await expect(market.getTrackingNumbers('PO-211-00000000000000000')).rejects.toBeInstanceOf(TemuError);
  });
});
