import { describe, expect, it } from '@jest/globals';
import type {
  ListingDraft,
  ListingMarketplacePort,
  PublishedListing,
} from '../../src/listing/listing-ports.js';
import { DEFAULT_LISTING_RULES } from '../../src/listing/listing-rules.js';
import type { ListingDeps } from '../../src/listing/publish-listing.js';
import { publishProduct } from '../../src/listing/publish-listing.js';
import { goodImage, goodProduct, lampTemplate } from './listing-fixtures.js';

/** An in-memory marketplace implementing our own port: records what it was asked to publish. */
class MemoryMarketplace implements ListingMarketplacePort {
  published: ListingDraft[] = [];
  updated: string[] = [];
  async category(id: number) {
    return id === 30101 ? { categoryId: id, name: 'Desk Lamps', leaf: true, available: true } : null;
  }
  async template() {
    return lampTemplate;
  }
  async publish(draft: ListingDraft): Promise<PublishedListing> {
    this.published.push(draft);
    return {
      goodsId: '900',
      skus: draft.product.variants.map((v, i) => ({ sku: v.sku!, skuId: String(9000 + i) })),
    };
  }
  async update(goodsId: string, _draft: ListingDraft, published: PublishedListing) {
    this.updated.push(goodsId);
    return published;
  }
}

function deps(marketplace: MemoryMarketplace, image = goodImage()): ListingDeps {
  return {
    marketplace,
    rules: DEFAULT_LISTING_RULES,
    categoryFor: (p) => (p.erpCategoryId === 5 ? 30101 : null),
    measureImages: async () => [image],
  };
}
const ctx = { existing: null, imageUrls: ['https://img.example/1.jpg'], stockBySku: {}, handlingDays: 2 };

describe('publishProduct', () => {
  it('publishes a passing product in its mapped category and returns the new ids', async () => {
    const m = new MemoryMarketplace();
    const out = await publishProduct(goodProduct(), deps(m), ctx);
    expect(out.action).toBe('published');
    expect(m.published.map((d) => [d.product.code, d.categoryId])).toEqual([['LAMP-1', 30101]]);
    expect(out.action !== 'blocked' && out.listing.skus).toEqual([
      { sku: 'LAMP-1-BLK', skuId: '9000' },
      { sku: 'LAMP-1-WHT', skuId: '9001' },
    ]);
  });

  it('never sends a failing product: a small image blocks it with the reason', async () => {
    const m = new MemoryMarketplace();
    const out = await publishProduct(goodProduct(), deps(m, goodImage({ width: 700, height: 700 })), ctx);
    expect(out.action).toBe('blocked');
    expect(out.check.issues.map((i) => i.code)).toEqual(['IMAGE_TOO_SMALL']);
    expect(m.published).toEqual([]);
  });

  it('blocks an unmapped category, and updates a product already published', async () => {
    const m = new MemoryMarketplace();
    expect((await publishProduct(goodProduct({ erpCategoryId: 6 }), deps(m), ctx)).action).toBe('blocked');
    const existing = { goodsId: '77', skus: [{ sku: 'LAMP-1-BLK', skuId: '1' }] };
    expect((await publishProduct(goodProduct(), deps(m), { ...ctx, existing })).action).toBe('updated');
    expect(m.updated).toEqual(['77']);
    expect(m.published).toEqual([]);
  });
});
