import type { ProductQuantity } from '@temu-odoo/core';
import { m2oId, num, roundQty } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';

/** The origin the return wizard gives a new return before we tag it (API user's language, en_US). */
const WIZARD_ORIGIN = 'Return of %';

/**
 * Closes the gap between the return wizard and the case tag (docs/odoo-api.md "Returns and refunds").
 *
 * Odoo's wizard copies the delivery into the return and sets `origin` itself ("Return of WH/OUT/…");
 * neither its values nor a `default_origin` context reach that copy, so the case number can only be
 * written by a second call. A worker killed between the two leaves an untagged return, and a replay
 * that looks only for tagged returns would create a second one (goods expected twice).
 *
 * So before creating, a replay adopts such an orphan: an incoming picking of the same order, still
 * untagged (origin as the wizard wrote it), not received nor cancelled, whose quantities per product
 * are exactly those of this case; the oldest one is tagged and answered. Why that is safe: tagged
 * returns (other cases) are never touched; the order flow's own returns are validated at once, so
 * never open; two cases of one order crashing in that same window with identical lines would each
 * adopt one of two identical returns, which is the same outcome. A return the warehouse created by
 * hand for exactly these goods is the same parcel and is adopted too, instead of being doubled.
 * Not covered: an orphan the warehouse already received before the replay (then a second return is
 * created and shows up on the case as an open return to cancel).
 */
export async function adoptUntaggedReturn(
  conn: OdooConnection,
  orderId: number,
  caseRef: string,
  lines: ProductQuantity[],
): Promise<number | null> {
  const candidates = await conn.searchRead<{ id: number; origin: string | false }>(
    'stock.picking',
    [
      ['sale_id', '=', orderId],
      ['picking_type_code', '=', 'incoming'],
      ['origin', '=like', WIZARD_ORIGIN],
      ['state', 'not in', ['done', 'cancel']],
    ],
    ['id', 'origin'],
    { order: 'id asc' },
  );
  if (candidates.length === 0) return null;
  const moves = await conn.searchRead<{ picking_id: unknown; product_id: unknown; product_uom_qty: number }>(
    'stock.move',
    [
      ['picking_id', 'in', candidates.map((c) => c.id)],
      ['state', '!=', 'cancel'],
    ],
    ['picking_id', 'product_id', 'product_uom_qty'],
  );
  const wanted = quantityKey(lines);
  const match = candidates.find(
    (c) =>
      quantityKey(
        moves
          .filter((m) => m2oId(m.picking_id) === c.id)
          .map((m) => ({ productId: m2oId(m.product_id) ?? 0, quantity: num(m.product_uom_qty) })),
      ) === wanted,
  );
  if (!match) return null;
  await conn.write('stock.picking', [match.id], { origin: `${caseRef} (${match.origin || 'return'})` });
  return match.id;
}

/** Quantities per product as one comparable string ("12:2,15:1"). */
function quantityKey(lines: ProductQuantity[]): string {
  const by = new Map<number, number>();
  for (const l of lines) by.set(l.productId, roundQty((by.get(l.productId) ?? 0) + l.quantity));
  return [...by]
    .filter(([, q]) => q > 0)
    .sort(([a], [b]) => a - b)
    .map(([p, q]) => `${p}:${q}`)
    .join(',');
}
