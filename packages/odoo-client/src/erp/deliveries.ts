import { BadInputError, IntegrationError, type ErpDelivery } from '@temu-odoo/core';
import { chunk, fromOdooDatetime, m2oId, m2oName, num, roundQty, str, toOdooDatetime } from '../domain.js';
import { OdooRequestError } from '../errors.js';
import type { OdooConnection } from '../odoo-connection.js';
import { asWindowAction } from './actions.js';
import { readProductSkus } from './products.js';

interface MoveRow {
  id: number;
  picking_id: [number, string];
  product_id: [number, string];
  product_uom_qty: number;
  [field: string]: unknown;
}

/**
 * Outgoing deliveries (`stock.picking`, picking_type_code=outgoing) of sale orders: validation with
 * done quantities and the tracking reference, and the list of validated ones (docs/odoo-api.md §2.5).
 */
export class OdooDeliveries {
  readonly #conn: OdooConnection;
  readonly #chunkSize: number;

  constructor(conn: OdooConnection, chunkSize: number) {
    this.#conn = conn;
    this.#chunkSize = chunkSize;
  }

  async validate(
    orderId: number,
    shipped: Array<{ productId: number; quantity: number }>,
    trackingRef: string | null,
  ): Promise<{ deliveryId: number; backorder: boolean }> {
    const wanted = new Map<number, number>();
    for (const s of shipped) {
      if (!(s.productId > 0) || !Number.isFinite(s.quantity) || s.quantity <= 0) {
        throw new BadInputError(
          `shipped line for product ${s.productId} needs a quantity > 0, got ${s.quantity}`,
          'ERR_ODOO_SHIPPED_QTY',
        );
      }
      wanted.set(s.productId, (wanted.get(s.productId) ?? 0) + s.quantity);
    }
    if (wanted.size === 0)
      throw new BadInputError(`nothing shipped for sale.order ${orderId}`, 'ERR_ODOO_SHIPPED_EMPTY');
    await this.#conn.connect();
    const d = this.#conn.dialect;
    const open = await this.#conn.searchRead<{ id: number }>(
      'stock.picking',
      [
        ['sale_id', '=', orderId],
        ['picking_type_code', '=', 'outgoing'],
        ['state', 'not in', ['done', 'cancel']],
      ],
      ['id'],
      { order: 'id asc' },
    );
    if (open.length === 0) return this.#alreadyDone(orderId);

