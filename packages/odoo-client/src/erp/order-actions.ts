import { BadInputError, IntegrationError, toDecimal, type BatchResult, type Money } from '@temu-odoo/core';
import { chunk } from '../domain.js';
import { isOdooError } from '../errors.js';
import type { OdooConnection } from '../odoo-connection.js';
import { asWindowAction } from './actions.js';

/** Confirming, changing and cancelling sale orders, state-aware so retries are harmless (docs/odoo-api.md §2.4, §3.2 d). */
export class OdooOrderActions {
  readonly #conn: OdooConnection;
  readonly #chunkSize: number;

  constructor(conn: OdooConnection, chunkSize: number) {
    this.#conn = conn;
    this.#chunkSize = chunkSize;
  }

  /**
   * One `action_confirm` for many orders. When it fails (17+ refuses orders not in draft/sent), the
   * chunk is rolled back, states are read once, confirmed ones count as done and the rest are
   * confirmed one by one.
   */
  async confirm(orderIds: number[]): Promise<Array<BatchResult<number>>> {
    const results = new Map<number, BatchResult<number>>();
    for (const part of chunk([...new Set(orderIds)], this.#chunkSize)) {
      try {
        await this.#conn.action('sale.order', 'action_confirm', part);
        for (const id of part) results.set(id, { ok: true, value: id });
        continue;
      } catch (err) {
        if (!isOdooError(err) || err.kind === 'transient') {
          for (const id of part) results.set(id, { ok: false, error: err as Error });
          continue;
        }
      }
      const rows = await this.#conn.read<{ id: number; state: string }>('sale.order', part, ['state']);
      for (const id of part) {
        const state = rows.find((r) => r.id === id)?.state;
        if (state === undefined) results.set(id, { ok: false, error: missing(id) });
        else if (state === 'sale' || state === 'done') results.set(id, { ok: true, value: id });
        else if (state === 'cancel') {
          results.set(id, {
            ok: false,
            error: new IntegrationError(`sale.order ${id} is cancelled and cannot be confirmed`, {
              kind: 'business',
              code: 'ERR_ODOO_ORDER_CANCELLED',
            }),
          });
        } else {
          try {
            await this.#conn.action('sale.order', 'action_confirm', [id]);
            results.set(id, { ok: true, value: id });
          } catch (err) {
            results.set(id, { ok: false, error: err as Error });
          }
        }
      }
    }
    return orderIds.map((id) => results.get(id)!);
  }

  /**
   * Sets ordered quantities; `price_unit` is re-sent so Odoo does not recompute it from the pricelist
   * (docs/odoo-api.md §2.3). A note, when given, is written in the same call.
   */
  async updateLineQuantities(
    orderId: number,
    changes: Array<{ lineId: number; quantity: number; unitPrice?: Money }>,
    note?: string,
  ): Promise<void> {
    if (changes.length === 0) return;
    const lines = await this.#conn.searchRead<{ id: number; price_unit: number }>(
      'sale.order.line',
      [['order_id', '=', orderId]],
      ['id', 'price_unit'],
    );
    if (lines.length === 0) throw missing(orderId);
    const commands = changes.map((c) => {
      const line = lines.find((l) => l.id === c.lineId);
      if (!line)
        throw new BadInputError(
          `sale.order.line ${c.lineId} is not a line of sale.order ${orderId}`,
          'ERR_ODOO_LINE_NOT_IN_ORDER',
        );
      if (!Number.isFinite(c.quantity) || c.quantity < 0)
        throw new BadInputError(
          `line ${c.lineId}: quantity must be ≥ 0, got ${c.quantity}`,
          'ERR_ODOO_ORDER_QTY',
        );
      // Without a new price the line keeps its own: Odoo would otherwise recompute it from the pricelist.
      const price = c.unitPrice ? toDecimal(c.unitPrice) : line.price_unit;
      return [1, c.lineId, { product_uom_qty: c.quantity, price_unit: price }];
    });
    await this.#conn.write('sale.order', [orderId], {
      order_line: commands,
      ...(note === undefined ? {} : { note }),
    });
  }

  /**
   * Moves an open order to another customer and delivery address: the order's partner, invoice and
   * shipping addresses, and the destination of its outgoing pickings not done yet (Odoo copies the
   * shipping address onto the picking at confirmation, so both must follow).
   */
  async updateCustomer(
    orderId: number,
    customer: { partnerId: number; deliveryPartnerId: number },
  ): Promise<void> {
    await this.#conn.write('sale.order', [orderId], {
      partner_id: customer.partnerId,
      partner_invoice_id: customer.partnerId,
      partner_shipping_id: customer.deliveryPartnerId,
    });
    const pickings = await this.#conn.searchRead<{ id: number }>(
      'stock.picking',
      [
        ['sale_id', '=', orderId],
        ['state', 'not in', ['done', 'cancel']],
        ['picking_type_code', '=', 'outgoing'],
      ],
      ['id'],
    );
    if (pickings.length)
      await this.#conn.write(
        'stock.picking',
        pickings.map((p) => p.id),
        { partner_id: customer.deliveryPartnerId },
      );
  }

  /**
   * Cancels the order; Odoo cancels its pickings not yet done, releasing the reservations (docs/odoo-api.md §2.4).
   * Unlocks first (17+ refuse locked orders), passes `disable_cancel_warning` (16–18 would otherwise
   * answer the `sale.order.cancel` wizard, fixtures order_cancel) and falls back to the wizard.
   */
  async cancel(orderId: number): Promise<void> {
    await this.#conn.connect();
    const d = this.#conn.dialect;
    const fields = d.lockedField ? ['state', d.lockedField] : ['state'];
    const [order] = await this.#conn.read<Record<string, unknown>>('sale.order', [orderId], fields);
    if (!order) throw missing(orderId);
    if (order.state === 'cancel') return;
    if (order.state === 'done' || (d.lockedField && order[d.lockedField] === true))
      await this.#conn.action('sale.order', 'action_unlock', [orderId]);
    const result = await this.#conn.action('sale.order', 'action_cancel', [orderId], d.cancelContext);
    const wizard = asWindowAction(result);
    if (wizard && d.cancelWizardModel && wizard.res_model === d.cancelWizardModel) {
      const [wid] = await this.#conn.create(d.cancelWizardModel, [{ order_id: orderId }]);
      await this.#conn.action(d.cancelWizardModel, 'action_cancel', [wid!]);
    }
    const [after] = await this.#conn.read<{ state: string }>('sale.order', [orderId], ['state']);
    if (after?.state !== 'cancel') {
      throw new IntegrationError(
        `Odoo did not cancel sale.order ${orderId} (state ${after?.state ?? 'unknown'})`,
        { kind: 'business', code: 'ERR_ODOO_CANCEL_REFUSED' },
      );
    }
  }
}

function missing(orderId: number): IntegrationError {
  return new IntegrationError(`sale.order ${orderId} does not exist in Odoo`, {
    kind: 'business',
    code: 'ERR_ODOO_MISSING_RECORD',
  });
}
