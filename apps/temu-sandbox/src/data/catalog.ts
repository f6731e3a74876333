/**
 * The demo catalogue shared with the Odoo sandbox: both are seeded from the same seller SKU codes
 * (`outSkuSn` on Temu = `extCode` in orders = `default_code` in Odoo). Pure data, no I/O.
 */
export interface SandboxCatalogSku {
  /** Temu SKU id as decimal text; generated when absent. */
  skuId?: string;
  /** Seller SKU code (Temu `outSkuSn` / order `extCode`). */
  sellerSku: string;
  /** Seller (base/supplier) price in minor units of `currency`. */
  priceMinor: number;
  currency: string;
  stock: number;
}

export interface SandboxCatalogItem {
  /** Temu goods id as decimal text; generated when absent. */
  goodsId?: string;
  goodsName: string;
  /**
   * Temu leaf category (one of `CATEGORIES`, open to the shop); when absent, the open leaf at the
   * goods' position (cycling).
   */
  catId?: number;
  skus: SandboxCatalogSku[];
}

const PRODUCTS = [
  'Cotton T-shirt',
  'Ceramic Mug',
  'Yoga Mat',
  'Water Bottle',
  'Desk Lamp',
  'Phone Case',
  'Tote Bag',
  'Wool Socks',
  'Baseball Cap',
  'Knit Scarf',
  'Dotted Notebook',
  'Daypack Backpack',
  'Polarized Sunglasses',
  'Compact Umbrella',
  'Travel Pillow',
  'Bamboo Cutting Board',
  'Throw Blanket',
  'Terracotta Plant Pot',
  'Bike Light',
  'Dog Leash',
] as const;

const COLORS = ['RED', 'BLUE', 'GREEN'] as const;

/** Every 4th goods carries ids above 2^53 (docs/temu-api.md §15.15) so clients must parse losslessly. */
const BIG_ID_BASE = 9_007_199_254_740_993n;

/**
 * 20 goods × 2–3 colour SKUs, seller SKU codes `DEMO-0001-RED` …, deterministic ids, prices and
 * stock. `currency` applies to every SKU.
 */
export function demoCatalog(currency = 'USD'): SandboxCatalogItem[] {
  return PRODUCTS.map((name, index) => {
    const n = index + 1;
    const code = `DEMO-${String(n).padStart(4, '0')}`;
    const big = n % 4 === 0;
    const goodsId = big ? BIG_ID_BASE + BigInt(n) * 1_000n : 601_099_548_660_000n + BigInt(n) * 1_117n;
    const skuCount = n % 2 === 0 ? 2 : 3;
    return {
      goodsId: goodsId.toString(),
      goodsName: `${name} (${code})`,
      skus: COLORS.slice(0, skuCount).map((color, j) => ({
        skuId: (big ? goodsId + BigInt(j + 1) : 17_592_352_670_000n + BigInt(n * 10 + j)).toString(),
        sellerSku: `${code}-${color}`,
        priceMinor: 999 + n * 150 + j * 100,
        currency,
        stock: ((n * 37 + j * 11) % 120) + 5,
      })),
    };
  });
}
