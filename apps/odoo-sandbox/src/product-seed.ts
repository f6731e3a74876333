/** A product of the catalogue the sandbox starts with (kept a plain input so catalogues can be shared). */
export interface SandboxProductSeed {
  /** Seller SKU → `product.product.default_code`. */
  defaultCode: string;
  name: string;
  barcode?: string;
  /** Sales price in minor units (cents); or give `listPrice`. */
  listPriceMinor?: number;
  listPrice?: number;
  /** On-hand quantity in WH/Stock, booked as an inventory adjustment. */
  qtyOnHand: number;
  /** `storable` (default), `consumable` (not tracked) or `service`. */
  type?: 'storable' | 'consumable' | 'service';
}

const COLOURS = ['RED', 'BLUE', 'GREEN', 'BLACK', 'WHITE'];
const ITEMS = ['Widget', 'Gadget', 'Gizmo', 'Doohickey', 'Sprocket', 'Flange', 'Bracket', 'Coupler'];

/**
 * Deterministic demo catalogue: `DEMO-0001-RED`, `DEMO-0002-BLUE`, … with stable prices, barcodes
 * and stock levels (no randomness, so two processes produce the same catalogue).
 */
export function demoProducts(count = 20): SandboxProductSeed[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const colour = COLOURS[i % COLOURS.length]!;
    const item = ITEMS[i % ITEMS.length]!;
    const code = `DEMO-${String(n).padStart(4, '0')}-${colour}`;
    return {
      defaultCode: code,
      name: `Demo ${item} ${colour.charAt(0)}${colour.slice(1).toLowerCase()}`,
      barcode: `20000${String(n).padStart(7, '0')}`,
      listPriceMinor: 499 + ((n * 373) % 4500),
      qtyOnHand: (n * 37) % 120,
      type: 'storable',
    };
  });
}

export function seedListPrice(seed: SandboxProductSeed): number {
  if (seed.listPrice !== undefined) return seed.listPrice;
  if (seed.listPriceMinor !== undefined) return seed.listPriceMinor / 100;
  return 0;
}
