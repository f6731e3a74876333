import { checkListing } from './check-listing.js';
import type { ListingDraft, ListingMarketplacePort, PublishedListing } from './listing-ports.js';
import type { ListingRules } from './listing-rules.js';
import type { ImageMeasurement, ListingCheckResult, ListingProduct } from './listing-types.js';

export interface ListingDeps {
  marketplace: ListingMarketplacePort;
  rules: ListingRules;
  /** The marketplace category the product's ERP category maps to (mapping file); null when unmapped. */
  categoryFor(product: ListingProduct): number | null;
  /** Decodes and measures the product's images (outside core: the worker uses sharp). */
  measureImages(product: ListingProduct): Promise<ImageMeasurement[]>;
}

/** Gathers category, template and image measurements, then applies every rule. */
export async function checkProductListing(
  product: ListingProduct,
  deps: ListingDeps,
): Promise<ListingCheckResult> {
  const mapped = deps.categoryFor(product);
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
export interface PublishContext {
  existing: PublishedListing | null;
  imageUrls: string[];
  stockBySku: Record<string, number>;
  handlingDays: number;
}

/** Checks the product, then publishes it only if it passes (see `publishChecked`). */
export async function publishProduct(
  product: ListingProduct,
  deps: ListingDeps,
  context: PublishContext,
): Promise<PublishOutcome> {
  return publishChecked(product, await checkProductListing(product, deps), deps.marketplace, context);
}

/**
 * Publishes a product whose check passed; a failing check is never sent (outcome `blocked`). A
 * product already published is updated instead. The caller records `listing` so orders and stock
 * map through its ids at once.
 */
export async function publishChecked(
  product: ListingProduct,
  check: ListingCheckResult,
  marketplace: ListingMarketplacePort,
  context: PublishContext,
): Promise<PublishOutcome> {
  if (!check.passed || check.categoryId === null || check.erpId !== product.erpId)
    return { action: 'blocked', check };
  const draft: ListingDraft = {
    product,
    categoryId: check.categoryId,
    imageUrls: context.imageUrls,
    stockBySku: context.stockBySku,
    handlingDays: context.handlingDays,
  };
  if (context.existing) {
    const listing = await marketplace.update(context.existing.goodsId, draft, context.existing);
    return { action: 'updated', check, listing };
  }
  return { action: 'published', check, listing: await marketplace.publish(draft) };
}
