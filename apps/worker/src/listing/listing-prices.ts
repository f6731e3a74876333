import type { ListingProduct, MarketplaceSku, Money } from '@temu-odoo/core';
import type { WorkerDeps } from '../worker-deps.js';
import { planShopPrices } from '../pricing/plan-shop-prices.js';
import { PriceState } from '../pricing/price-state.js';

export type ListingPrices = { ok: true; bySku: Map<string, Money> } | { ok: false; reason: string };

/**
 * The price each variant of a product is published at: the pricing engine's, never the list price
 * (a list price below the floor would sell at a loss from the first order). A SKU the shop's stored
 * plan (`prices.plan`, queues/price-plan.ts) priced takes that price; the others, new to Temu, are
 * planned here with the same engine and inputs (Odoo cost, fees, competitor feed, ageing, seasons),
 * as unlisted SKUs (no current price, so no daily cap) and without Temu's recommended price (Temu
 * has none for goods it does not list yet). A SKU the engine cannot price (no pricing configuration
 * for the shop, no cost in Odoo, unreachable floor) refuses the whole product with the reason: a
 * goods is published with all its SKUs or not at all.
 */
export async function listingPrices(
  deps: WorkerDeps,
  shopId: string,
  product: ListingProduct,
  categoryId: number,
): Promise<ListingPrices> {
  const pricing = deps.pricing?.shops.get(shopId);
  if (!deps.pricing || !pricing)
    return {
      ok: false,
      reason: `no price from the pricing engine: pricing is not configured for shop ${shopId} (add it to the PRICING_FILE); the list price is not used`,
    };
  const state = new PriceState(deps.redis, deps.prefix, shopId);
  const bySku = new Map<string, Money>();
  const stored = new Map(((await state.lastPlan())?.rows ?? []).map((r) => [r.sku, r]));
  const toPlan: ListingProduct['variants'] = [];
  for (const v of product.variants) {
    const row = v.sku ? stored.get(v.sku) : undefined;
    if (row && row.skipped === null && row.proposedMinor !== null && row.currency)
      bySku.set(v.sku!, { amountMinor: row.proposedMinor, currency: row.currency });
    else toPlan.push(v);
  }
  if (toPlan.length === 0) return { ok: true, bySku };

  const skus: MarketplaceSku[] = toPlan.map((v) => ({
    shopId,
    // Not on Temu yet: placeholder ids (the plan is not stored, nothing is pushed from it).
    goodsId: `unlisted:${product.code}`,
    skuId: `unlisted:${v.sku}`,
    sellerSku: v.sku,
    listPriceMinor: null,
    currency: v.price?.currency ?? null,
    stock: null,
    categoryId: String(categoryId),
  }));
  const { recommended: _unused, ...rules } = pricing.config.rules;
  const { plan } = await planShopPrices({
    skus,
    pricing: { ...pricing, config: { ...pricing.config, rules } },
    erp: deps.pricing.erp,
    state,
    nowMs: deps.clock.nowMs(),
  });
  const skipped = plan.skipped[0];
  if (skipped)
    return { ok: false, reason: `no price from the pricing engine for ${skipped.sku}: ${skipped.reason}` };
  for (const p of plan.priced) bySku.set(p.sku, { amountMinor: p.proposedMinor, currency: p.currency });
  const missing = toPlan.find((v) => !v.sku || !bySku.has(v.sku));
  if (missing) return { ok: false, reason: `no price from the pricing engine for variant ${missing.label}` };
  return { ok: true, bySku };
}

/** The product with each variant at its engine price (the SKU check already required a code). */
export function withPrices(product: ListingProduct, bySku: Map<string, Money>): ListingProduct {
  return {
    ...product,
    variants: product.variants.map((v) => ({ ...v, price: bySku.get(v.sku ?? '') ?? null })),
  };
}
