import { BadInputError, type ErpStockLevel } from '@temu-odoo/core';
import { chunk, fromOdooDatetime, m2oId, num, roundQty, str, toOdooDatetime } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';

interface QuantRow {
  product_id: [number, string];
  quantity: number;
  reserved_quantity: number;
}

/**
 * Stock read from `stock.quant` (docs/odoo-api.md §2.8): free = quantity − reserved_quantity summed over the
 * warehouse's stock location tree (`child_of` its `lot_stock_id`), and change detection from done
 * `stock.move`s plus `stock.quant.write_date` (reservations move it too).
 */
export class OdooStock {
  readonly #conn: OdooConnection;
  readonly #chunkSize: number;
  readonly #defaultWarehouseId: number | undefined;
  readonly #stockLocations = new Map<number | 'default', number>();

  constructor(conn: OdooConnection, chunkSize: number, defaultWarehouseId?: number) {
    this.#conn = conn;
    this.#chunkSize = chunkSize;
    this.#defaultWarehouseId = defaultWarehouseId;
  }

  async readFreeStock(productIds: number[] | 'all', warehouseId?: number): Promise<ErpStockLevel[]> {
    await this.#conn.connect();
    const location = await this.#stockLocation(warehouseId ?? this.#defaultWarehouseId);
    const products = new Map<number, string>();
    const free = new Map<number, number>();
    const add = (rows: QuantRow[]) => {
      for (const q of rows) {
        const id = q.product_id[0];
        free.set(id, (free.get(id) ?? 0) + num(q.quantity) - num(q.reserved_quantity));
      }
    };
    const fields = ['product_id', 'quantity', 'reserved_quantity'];
    if (productIds === 'all') {
      const rows = await this.#conn.searchReadAll<{ id: number; default_code: unknown; barcode: unknown }>(
        'product.product',
        this.#conn.dialect.storableProductDomain(),
        ['id', 'default_code', 'barcode'],
        { pageSize: 2000 },
      );
      for (const r of rows) products.set(r.id, str(r.default_code) ?? str(r.barcode) ?? `#${r.id}`);
      add(
        await this.#conn.searchReadAll<QuantRow>(
          'stock.quant',
          [['location_id', 'child_of', location]],
          fields,
          { pageSize: 5000 },
        ),
      );
    } else {
      for (const id of productIds)
        if (!Number.isInteger(id) || id <= 0)
          throw new BadInputError(`readFreeStock: ${id} is not a product id`, 'ERR_ODOO_PRODUCT_ID');
      const ids = [...new Set(productIds)];
      for (const part of chunk(ids, this.#chunkSize)) {
        for (const r of await this.#conn.read<{ id: number; default_code: unknown; barcode: unknown }>(
          'product.product',
          part,
          ['default_code', 'barcode'],
        )) {
          products.set(r.id, str(r.default_code) ?? str(r.barcode) ?? `#${r.id}`);
        }
        add(
          await this.#conn.searchRead<QuantRow>(
            'stock.quant',
            [
              ['location_id', 'child_of', location],
              ['product_id', 'in', part],
            ],
            fields,
          ),
        );
      }
    }
    return [...products.entries()].map(([productId, sku]) => ({
      productId,
      sku,
      freeQuantity: roundQty(free.get(productId) ?? 0),
    }));
  }

  /**
   * Products whose stock may have changed since `sinceMs`. Odoo reads `write_date` back truncated to
   * the second (fixtures stock_changes), so the bound is inclusive and rows of the last second come
   * again next time; `untilMs` is the newest timestamp seen (the caller subtracts its overlap).
   */
  async listStockChangesSince(sinceMs: number): Promise<{ productIds: number[]; untilMs: number }> {
    const since = toOdooDatetime(sinceMs);
    const moves = await this.#conn.searchReadAll<{ product_id: unknown; date: unknown }>(
      'stock.move',
      [
        ['state', '=', 'done'],
        ['date', '>=', since],
      ],
      ['product_id', 'date'],
      {
        pageSize: 5000,
      },
    );
    const quants = await this.#conn.searchReadAll<{ product_id: unknown; write_date: unknown }>(
      'stock.quant',
      [['write_date', '>=', since]],
      ['product_id', 'write_date'],
      {
        pageSize: 5000,
      },
    );
    const ids = new Set<number>();
    let untilMs = sinceMs;
    for (const [pid, at] of [
      ...moves.map((m) => [m.product_id, m.date] as const),
      ...quants.map((q) => [q.product_id, q.write_date] as const),
    ]) {
      const id = m2oId(pid);
      if (id !== null) ids.add(id);
      const ms = fromOdooDatetime(at);
      if (ms !== null && ms > untilMs) untilMs = ms;
    }
    return { productIds: [...ids].sort((a, b) => a - b), untilMs };
  }

  /** The warehouse's main stock location (`lot_stock_id`); the first warehouse when none is given. */
  async #stockLocation(warehouseId: number | undefined): Promise<number> {
    const key = warehouseId ?? 'default';
    const cached = this.#stockLocations.get(key);
    if (cached !== undefined) return cached;
    const rows = await this.#conn.searchRead<{ id: number; lot_stock_id: unknown }>(
      'stock.warehouse',
      warehouseId !== undefined ? [['id', '=', warehouseId]] : [],
      ['id', 'lot_stock_id'],
      { limit: 1, order: 'id asc' },
    );
    const location = m2oId(rows[0]?.lot_stock_id);
    if (location === null)
      throw new BadInputError(
        warehouseId !== undefined ? `Odoo has no stock.warehouse ${warehouseId}` : 'Odoo has no warehouse',
        'ERR_ODOO_WAREHOUSE',
      );
    this.#stockLocations.set(key, location);
    return location;
  }
}
