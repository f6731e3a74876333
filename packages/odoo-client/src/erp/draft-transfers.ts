import { BadInputError, type DraftTransfer } from '@temu-odoo/core';
import { m2oId } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';
import { resolveProducts } from './products.js';

/**
 * Draft delivery transfers for planned bulk shipments to the marketplace's warehouses
 * (docs/odoo-api.md "Draft transfers for bulk shipments"). One `stock.picking` per shipment on the
 * warehouse's outgoing operation type, from its default source to the customer location, moves
 * written inline as `(0, 0, vals)` — the shape of the recorded `stock.picking` create
 * (fixtures stock_scrap_ageing). Left in draft: a person checks, confirms and ships. The shipment's
 * reference is the picking's `origin`; a reference already there is not created again.
 */
export async function createDraftTransfers(
  conn: OdooConnection,
  transfers: DraftTransfer[],
  options: { warehouseId?: number | undefined; chunkSize: number },
): Promise<Array<{ reference: string; id: number; created: boolean }>> {
  if (transfers.length === 0) return [];
  await conn.connect();
  const refs = transfers.map((t) => t.reference);
  const existing = await conn.searchRead<{ id: number; origin: string | false }>(
    'stock.picking',
    [['origin', 'in', refs]],
    ['id', 'origin'],
    { order: 'id asc' },
  );
  const found = new Map<string, number>();
  for (const p of existing)
    if (typeof p.origin === 'string' && !found.has(p.origin)) found.set(p.origin, p.id);
  const todo = transfers.filter((t) => !found.has(t.reference));
  const out = transfers
    .filter((t) => found.has(t.reference))
    .map((t) => ({ reference: t.reference, id: found.get(t.reference)!, created: false }));
  if (todo.length === 0) return out;

  const typeDomain: unknown[] = [['code', '=', 'outgoing']];
  if (options.warehouseId) typeDomain.push(['warehouse_id', '=', options.warehouseId]);
  const [type] = await conn.searchRead<{ id: number; default_location_src_id: unknown }>(
    'stock.picking.type',
    typeDomain as never,
    ['id', 'default_location_src_id'],
    { limit: 1, order: 'sequence asc, id asc' },
  );
  if (!type)
    throw new BadInputError(
      `Odoo has no outgoing operation type${options.warehouseId ? ` in warehouse ${options.warehouseId}` : ''}: set the shop's odooWarehouseId to a warehouse that delivers`,
      'ERR_ODOO_NO_DELIVERY_TYPE',
    );
  const [customers] = await conn.searchRead<{ id: number }>(
    'stock.location',
    [['usage', '=', 'customer']],
    ['id'],
    {
      limit: 1,
      order: 'id asc',
    },
  );
  const sourceId = m2oId(type.default_location_src_id);
  if (!sourceId || !customers)
    throw new BadInputError(
      'Odoo: the outgoing operation type has no default source location, or no customer location exists',
      'ERR_ODOO_NO_LOCATIONS',
    );

  const skus = [...new Set(todo.flatMap((t) => t.lines.map((l) => l.sku)))];
  const products = await resolveProducts(conn, skus, options.chunkSize);
  const missing = skus.filter((s) => !products.has(s));
  // All or nothing: a shipment with an unknown product is not half-created.
  if (missing.length > 0)
    throw new BadInputError(
      `no Odoo product with internal reference ${missing.join(', ')}: create it (or fix the SKU code) and request the transfers again`,
      'ERR_ODOO_UNKNOWN_PRODUCT',
      { skus: missing },
    );
  const uoms = await conn.read<{ id: number; uom_id: unknown }>(
    'product.product',
    [...new Set(products.values())],
    ['uom_id'],
  );
  const uomOf = new Map(uoms.map((p) => [p.id, m2oId(p.uom_id)]));

  for (const t of todo) {
    const [id] = await conn.create('stock.picking', [
      {
        picking_type_id: type.id,
        location_id: sourceId,
        location_dest_id: customers.id,
        origin: t.reference,
        scheduled_date: `${t.scheduledDate} 00:00:00`,
        note: t.note,
        move_ids: t.lines.map((l) => {
          const productId = products.get(l.sku)!;
          const uom = uomOf.get(productId);
          return [
            0,
            0,
            {
              name: `${t.reference} ${l.sku}`,
              product_id: productId,
              product_uom_qty: l.quantity,
              ...(uom ? { product_uom: uom } : {}),
              location_id: sourceId,
              location_dest_id: customers.id,
            },
          ];
        }),
      },
    ]);
    out.push({ reference: t.reference, id: id!, created: true });
  }
  return out;
}
