import { createHash } from 'node:crypto';
import type { PricePlanRow, PricePlanTable, ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { planShopPrices, type ShopPlan } from '../pricing/plan-shop-prices.js';
import { PriceState } from '../pricing/price-state.js';
import { pricingOf } from '../pricing/pricing-setup.js';

const DAY_MS = 86_400_000;

/**
 * R11/R12: plans the shop's prices and enqueues one `prices.push` per goods whose price moves beyond
 * the threshold. The job id digests (SKU, target price) pairs, so the same move is pushed once.
 * Without the price scope the plan is still computed and reported, and nothing is pushed.
 */
export function pricesPlan(deps: WorkerDeps): ProcessorFn<'prices.plan'> {
  return async ({ shopId, dryRun }, { log }) => {
    const shop = shopOf(deps, shopId);
    // A fleet without PRICING_FILE does not price: the daily schedule then does nothing, quietly.
    if (!deps.pricing) return { skipped: 'pricing is not configured (PRICING_FILE)' };
    const pricing = pricingOf(deps.pricing, shopId);
    const state = new PriceState(deps.redis, deps.prefix, shopId);
    const nowMs = deps.clock.nowMs();
    const result = await planShopPrices({
      skus: await shop.state.skus(),
      pricing,
      erp: deps.pricing!.erp,
      state,
      nowMs,
    });
    const summary = {
      priced: result.plan.priced.length,
      skipped: result.plan.skipped.map((s) => ({ sku: s.sku, code: s.code, reason: s.reason })),
      feedRowsRejected: result.feedRejected.length,
      underReview: result.underReview,
      goodsToPush: result.pushes.length,
      pushBlocked: null as string | null,
    };
    await state.saveLastPlan(planTable(shopId, nowMs, dryRun, result));
    if (dryRun) return { ...summary, dryRun: true, goodsToPush: 0, wouldPush: result.pushes.length };
    if (result.feedRejected.length > 0)
      log.warn({ rejected: result.feedRejected.slice(0, 20) }, 'competitor feed rows skipped');
    if (result.recommendedUnavailable)
      log.warn({ reason: result.recommendedUnavailable }, 'recommended prices unavailable');
    if (result.pushes.length > 0 && !(await pricing.market.canChangePrices())) {
      summary.pushBlocked = `shop ${shopId} lacks Temu's price scope: prices computed, not pushed`;
      // Said once a day per shop, not on every plan.
      if (await shop.state.markOnce('pricing-no-scope', DAY_MS)) log.warn(summary.pushBlocked);
      return { ...summary, goodsToPush: 0 };
    }
    const today = new Date(nowMs).toISOString().slice(0, 10);
    const current = new Map(result.plan.priced.map((p) => [p.skuId, p.currentMinor]));
    await state.rememberDayStart(
      today,
      result.pushes.flatMap((p) =>
        p.skus.flatMap((s) => {
          const price = current.get(s.skuId);
          return price == null ? [] : [{ skuId: s.skuId, priceMinor: price }];
        }),
      ),
    );
    await deps.registry.enqueueBulk(
      'prices.push',
      result.pushes.map((p) => ({
        data: { shopId, goodsId: p.goodsId, skus: p.skus },
        opts: {
          jobId: `prices.push.${shopId}.${p.goodsId}.${digest(p.skus.map((s) => `${s.skuId}@${s.priceMinor}`))}`,
        },
      })),
    );
    log.info({ ...summary, skipped: summary.skipped.length }, 'prices planned');
    return summary;
  };
}

function planTable(shopId: string, nowMs: number, dryRun: boolean, result: ShopPlan): PricePlanTable {
  const pushed = new Set(result.pushes.flatMap((p) => p.skus.map((s) => s.skuId)));
  const rows: PricePlanRow[] = [
    ...result.plan.priced.map((p) => ({
      sku: p.sku,
      currency: p.currency,
      costMinor: p.costMinor,
      currentMinor: p.currentMinor,
      proposedMinor: p.proposedMinor,
      floorMinor: p.floorMinor,
      rulesFired: p.rulesFired,
      push: pushed.has(p.skuId),
      skipped: null,
    })),
    ...result.plan.skipped.map((s) => ({
      sku: s.sku,
      currency: null,
      costMinor: null,
      currentMinor: null,
      proposedMinor: null,
      floorMinor: null,
      rulesFired: [],
      push: false,
      skipped: `${s.code}: ${s.reason}`,
    })),
  ];
  return { shopId, plannedAtMs: nowMs, dryRun, rows: rows.sort((a, b) => a.sku.localeCompare(b.sku)) };
}

export function digest(parts: string[]): string {
  return createHash('sha1').update(parts.join(',')).digest('hex').slice(0, 16);
}
