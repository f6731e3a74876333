import { chunk, str } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';

/**
 * Seller SKU → `product.product` id: by internal reference (`default_code`, indexed, not unique:
 * lowest id wins), then by `barcode` (unique) for the rest (docs/odoo-api.md §2.2). One call per chunk each.
 */
export async function resolveProducts(
  conn: OdooConnection,
  skus: string[],
  chunkSize: number,
): Promise<Map<string, number>> {
  const wanted = [...new Set(skus.map((s) => s.trim()).filter((s) => s !== ''))];
  const found = new Map<string, number>();
  for (const part of chunk(wanted, chunkSize)) {
    const rows = await conn.searchRead<{ id: number; default_code: string | false }>(
      'product.product',
      [['default_code', 'in', part]],
      ['id', 'default_code'],
      {
        order: 'id asc',
      },
    );
    for (const r of rows)
      if (typeof r.default_code === 'string' && !found.has(r.default_code)) found.set(r.default_code, r.id);
  }
  const rest = wanted.filter((s) => !found.has(s));
  for (const part of chunk(rest, chunkSize)) {
    const rows = await conn.searchRead<{ id: number; barcode: string | false }>(
      'product.product',
      [['barcode', 'in', part]],
      ['id', 'barcode'],
      { order: 'id asc' },
    );
    for (const r of rows)
      if (typeof r.barcode === 'string' && !found.has(r.barcode)) found.set(r.barcode, r.id);
  }
  // Callers may pass SKUs with surrounding spaces: answer under the SKU as given.
  const out = new Map<string, number>();
  for (const s of skus) {
    const id = found.get(s.trim());
    if (id !== undefined) out.set(s, id);
  }
  return out;
}

/** product id → SKU (internal reference, else barcode, else `#id`), one read per chunk. */
export async function readProductSkus(
  conn: OdooConnection,
  productIds: number[],
  chunkSize: number,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const part of chunk([...new Set(productIds)], chunkSize)) {
    const rows = await conn.read<{ id: number; default_code: unknown; barcode: unknown }>(
      'product.product',
      part,
      ['default_code', 'barcode'],
    );
    for (const r of rows) out.set(r.id, str(r.default_code) ?? str(r.barcode) ?? `#${r.id}`);
  }
  for (const id of productIds) if (!out.has(id)) out.set(id, `#${id}`);
  return out;
}
