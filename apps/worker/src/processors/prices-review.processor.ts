import { answerCounterOffer, money, type MarketplacePricingPort, type PriceOrderView } from '@temu-odoo/core';
import type { JobPayload, ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { PriceState } from '../pricing/price-state.js';
import { pricingOf } from '../pricing/pricing-setup.js';
import { digest } from './prices-plan.processor.js';

type Tracked = JobPayload<'prices.review'>['orders'][number];

/** The Odoo price list that mirrors what Temu lists for a shop. */
export function shopPriceListName(shopId: string): string {
  return `Temu ${shopId}`;
}

/**
 * Follows price orders under review (docs/temu-api.md §10.4). A counter-offer at or above the floor is
 * accepted; below it is refused (or answered with the floor when the shop negotiates). Prices Temu
 * finally lists are written to the shop's Odoo price list in one batch; rejections are reported with
 * Temu's reason. Orders still open are looked at again after `reviewPollMs`, in a job of the next round.
 */
export function pricesReview(deps: WorkerDeps): ProcessorFn<'prices.review'> {
  return async ({ shopId, goodsId, orders, round }, { log }) => {
    const pricing = pricingOf(deps.pricing, shopId);
    const state = new PriceState(deps.redis, deps.prefix, shopId);
    const views = await pricing.market.priceOrders(
      goodsId,
      orders.map((o) => o.orderRef),
    );
    const viewOf = (o: Tracked) => views.find((v) => v.orderRef === o.orderRef && v.skuId === o.skuId);
    const listed: Array<Tracked & { priceMinor: number }> = [];
    const closed: Array<{ sku: string; state: string; reason: string | null }> = [];
    const open: Tracked[] = [];
    for (const order of orders) {
      const view = viewOf(order);
      if (!view) {
        closed.push({ sku: order.sku, state: 'missing', reason: 'Temu no longer reports this price order' });
        continue;
      }
      const outcome = await settle(order, view, pricing.belowFloor, pricing.market);
      if (outcome.kind === 'open') open.push(order);
      else if (outcome.kind === 'listed') listed.push({ ...order, priceMinor: outcome.priceMinor });
      else closed.push({ sku: order.sku, state: outcome.state, reason: outcome.reason });
    }

    if (listed.length > 0) {
      const currency = listed[0]!.currency;
      await deps.pricing!.erp.writePriceList(
        shopPriceListName(shopId),
        currency,
        listed.map((l) => ({ productId: l.productId, price: money(l.priceMinor, l.currency) })),
      );
      await state.setListed(listed.map((l) => ({ skuId: l.skuId, priceMinor: l.priceMinor })));
    }
    const done = orders.filter((o) => !open.includes(o));
    await state.setAnswered(done.map((o) => ({ skuId: o.skuId, priceMinor: o.targetMinor })));
    await state.clearPending(done.map((o) => o.skuId));
    if (closed.length > 0) log.warn({ goodsId, closed }, 'price orders closed without the new price');
    if (open.length > 0) {
      const next = round + 1;
      await deps.registry.enqueue(
        'prices.review',
        { shopId, goodsId, orders: open, round: next },
        {
          jobId: `prices.review.${shopId}.${goodsId}.${digest(open.map((o) => o.orderRef))}.${next}`,
          delay: deps.pricing!.reviewPollMs,
        },
      );
    }
    const summary = {
      goodsId,
      listed: listed.map((l) => ({ sku: l.sku, priceMinor: l.priceMinor })),
      closed,
      stillOpen: open.length,
    };
    log.info({ ...summary, listed: listed.length }, 'price orders reviewed');
    return summary;
  };
}

type Outcome =
  | { kind: 'open' }
  | { kind: 'listed'; priceMinor: number }
  | { kind: 'closed'; state: string; reason: string | null };

async function settle(
  order: Tracked,
  view: PriceOrderView,
  belowFloor: 'refuse' | 'negotiate',
  market: MarketplacePricingPort,
): Promise<Outcome> {
  switch (view.state) {
    case 'reviewing':
      return { kind: 'open' };
    case 'passed':
    case 'accepted':
      return { kind: 'listed', priceMinor: view.listed?.amountMinor ?? order.targetMinor };
    case 'rejected':
    case 'refused':
      return { kind: 'closed', state: view.state, reason: view.reason };
    case 'awaiting_seller': {
      const proposed = view.proposed?.amountMinor;
      if (proposed === undefined) return { kind: 'open' };
      const answer = answerCounterOffer(proposed, order.floorMinor, belowFloor);
      if (answer.action === 'accept') {
        await market.acceptCounterOffer(view);
        return { kind: 'listed', priceMinor: proposed };
      }
      if (answer.action === 'negotiate') {
        await market.negotiate(view, money(answer.priceMinor, order.currency), answer.reason);
        return { kind: 'open' };
      }
      await market.refuseCounterOffer(view);
      return { kind: 'closed', state: 'refused', reason: answer.reason };
    }
  }
}
