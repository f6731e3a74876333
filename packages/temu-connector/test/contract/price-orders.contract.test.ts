import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { money } from '@temu-odoo/core';
import type { IntegrationError } from '@temu-odoo/core';
import { TemuPricing } from '../../src/temu-pricing.js';
import { startHarness } from './sandbox-harness.js';
import type { Harness, SandboxSku } from './sandbox-harness.js';

let h: Harness;
let skus: SandboxSku[];

beforeAll(async () => {
  h = await startHarness({ orderCount: 0 });
  ({ skus } = await h.control<{ skus: SandboxSku[] }>('GET', 'state/skus'));
});
afterAll(async () => {
  await h.close();
});

/** Three SKUs of one goods (the demo catalogue has goods with several colours). */
function threeOfOneGoods(): SandboxSku[] {
  const byGoods = new Map<string, SandboxSku[]>();
  for (const s of skus) byGoods.set(s.goodsId, [...(byGoods.get(s.goodsId) ?? []), s]);
  const group = [...byGoods.values()].find((g) => g.length >= 3);
  if (!group) throw new Error('the sandbox catalogue should have a goods with three SKUs');
  return group.slice(0, 3);
}

describe('price orders over HTTP (docs/temu-api.md §10.4)', () => {
  it('files price orders, follows the review, accepts and refuses counter-offers', async () => {
    const [a, b, c] = threeOfOneGoods();
    await h.control('POST', 'price-review', {
      latencyMs: 0,
      defaultOutcome: { outcome: 'pass' },
      bySellerSku: {
        [b!.sellerSku]: { outcome: 'counter', counterMinor: 1500 },
        [c!.sellerSku]: { outcome: 'counter', counterMinor: 900, reason: 'too expensive' },
      },
    });
    await h.control('POST', 'stats/reset');
    const pricing = new TemuPricing('shop-1', h.client());
    const cur = a!.currency;
    const change = await pricing.changePrices(
      a!.goodsId,
      [
        { skuId: a!.skuId, price: money(1999, cur) },
        { skuId: b!.skuId, price: money(1799, cur) },
        { skuId: c!.skuId, price: money(1299, cur) },
      ],
      'cost change',
    );
    expect(change.failed).toEqual([]);
    expect(change.orders.map((o) => o.skuId)).toEqual([a!.skuId, b!.skuId, c!.skuId]);

    const views = await pricing.priceOrders(
      a!.goodsId,
      change.orders.map((o) => o.orderRef),
    );
    const bySku = new Map(views.map((v) => [v.skuId, v]));
    expect(bySku.get(a!.skuId)).toMatchObject({ state: 'passed', listed: money(1999, cur) });
    const counterB = bySku.get(b!.skuId)!;
    expect(counterB).toMatchObject({
      state: 'awaiting_seller',
      proposed: money(1500, cur),
      requested: money(1799, cur),
    });
    // Temu's price-order ids exceed 2^53; the sandbox's too, and they arrive as exact strings.
    expect(BigInt(counterB.orderId) > 2n ** 53n).toBe(true);
    const counterC = bySku.get(c!.skuId)!;
    expect(counterC).toMatchObject({ state: 'awaiting_seller', reason: 'too expensive' });

    await pricing.acceptCounterOffer(counterB);
    await pricing.refuseCounterOffer(counterC);
    const after = await pricing.priceOrders(a!.goodsId, [counterB.orderRef!, counterC.orderRef!]);
    expect(after.map((v) => [v.skuId, v.state, v.listed?.amountMinor ?? null])).toEqual([
      [b!.skuId, 'accepted', 1500],
      [c!.skuId, 'refused', null],
    ]);
    const listed = await pricing.readPrices(a!.goodsId, [a!.skuId, b!.skuId, c!.skuId]);
    expect(listed.map((p) => p.price?.amountMinor)).toEqual([1999, 1500, c!.priceMinor]);

    // 1 change + 3 queries + accept + reject + 2 queries + 1 price read, all in the products group.
    const stats = await h.control<{ admittedByGroup: Record<string, number> }>('GET', 'stats');
    expect(stats.admittedByGroup.products).toBe(9);
  });

  it('negotiates a counter-offer, then refuses a change while an order is open', async () => {
    const [a, , c] = threeOfOneGoods();
    await h.control('POST', 'price-review', {
      latencyMs: 0,
      bySellerSku: { [c!.sellerSku]: { outcome: 'counter', counterMinor: 800 } },
      negotiation: 'pass',
    });
    const pricing = new TemuPricing('shop-1', h.client());
    const cur = c!.currency;
    const filed = await pricing.changePrices(c!.goodsId, [{ skuId: c!.skuId, price: money(1100, cur) }], 'r');
    const [counter] = await pricing.priceOrders(c!.goodsId, [filed.orders[0]!.orderRef]);
    expect(counter).toMatchObject({ state: 'awaiting_seller', proposed: money(800, cur) });
    await pricing.negotiate(counter!, money(1000, cur), 'our floor is 10.00');
    // Temu reviews the negotiated price again (204, then passed: the policy says so).
    const [settled] = await pricing.priceOrders(c!.goodsId, [filed.orders[0]!.orderRef]);
    expect(settled).toMatchObject({ state: 'passed', listed: money(1000, cur) });

    await h.control('POST', 'price-review', { latencyMs: 60_000 });
    const first = await pricing.changePrices(a!.goodsId, [{ skuId: a!.skuId, price: money(2100, cur) }], 'r');
    const again = await pricing.changePrices(a!.goodsId, [{ skuId: a!.skuId, price: money(2150, cur) }], 'r');
    expect(again.orders).toEqual([]);
    expect(again.failed[0]!.reason).toMatch(/price order in status 100 is still open/);
    const [reviewing] = await pricing.priceOrders(a!.goodsId, [first.orders[0]!.orderRef]);
    expect(reviewing!.state).toBe('reviewing');
  });

  it('reads recommended prices', async () => {
    const [a] = threeOfOneGoods();
    await h.control('POST', 'recommended-prices', { prices: { [a!.sellerSku]: 1450 } });
    const pricing = new TemuPricing('shop-1', h.client());
    const rec = await pricing.recommendedPrices([a!.goodsId]);
    expect(rec.get(a!.skuId)).toEqual(money(1450, a!.currency));
  });
});

describe('without the price scope', () => {
  let noScope: Harness;
  beforeAll(async () => {
    noScope = await startHarness({ orderCount: 0, priceScopeGranted: false });
  });
  afterAll(async () => {
    await noScope.close();
  });

  it('says which scope is missing, as a credentials error', async () => {
    const pricing = new TemuPricing('shop-9', noScope.client());
    const err = (await pricing.recommendedPrices(['1']).catch((e: unknown) => e)) as IntegrationError;
    expect(err.kind).toBe('credentials');
    expect(err.code).toBe('ERR_TEMU_SCOPE');
    expect(err.message).toContain("shop shop-9 lacks Temu's price scope");
  });
});
