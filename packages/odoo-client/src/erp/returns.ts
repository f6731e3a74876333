import { BadInputError, IntegrationError } from '@temu-odoo/core';
import { m2oId, num, roundQty } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';
import { asWindowAction } from './actions.js';
import type { OdooDeliveries } from './deliveries.js';

interface DoneMove {
  id: number;
  picking_id: [number, string];
  product_id: [number, string];
  [field: string]: unknown;
}

/**
 * Customer returns through the `stock.return.picking` wizard on a done delivery, then validation of
 * the return picking (docs/odoo-api.md §2.7). `to_refund` is set so the SO line's delivered quantity drops.
 * 16 fills wizard lines only by onchange (passed at create here); 17+ computes them (18+ with
 * quantity 0), so they are read and written; confirm is `create_returns` (16/17) or
 * `action_create_returns` (18/19).
 */
export async function createReturn(
  conn: OdooConnection,
  deliveries: OdooDeliveries,
  orderId: number,
  lines: Array<{ productId: number; quantity: number }>,
  options: ReturnOptions = {},
): Promise<{ returnId: number }> {
  await conn.connect();
  const d = conn.dialect;
  const pickings = await conn.searchRead<{ id: number }>(
    'stock.picking',
    [
      ['sale_id', '=', orderId],
      ['picking_type_code', '=', 'outgoing'],
      ['state', '=', 'done'],
    ],
    ['id'],
    { order: 'id asc' },
  );
  if (pickings.length === 0)
    throw new IntegrationError(`sale.order ${orderId} has no done delivery to return`, {
      kind: 'business',
      code: 'ERR_ODOO_NOTHING_TO_RETURN',
    });
  const moves = await conn.searchRead<DoneMove>(
    'stock.move',
    [
      ['picking_id', 'in', pickings.map((p) => p.id)],
      ['state', '=', 'done'],
    ],
    ['id', 'picking_id', 'product_id', d.moveDoneField],
    { order: 'id asc' },
  );
  const alloc = allocateReturn(orderId, moves, lines, d.moveDoneField);
  const byPicking = [...new Set(moves.filter((m) => alloc.has(m.id)).map((m) => m.picking_id[0]))];
  const returnIds: number[] = [];
  for (const pickingId of byPicking) {
    const ctx = { active_id: pickingId, active_ids: [pickingId], active_model: 'stock.picking' };
    let wizardId: number;
    if (d.returnLinesComputed) {
      [wizardId] = (await conn.create('stock.return.picking', [{}], ctx)) as [number];
      const [wizard] = await conn.read<{ product_return_moves: number[] }>(
        'stock.return.picking',
        [wizardId],
        ['product_return_moves'],
      );
      const wlines = await conn.read<{ id: number; move_id: unknown }>(
        'stock.return.picking.line',
        wizard?.product_return_moves ?? [],
        ['move_id'],
      );
      const commands = wlines.map((l) => [
        1,
        l.id,
        { quantity: alloc.get(m2oId(l.move_id) ?? -1) ?? 0, to_refund: true },
      ]);
      await conn.write('stock.return.picking', [wizardId], { product_return_moves: commands });
    } else {
      const mine = moves.filter((m) => m.picking_id[0] === pickingId && alloc.has(m.id));
      [wizardId] = (await conn.create(
        'stock.return.picking',
        [
          {
            picking_id: pickingId,
            product_return_moves: mine.map((m) => [
              0,
              0,
              { product_id: m.product_id[0], quantity: alloc.get(m.id), move_id: m.id, to_refund: true },
            ]),
          },
        ],
        ctx,
      )) as [number];
    }
    const action = asWindowAction(
      await conn.action('stock.return.picking', d.returnWizardMethod, [wizardId], ctx),
    );
    if (!action?.res_id)
      throw new IntegrationError(`Odoo created no return picking for delivery ${pickingId}`, {
        kind: 'business',
        code: 'ERR_ODOO_RETURN_NOT_CREATED',
      });
    if (options.caseRef) {
      const [ret] = await conn.read<{ origin: string | false }>('stock.picking', [action.res_id], ['origin']);
      await conn.write('stock.picking', [action.res_id], {
        origin: `${options.caseRef} (${ret?.origin || 'return'})`,
      });
    }
    if (options.validate ?? true) await deliveries.validateWhole(action.res_id);
    returnIds.push(action.res_id);
  }
  return { returnId: returnIds[0]! };
}

export interface ReturnOptions {
  /**
   * Case number written on the return picking's `origin` ("<case> (Return of WH/OUT/…)") right after
   * the wizard: the key by which a later run finds the return instead of creating another.
   */
  caseRef?: string;
  /** Validate (receive) at once, as the order flow does; false leaves the return for the warehouse. */
  validate?: boolean;
}

/** Spreads returned quantities over the done moves of each product, capped by what was delivered. */
function allocateReturn(
  orderId: number,
  moves: DoneMove[],
  lines: Array<{ productId: number; quantity: number }>,
  doneField: string,
): Map<number, number> {
  const wanted = new Map<number, number>();
  for (const l of lines) {
    if (!(l.productId > 0) || !Number.isFinite(l.quantity) || l.quantity <= 0) {
      throw new BadInputError(
        `return line for product ${l.productId} needs a quantity > 0, got ${l.quantity}`,
        'ERR_ODOO_RETURN_QTY',
      );
    }
    wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.quantity);
  }
  if (wanted.size === 0)
    throw new BadInputError(`nothing to return for sale.order ${orderId}`, 'ERR_ODOO_RETURN_EMPTY');
  const alloc = new Map<number, number>();
  for (const [productId, qty] of wanted) {
    let rest = qty;
    for (const m of moves.filter((x) => x.product_id[0] === productId)) {
      const take = Math.min(rest, num(m[doneField]));
      if (take > 0) alloc.set(m.id, take);
      rest = roundQty(rest - take);
    }
    if (rest > 0)
      throw new BadInputError(
        `sale.order ${orderId}: returning ${rest} more of product ${productId} than was delivered`,
        'ERR_ODOO_RETURN_TOO_MUCH',
      );
  }
  return alloc;
}
