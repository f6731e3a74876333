import { checkListing } from './check-listing.js';
import type { ListingDraft, ListingMarketplacePort, PublishedListing } from './listing-ports.js';
import type { ListingRules } from './listing-rules.js';
import type { ImageMeasurement, ListingCheckResult, ListingProduct } from './listing-types.js';

export interface ListingDeps {
  marketplace: ListingMarketplacePort;
  rules: ListingRules;
  /** The marketplace category an ERP category maps to (mapping file); null when unmapped. */
  categoryFor(erpCategoryId: number | null): number | null;
  /** Decodes and measures the product's images (outside core: the worker uses sharp). */
  measureImages(product: ListingProduct): Promise<ImageMeasurement[]>;
}

/** Gathers category, template and image measurements, then applies every rule. */
export async function checkProductListing(
  product: ListingProduct,
  deps: ListingDeps,
): Promise<ListingCheckResult> {
  const mapped = deps.categoryFor(product.erpCategoryId);
  const category = mapped === null ? null : await deps.marketplace.category(mapped);
  const template = category?.leaf && category.available ? await deps.marketplace.template(mapped!) : null;
  const images = await deps.measureImages(product);
  return checkListing({ product, mappedCategoryId: mapped, category, template, images }, deps.rules);
}

export type PublishOutcome =
  | { action: 'blocked'; check: ListingCheckResult }
  | { action: 'published' | 'updated'; check: ListingCheckResult; listing: PublishedListing };

/**
 * Checks the product and publishes it only when it passes (a failing product is never sent);
 * a product already published is updated instead. The caller records `listing` so orders and
 * stock map through its ids at once.
 */
export async function publishProduct(
  product: ListingProduct,
  deps: ListingDeps,
  context: {
    existing: PublishedListing | null;
    imageUrls: string[];
    stockBySku: Record<string, number>;
    handlingDays: number;
  },
): Promise<PublishOutcome> {
  const check = await checkProductListing(product, deps);
  if (!check.passed || check.categoryId === null) return { action: 'blocked', check };
  const draft: ListingDraft = {
    product,
    categoryId: check.categoryId,
    imageUrls: context.imageUrls,
    stockBySku: context.stockBySku,
    handlingDays: context.handlingDays,
  };
  if (context.existing) {
    const listing = await deps.marketplace.update(context.existing.goodsId, draft, context.existing);
    return { action: 'updated', check, listing };
  }
  return { action: 'published', check, listing: await deps.marketplace.publish(draft) };
}
