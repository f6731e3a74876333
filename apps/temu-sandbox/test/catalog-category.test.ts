/** Seeded goods sit in real leaf categories of the sandbox tree, so the goods list's `catId` is one. */
import { describe, expect, it } from '@jest/globals';
import { loadCatalog } from '../src/data/seed.js';
import { resolveConfig } from '../src/options.js';
import { SandboxState } from '../src/state.js';

const sku = (sellerSku: string) => ({ sellerSku, priceMinor: 1000, currency: 'USD', stock: 1 });
const fresh = () => new SandboxState(resolveConfig({ orderCount: 0, catalog: [] }));

describe('catalogue categories', () => {
  it('keeps a given leaf and gives the others the open leaf at their position', () => {
    const state = fresh();
    loadCatalog(state, [
      { goodsName: 'Lamp', skus: [sku('C-1')] },
      { goodsName: 'Mug', catId: 1211, skus: [sku('C-2')] },
      { goodsName: 'Light', skus: [sku('C-3')] },
    ]);
    // Open leaves in tree order: 111, 112, 1211, …: goods 0 → 111, goods 2 → 1211; goods 1 keeps its 1211.
    expect([...state.goods.values()].map((g) => g.catId)).toEqual([111, 1211, 1211]);
  });

  it('refuses a category that is not a leaf, or one closed to the shop, naming the goods', () => {
    // 110 Lighting has children; 220 Vapes is a leaf not available to the shop.
    for (const catId of [110, 220, 99_999])
      expect(() => loadCatalog(fresh(), [{ goodsName: 'X', catId, skus: [sku('C-9')] }])).toThrow(
        `catalog: goods 0 catId ${catId} is not a leaf category open to the shop`,
      );
  });
});
