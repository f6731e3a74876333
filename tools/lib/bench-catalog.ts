import type { SandboxCatalogItem } from '@temu-odoo/temu-sandbox';
import type { SandboxProductSeed } from '@temu-odoo/odoo-sandbox';

/**
 * A synthetic catalogue of `skuCount` SKUs for both sandboxes: the same seller codes on Temu SKUs and
 * Odoo products (`default_code`), `skusPerGoods` SKUs per goods. Temu stock starts at 0 so the first
 * full sweep has something to push; Odoo quantities are deterministic.
 */
export interface BenchCatalog {
  temu: SandboxCatalogItem[];
  odoo: SandboxProductSeed[];
  /** Seller SKU codes in catalogue order (index i belongs to goods ⌊i / skusPerGoods⌋). */
  codes: string[];
  skusPerGoods: number;
}

export function benchCatalog(skuCount: number, skusPerGoods = 5): BenchCatalog {
  if (!Number.isInteger(skuCount) || skuCount < 1)
    throw new Error(`--skus: expected a positive integer, got ${skuCount}`);
  const temu: SandboxCatalogItem[] = [];
  const odoo: SandboxProductSeed[] = [];
  const codes: string[] = [];
  for (let i = 0; i < skuCount; i++) {
    const g = Math.floor(i / skusPerGoods);
    const code = `BENCH-${String(g + 1).padStart(5, '0')}-${(i % skusPerGoods) + 1}`;
    codes.push(code);
    if (i % skusPerGoods === 0) temu.push({ goodsName: `Bench goods ${g + 1}`, skus: [] });
    temu[temu.length - 1]!.skus.push({
      sellerSku: code,
      priceMinor: 500 + (i % 50) * 10,
      currency: 'USD',
      stock: 0,
    });
    odoo.push({
      defaultCode: code,
      name: `Bench item ${code}`,
      listPriceMinor: 900 + (i % 50) * 10,
      qtyOnHand: 100 + (i % 37),
    });
  }
  return { temu, odoo, codes, skusPerGoods };
}

/** Deterministic pseudo-random pick of `count` distinct indexes below `n` (LCG; same seed, same pick). */
export function pickIndexes(n: number, count: number, seed = 42): number[] {
  const picked = new Set<number>();
  let x = seed >>> 0;
  while (picked.size < Math.min(count, n)) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    picked.add(x % n);
  }
  return [...picked].sort((a, b) => a - b);
}
