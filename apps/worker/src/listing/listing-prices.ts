import type { ListingProduct, MarketplaceSku, Money } from '@temu-odoo/core';
import type { WorkerDeps } from '../worker-deps.js';
import { planShopPrices } from '../pricing/plan-shop-prices.js';
import { PriceState } from '../pricing/price-state.js';

export type ListingPrices =
  | {
      ok: true;
      bySku: Map<string, Money>;
      /** Set when some variant went at its list price: which ones and why the engine had no price. */
      listPriceNote: string | null;
    }
  | { ok: false; reason: string };

/**
 * The price each variant of a product is published at (issue 15): the pricing engine's where it has
 * one, else the list price. A SKU the shop's stored plan (`prices.plan`, queues/price-plan.ts)
 * priced takes that price; the others, new to Temu, are planned here with the same engine and
 * inputs (Odoo cost, fees, competitor feed, ageing, seasons), as unlisted SKUs (no current price, so
 * no daily cap) and without Temu's recommended price (Temu has none for goods it does not list yet).
 * A SKU the engine cannot price (no pricing configuration for the shop, no cost in Odoo, unreachable
 * floor) goes at its list price, and the report says so with the engine's reason; only a variant
 * with neither price refuses the whole product (a goods is published with all its SKUs or not at all).
 */
export async function listingPrices(
  deps: WorkerDeps,
  shopId: string,
  product: ListingProduct,
  categoryId: number,
): Promise<ListingPrices> {
  const engine = await enginePrices(deps, shopId, product, categoryId);
  const bySku = new Map<string, Money>();
  const atListPrice: string[] = [];
  for (const v of product.variants) {
    const sku = v.sku ?? '';
    const priced = engine.bySku.get(sku);
    if (priced) bySku.set(sku, priced);
    else if (v.price) {
      bySku.set(sku, v.price);
      atListPrice.push(sku);
    } else
      return {
        ok: false,
        reason: `variant ${v.label} has neither an engine price (${engine.reasonBySku.get(sku) ?? engine.reason ?? 'not priced'}) nor a list price`,
      };
  }
  const listPriceNote = atListPrice.length
    ? `published at the list price: ${atListPrice
        .map(
          (sku) => `${sku} (${engine.reasonBySku.get(sku) ?? engine.reason ?? 'not priced by the engine'})`,
        )
        .join('; ')}`
    : null;
  return { ok: true, bySku, listPriceNote };
}

interface EnginePrices {
  bySku: Map<string, Money>;
  /** Why a SKU has no engine price. */
  reasonBySku: Map<string, string>;
  /** Why no SKU has one (pricing not configured for the shop). */
  reason: string | null;
}

async function enginePrices(
  deps: WorkerDeps,
  shopId: string,
  product: ListingProduct,
  categoryId: number,
): Promise<EnginePrices> {
  const out: EnginePrices = { bySku: new Map(), reasonBySku: new Map(), reason: null };
  const pricing = deps.pricing?.shops.get(shopId);
  if (!deps.pricing || !pricing) {
    out.reason = `pricing is not configured for shop ${shopId} (PRICING_FILE)`;
    return out;
  }
  const state = new PriceState(deps.redis, deps.prefix, shopId);
  const stored = new Map(((await state.lastPlan())?.rows ?? []).map((r) => [r.sku, r]));
  const toPlan: ListingProduct['variants'] = [];
  for (const v of product.variants) {
    const row = v.sku ? stored.get(v.sku) : undefined;
    if (row && row.skipped === null && row.proposedMinor !== null && row.currency)
      out.bySku.set(v.sku!, { amountMinor: row.proposedMinor, currency: row.currency });
    else if (v.sku) toPlan.push(v);
  }
  if (toPlan.length === 0) return out;

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
  for (const p of plan.priced) out.bySku.set(p.sku, { amountMinor: p.proposedMinor, currency: p.currency });
  for (const s of plan.skipped) out.reasonBySku.set(s.sku, s.reason);
  return out;
}

/** The product with each variant at its publishing price (the SKU check already required a code). */
export function withPrices(product: ListingProduct, bySku: Map<string, Money>): ListingProduct {
  return {
    ...product,
    variants: product.variants.map((v) => ({ ...v, price: bySku.get(v.sku ?? '') ?? null })),
  };
}