    const moves = await this.#conn.searchRead<MoveRow>(
      'stock.move',
      [
        ['picking_id', 'in', open.map((p) => p.id)],
        ['state', 'not in', ['done', 'cancel']],
      ],
      ['id', 'picking_id', 'product_id', 'product_uom_qty'],
      { order: 'id asc' },
    );
    const alloc = allocate(orderId, moves, wanted);
    const touched = [...new Set(moves.filter((m) => (alloc.get(m.id) ?? 0) > 0).map((m) => m.picking_id[0]))];
    const inTouched = moves.filter((m) => touched.includes(m.picking_id[0]));

    // One write per distinct done quantity (17+: quantity + picked; 16: quantity_done).
    const byQty = new Map<number, number[]>();
    for (const m of inTouched)
      byQty.set(alloc.get(m.id) ?? 0, [...(byQty.get(alloc.get(m.id) ?? 0) ?? []), m.id]);
    for (const [qty, ids] of byQty) await this.#conn.write('stock.move', ids, d.moveDoneVals(qty));
    if (trackingRef) await this.#writeTracking(touched, trackingRef);

    const ctx = d.validateContext(touched, 'create');
    const result = await this.#conn.action('stock.picking', 'button_validate', touched, ctx);
    await this.#finishWizard(result, touched, ctx);

    const after = await this.#conn.searchRead<{ id: number; state: string; backorder_id: unknown }>(
      'stock.picking',
      [
        ['sale_id', '=', orderId],
        ['picking_type_code', '=', 'outgoing'],
      ],
      ['id', 'state', 'backorder_id'],
      { order: 'id asc' },
    );
    const notDone = touched.filter((id) => after.find((p) => p.id === id)?.state !== 'done');
    if (notDone.length > 0) {
      throw new IntegrationError(
        `Odoo did not validate delivery ${notDone.join(', ')} of sale.order ${orderId}`,
        { kind: 'business', code: 'ERR_ODOO_DELIVERY_NOT_DONE' },
      );
    }
    const backorder = after.some(
      (p) => touched.includes(m2oId(p.backorder_id) ?? -1) && p.state !== 'done' && p.state !== 'cancel',
    );
    return { deliveryId: touched[0]!, backorder };
  }

  /** Validated outgoing deliveries of orders with a client reference, `date_done >= since`. */
  async listDoneSince(sinceMs: number): Promise<ErpDelivery[]> {
    await this.#conn.connect();
    const d = this.#conn.dialect;
    const domain: Array<[string, string, unknown]> = [
      ['picking_type_code', '=', 'outgoing'],
      ['state', '=', 'done'],
      ['date_done', '>=', toOdooDatetime(sinceMs)],
      ['sale_id', '!=', false],
    ];
    const base = ['id', 'sale_id', 'date_done'];
    let pickings: Array<Record<string, unknown>>;
    try {
      pickings = await this.#conn.searchReadAll(
        'stock.picking',
        domain,
        [...base, 'carrier_tracking_ref', 'carrier_id'],
        { pageSize: 1000 },
      );
    } catch (err) {
      // carrier fields exist only with the `delivery` module (stock_delivery in 17+, docs/odoo-api.md §2.5).
      if (!(err instanceof OdooRequestError) || !/carrier/.test(err.odooMessage)) throw err;
      pickings = await this.#conn.searchReadAll('stock.picking', domain, base, { pageSize: 1000 });
    }
    if (pickings.length === 0) return [];
    const saleIds = [...new Set(pickings.map((p) => m2oId(p.sale_id)!))];
    const refs = new Map<number, string | null>();
    for (const part of chunk(saleIds, this.#chunkSize)) {
      for (const o of await this.#conn.read<{ id: number; client_order_ref: unknown }>('sale.order', part, [
        'client_order_ref',
      ]))
        refs.set(o.id, str(o.client_order_ref));
    }
    const moves: MoveRow[] = [];
    for (const part of chunk(
      pickings.map((p) => p.id as number),
      this.#chunkSize,
    )) {
      moves.push(
        ...(await this.#conn.searchRead<MoveRow>(
          'stock.move',
          [
            ['picking_id', 'in', part],
            ['state', '=', 'done'],
          ],
          ['picking_id', 'product_id', d.moveDoneField],
          {
            order: 'id asc',
          },
        )),
      );
    }
    const skus = await readProductSkus(
      this.#conn,
      moves.map((m) => m.product_id[0]),
      this.#chunkSize,
    );
    const out: ErpDelivery[] = [];
    for (const p of pickings) {
      const orderId = m2oId(p.sale_id)!;
      const orderRef = refs.get(orderId);
      if (!orderRef) continue;
      const lines = new Map<string, number>();
      for (const m of moves.filter((x) => x.picking_id[0] === p.id)) {
        const sku = skus.get(m.product_id[0])!;
        lines.set(sku, roundQty((lines.get(sku) ?? 0) + num(m[d.moveDoneField])));
      }
      out.push({
        deliveryId: p.id as number,
        orderId,
        orderRef,
        trackingRef: str(p.carrier_tracking_ref),
        carrierName: m2oName(p.carrier_id),
        doneAtMs: fromOdooDatetime(p.date_done) ?? 0,
        lines: [...lines.entries()].filter(([, q]) => q > 0).map(([sku, quantity]) => ({ sku, quantity })),
      });
    }
    return out;
  }

  /** Validates a whole picking (all demanded quantities done), e.g. a return. */
  async validateWhole(pickingId: number): Promise<void> {
    await this.#conn.connect();
    const d = this.#conn.dialect;
    const moves = await this.#conn.searchRead<MoveRow>(
      'stock.move',
      [
        ['picking_id', '=', pickingId],
        ['state', 'not in', ['done', 'cancel']],
      ],
      ['id', 'product_uom_qty'],
      {
        order: 'id asc',
      },
    );
    const byQty = new Map<number, number[]>();
    for (const m of moves)
      byQty.set(num(m.product_uom_qty), [...(byQty.get(num(m.product_uom_qty)) ?? []), m.id]);
    for (const [qty, ids] of byQty) await this.#conn.write('stock.move', ids, d.moveDoneVals(qty));
    const ctx = d.validateContext([pickingId], 'drop');
    await this.#finishWizard(
      await this.#conn.action('stock.picking', 'button_validate', [pickingId], ctx),
      [pickingId],
      ctx,
    );
    const [after] = await this.#conn.read<{ state: string }>('stock.picking', [pickingId], ['state']);
    if (after?.state !== 'done') {
      throw new IntegrationError(
        `Odoo did not validate picking ${pickingId} (state ${after?.state ?? 'unknown'})`,
        { kind: 'business', code: 'ERR_ODOO_DELIVERY_NOT_DONE' },
      );
    }
  }

  /** Nothing open: a retry after a successful validation answers the last done delivery. */
  async #alreadyDone(orderId: number): Promise<{ deliveryId: number; backorder: boolean }> {
    const done = await this.#conn.searchRead<{ id: number }>(
      'stock.picking',
      [
        ['sale_id', '=', orderId],
        ['picking_type_code', '=', 'outgoing'],
        ['state', '=', 'done'],
      ],
      ['id'],
      { order: 'id desc', limit: 1 },
    );
    if (done[0]) return { deliveryId: done[0].id, backorder: false };
    throw new IntegrationError(
      `sale.order ${orderId} has no delivery to validate (not confirmed, cancelled, or not stockable)`,
      {
        kind: 'business',
        code: 'ERR_ODOO_NO_DELIVERY',
      },
    );
  }

  async #writeTracking(pickingIds: number[], trackingRef: string): Promise<void> {
    try {
      await this.#conn.write('stock.picking', pickingIds, { carrier_tracking_ref: trackingRef });
    } catch (err) {
      if (err instanceof OdooRequestError && /carrier_tracking_ref/.test(err.odooMessage)) {
        throw new IntegrationError(
          `Odoo has no stock.picking.carrier_tracking_ref: install the Delivery module (stock_delivery) to store tracking numbers`,
          {
            kind: 'business',
            code: 'ERR_ODOO_NO_TRACKING_FIELD',
            cause: err,
          },
        );
      }
      throw err;
    }
  }

  /** Wizards `button_validate` may still answer: backorder confirmation, 16's immediate transfer (docs/odoo-api.md §2.5). */
  async #finishWizard(result: unknown, pickingIds: number[], ctx: Record<string, unknown>): Promise<void> {
    const wizard = asWindowAction(result);
    if (!wizard) return;
    const wctx = { ...ctx, button_validate_picking_ids: pickingIds };
    const picks = pickingIds.map((id) => [4, id]);
    if (wizard.res_model === 'stock.backorder.confirmation') {
      const [wid] = await this.#conn.create(
        wizard.res_model,
        [
          {
            pick_ids: picks,
            backorder_confirmation_line_ids: pickingIds.map((id) => [
              0,
              0,
              { to_backorder: true, picking_id: id },
            ]),
          },
        ],
        wctx,
      );
      await this.#conn.action(wizard.res_model, 'process', [wid!], wctx);
      return;
    }
    if (wizard.res_model === 'stock.immediate.transfer') {
      const [wid] = await this.#conn.create(
        wizard.res_model,
        [
          {
            pick_ids: picks,
            immediate_transfer_line_ids: pickingIds.map((id) => [
              0,
              0,
              { to_immediate: true, picking_id: id },
            ]),
          },
        ],
        wctx,
      );
      const next = await this.#conn.action(wizard.res_model, 'process', [wid!], wctx);
      await this.#finishWizard(next, pickingIds, ctx);
      return;
    }
    throw new IntegrationError(
      `validating delivery ${pickingIds.join(', ')} asks for the ${wizard.res_model} wizard: handle it in Odoo once`,
      {
        kind: 'business',
        code: 'ERR_ODOO_VALIDATE_WIZARD',
        details: { wizard: wizard.res_model },
      },
    );
  }
}

/** Spreads shipped quantities over the open moves of each product, in move order. */
function allocate(orderId: number, moves: MoveRow[], wanted: Map<number, number>): Map<number, number> {
  const alloc = new Map<number, number>();
  for (const [productId, qty] of wanted) {
    const candidates = moves.filter((m) => m.product_id[0] === productId);
    if (candidates.length === 0) {
      throw new BadInputError(
        `product ${productId} is not on an open delivery of sale.order ${orderId}`,
        'ERR_ODOO_SHIPPED_PRODUCT',
      );
    }
    let rest = qty;
    for (const m of candidates) {
      const take = Math.min(rest, num(m.product_uom_qty));
      if (take > 0) alloc.set(m.id, take);
      rest = roundQty(rest - take);
    }
    if (rest > 0)
      throw new BadInputError(
        `sale.order ${orderId}: ${rest} more of product ${productId} shipped than still to deliver`,
        'ERR_ODOO_SHIPPED_TOO_MUCH',
      );
  }
  return alloc;
}
