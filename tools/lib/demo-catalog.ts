import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One demo catalogue for both sandboxes: the same seller SKU codes on Temu SKUs (outSkuSn/extCode)
 * and on Odoo products (default_code), Odoo products with stock on hand, Temu SKUs listed with a
 * price. Deterministic, so every `pnpm start` shows the same shop.
 */
const COLOURS = ['RED', 'BLUE', 'BLACK'];
const PRODUCTS = [
  'Desk Lamp',
  'Phone Stand',
  'Travel Mug',
  'Yoga Mat',
  'Cable Organizer',
  'Wireless Mouse',
  'Laptop Sleeve',
  'Water Bottle',
  'Notebook Set',
  'LED Strip',
  'Plant Pot',
  'Shower Caddy',
  'Bike Light',
  'Lunch Box',
  'Key Holder',
  'Kitchen Timer',
  'Phone Case',
  'Desk Mat',
  'Tote Bag',
  'Pet Brush',
];

export interface DemoSku {
  sellerSku: string;
  name: string;
  priceMinor: number;
  currency: string;
  odooQtyOnHand: number;
}

export interface DemoGoods {
  goodsName: string;
  skus: DemoSku[];
}

export function demoGoods(): DemoGoods[] {
  return PRODUCTS.map((name, i) => {
    const n = String(i + 1).padStart(4, '0');
    return {
      goodsName: name,
      skus: COLOURS.map((colour, j) => ({
        sellerSku: `DEMO-${n}-${colour}`,
        name: `${name} (${colour.toLowerCase()})`,
        priceMinor: 999 + i * 150 + j * 100,
        currency: 'USD',
        odooQtyOnHand: 20 + ((i * 7 + j * 13) % 60),
      })),
    };
  });
}

/** Writes the catalogue in each sandbox's input format; returns the two file paths. */
export function writeDemoCatalog(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temu-odoo-demo-'))): {
  temu: string;
  odoo: string;
} {
  const goods = demoGoods();
  const temu = goods.map((g) => ({
    goodsName: g.goodsName,
    skus: g.skus.map((s) => ({
      sellerSku: s.sellerSku,
      priceMinor: s.priceMinor,
      currency: s.currency,
      stock: 0,
    })),
  }));
  const odoo = goods.flatMap((g) =>
    g.skus.map((s) => ({
      defaultCode: s.sellerSku,
      name: s.name,
      listPrice: s.priceMinor / 100,
      qtyOnHand: s.odooQtyOnHand,
    })),
  );
  const files = { temu: path.join(dir, 'temu-catalog.json'), odoo: path.join(dir, 'odoo-products.json') };
  fs.writeFileSync(files.temu, JSON.stringify(temu, null, 2));
  fs.writeFileSync(files.odoo, JSON.stringify(odoo, null, 2));
  return files;
}
