import { money, parsePricingConfig, type MarketplaceSku } from '@temu-odoo/core';
import { CallCounter, OdooConnection, OdooErp } from '@temu-odoo/odoo-client';
import { createRedisConnection, deleteKeysByPrefix } from '@temu-odoo/queues';
import { TemuClient, TemuPricing } from '@temu-odoo/temu-connector';
import { startOdooSandbox } from '@temu-odoo/odoo-sandbox';
import { startTemuSandbox } from '@temu-odoo/temu-sandbox';
import { planShopPrices } from '../../apps/worker/src/pricing/plan-shop-prices.js';
import { PriceState } from '../../apps/worker/src/pricing/price-state.js';
import { benchCatalog } from './bench-catalog.js';
import { FLEET_CREDENTIALS, uniquePrefix } from './fleet.js';
import { round } from './report.js';

export interface PricingRunResult {
  params: { skus: number };
  plan: {
    seconds: number;
    priced: number;
    skipped: number;
    goodsToPush: number;
    skusToPush: number;
    /** Odoo requests of the plan, session calls excluded (target ≤ 10). */
    odooReads: number;
    odooCallsByMethod: Record<string, number>;
  };
  push: { seconds: number; temuPriceCalls: number; callsEqualGoods: boolean };
}

const CHANGE = 'bg.local.goods.priceorder.change.sku.price';

/**
 * Scenario 7: planning `skus` SKUs (costs, stock age, competitor-free rules) against the Odoo sandbox
 * through the real adapter, timed and with its Odoo requests counted; then filing the planned prices
 * through the real Temu connector, one price-order call per goods that moves. In process: the
 * planner is the worker's own code (apps/worker/src/pricing), without the queues around it.
 */
export async function runPricing(p: PricingRunResult['params']): Promise<PricingRunResult> {
  const catalog = benchCatalog(p.skus);
  const wide = 1_000_000;
  const temu = await startTemuSandbox({
    port: 0,
    ...FLEET_CREDENTIALS,
    orderCount: 0,
    catalog: catalog.temu,
    rateLimits: {
      appKeyPerSecond: wide,
      groupPerMinute: { products: wide, orders: wide, inventory: wide, shipping: wide, finance: wide },
    },
  });
  const odoo = await startOdooSandbox({
    port: 0,
    db: 'odoo',
    username: 'admin',
    password: 'admin',
    products: catalog.odoo,
  });
  const redis = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'producer');
  const prefix = uniquePrefix('bench-pricing');
  try {
    const counter = new CallCounter();
    const erp = new OdooErp(
      new OdooConnection({ url: odoo.url, db: 'odoo', username: 'admin', password: 'admin', counter }),
    );
    // Costs from 3.00 to 7.50 in ten levels: ten writes of one value to many products (set-up, not counted).
    const ids = await erp.resolveProducts(catalog.codes);
    for (let level = 0; level < 10; level++) {
      const part = catalog.codes.filter((_, i) => i % 10 === level).map((c) => ids.get(c)!);
      await erp.connection.write('product.product', part, { standard_price: 3 + level * 0.5 });
    }
    const skus: MarketplaceSku[] = [...temu.state.skus.values()].map((s) => ({
      shopId: 'bench',
      goodsId: s.goodsId.toString(),
      skuId: s.skuId.toString(),
      sellerSku: s.sellerSku,
      listPriceMinor: s.priceMinor,
      currency: s.currency,
      stock: s.stock,
    }));
    const client = new TemuClient({ ...FLEET_CREDENTIALS, baseUrl: temu.url });
    const pricing = {
      config: parsePricingConfig({
        commission: { defaultRate: 0.12 },
        paymentFeeRate: 0.02,
        advertisingRate: 0.05,
        targetMargin: 0.2,
        minMargin: 0.05,
        priceEnding: { everyMinor: 100, endingMinor: 99 },
        rules: { ageing: { tiers: [{ minDays: 60, discountRate: 0.05 }] }, maxDailyChangeRate: 0.5 },
      }),
      competitorFeedFile: null,
      belowFloor: 'refuse' as const,
      market: new TemuPricing('bench', client),
    };
    counter.reset();
    let t = Date.now();
    const result = await planShopPrices({
      skus,
      pricing,
      erp,
      state: new PriceState(redis, prefix, 'bench'),
      nowMs: Date.now(),
    });
    const planSeconds = round((Date.now() - t) / 1000, 2);
    const odooCallsByMethod = counter.snapshot();
    const odooReads = counter.businessTotal();

    const before = temu.state.stats.snapshot().callsByType[CHANGE] ?? 0;
    t = Date.now();
    for (const push of result.pushes) {
      await pricing.market.changePrices(
        push.goodsId,
        push.skus.map((s) => ({ skuId: s.skuId, price: money(s.priceMinor, s.currency) })),
        'bench',
      );
    }
    const pushSeconds = round((Date.now() - t) / 1000, 2);
    const temuPriceCalls = (temu.state.stats.snapshot().callsByType[CHANGE] ?? 0) - before;
    return {
      params: p,
      plan: {
        seconds: planSeconds,
        priced: result.plan.priced.length,
        skipped: result.plan.skipped.length,
        goodsToPush: result.pushes.length,
        skusToPush: result.pushes.reduce((n, g) => n + g.skus.length, 0),
        odooReads,
        odooCallsByMethod,
      },
      push: {
        seconds: pushSeconds,
        temuPriceCalls,
        callsEqualGoods: temuPriceCalls === result.pushes.length,
      },
    };
  } finally {
    await deleteKeysByPrefix(redis, prefix);
    await redis.quit();
    await temu.close();
    await odoo.close();
  }
}
