import type { Redis } from 'ioredis';
import type { MarketplaceSku, Money, PublishedListing } from '@temu-odoo/core';
import {
  LISTING_REPORT,
  LISTINGS,
  readListingReport,
  shopStateKey,
  type ListingReportEntry,
} from '@temu-odoo/queues';

export type { ListingReportEntry };

/**
 * Per shop in Redis: the last report per product (`listing-report`, hash code → JSON) and the Temu
 * ids of published products (`listings`, hash code → JSON). Both are bounded by the catalogue.
 */
export class ListingStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly shopId: string,
  ) {}

  #key(name: string): string {
    return shopStateKey(this.prefix, this.shopId, name);
  }

  async saveReport(entries: ListingReportEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.redis.hset(
      this.#key(LISTING_REPORT),
      Object.fromEntries(entries.map((e) => [e.code, JSON.stringify(e)])),
    );
  }

  report(codes?: string[]): Promise<ListingReportEntry[]> {
    return readListingReport(this.redis, this.prefix, this.shopId, codes);
  }

  async published(codes: string[]): Promise<Map<string, PublishedListing>> {
    if (codes.length === 0) return new Map();
    const values = await this.redis.hmget(this.#key(LISTINGS), ...codes);
    const out = new Map<string, PublishedListing>();
    codes.forEach((c, i) => {
      if (values[i]) out.set(c, JSON.parse(values[i]) as PublishedListing);
    });
    return out;
  }

  async recordPublished(code: string, listing: PublishedListing): Promise<void> {
    await this.redis.hset(this.#key(LISTINGS), code, JSON.stringify(listing));
  }

  /**
   * Adds freshly published SKUs to the shop's SKU map (the `skus` hash ShopState keeps, skuId →
   * JSON) so orders and stock map through them at once; one HSET, the rest of the map untouched.
   * The next products refresh replaces the map from Temu's list anyway.
   */
  async addToSkuMap(
    listing: PublishedListing,
    prices: Map<string, Money | null>,
    categoryId: number | null = null,
  ): Promise<void> {
    const fresh: MarketplaceSku[] = listing.skus.map((s) => ({
      shopId: this.shopId,
      goodsId: listing.goodsId,
      skuId: s.skuId,
      sellerSku: s.sku,
      listPriceMinor: prices.get(s.sku)?.amountMinor ?? null,
      currency: prices.get(s.sku)?.currency ?? null,
      stock: null,
      // Pricing's commission is keyed by this category: known at once, before any products refresh.
      categoryId: categoryId === null ? null : String(categoryId),
    }));
    if (fresh.length === 0) return;
    await this.redis.hset(
      this.#key('skus'),
      Object.fromEntries(fresh.map((s) => [s.skuId, JSON.stringify(s)])),
    );
  }
}
