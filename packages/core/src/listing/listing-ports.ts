import type { CategoryTemplate, ListingProduct, MarketplaceCategory } from './listing-types.js';

/** A product that passed every check, ready to publish. */
export interface ListingDraft {
  product: ListingProduct;
  categoryId: number;
  /** Publicly fetchable image URLs, main image first (the marketplace downloads them). */
  imageUrls: string[];
  /** Stock per seller SKU to publish with (from the stock sync; 0 when unknown). */
  stockBySku: Record<string, number>;
  handlingDays: number;
}

/** The marketplace ids a publication created: recorded so orders and stock map at once. */
export interface PublishedListing {
  goodsId: string;
  skus: Array<{ sku: string; skuId: string }>;
}

/** The marketplace's listing side (categories, templates, publication), implemented by a connector. */
export interface ListingMarketplacePort {
  /** The category as the marketplace tree describes it; null when it is not in the tree. Cached. */
  category(categoryId: number): Promise<MarketplaceCategory | null>;
  /** The category's template (required attributes, allowed values). Cached. */
  template(categoryId: number): Promise<CategoryTemplate>;
  publish(draft: ListingDraft): Promise<PublishedListing>;
  /** Title, attributes and images of a published product; price and stock have their own flows. */
  update(goodsId: string, draft: ListingDraft, published: PublishedListing): Promise<PublishedListing>;
}

/** The ERP side of listing: products as the checks read them, and where the seller sees the problems. */
export interface ListingErpPort {
  /** Saleable products with variants, attributes, category and main image; `codes` narrows by reference. */
  readListingProducts(filter: { codes?: string[] }): Promise<ListingProduct[]>;
  /**
   * Shows each product's listing problems to the seller (a to-do on the product), or clears it
   * (`note` null) once the product passes. Idempotent: an unchanged note is not rewritten.
   */
  setListingProblems(entries: Array<{ erpId: number; note: string | null }>): Promise<void>;
}
