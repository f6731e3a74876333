import {
  IntegrationError,
  type BatchResult,
  type ErpDeliveryStatus,
  type ErpInvoiceStatus,
  type ErpOrderDraft,
  type ErpOrderState,
  type ErpOrderSummary,
} from '@temu-odoo/core';
import { chunk, m2oId, num, roundQty } from '../domain.js';
import { isOdooError } from '../errors.js';
import type { OdooConnection } from '../odoo-connection.js';
import type { OdooCurrencies } from './currencies.js';
import { saleOrderVals, validateDraft } from './order-vals.js';
import { readProductSkus } from './products.js';
import { isChargeSku, type OdooChargeProducts } from './charge-products.js';
import type { OdooSaleTaxRequests } from './sale-tax-requests.js';

type Created = BatchResult<{ orderRef: string; orderId: number }>;

interface OrderRow {
  id: number;
  name: string;
  client_order_ref: string | false;
  state: string;
  delivery_status?: string | false;
  invoice_status: string;
  invoice_ids: number[];
  partner_id?: [number, string] | false;
  partner_shipping_id?: [number, string] | false;
}

interface LineRow {
  id: number;
  order_id: [number, string];
  product_id: [number, string] | false;
  product_uom_qty: number;
  qty_delivered: number;
  display_type: string | false;
  price_unit?: number;
}

const DELIVERY: Record<string, ErpDeliveryStatus> = {
  pending: 'pending',
  started: 'partial',
  partial: 'partial',
  full: 'done',
};

// sale.order.state in 16–19 (16's `done` is a locked order; 17+ lock with a boolean, state stays `sale`).
const ORDER_STATE: Record<string, ErpOrderState> = {
  draft: 'quotation',
  sent: 'quotation',
  sale: 'confirmed',
  done: 'locked',
  cancel: 'cancelled',
};

// sale.order.invoice_status; `upselling` = invoiced, with more ordered than invoiced since.
const INVOICE_STATUS: Record<string, ErpInvoiceStatus> = {
  no: 'none',
  'to invoice': 'to_invoice',
  invoiced: 'invoiced',
  upselling: 'invoiced',
};

/** Odoo's sale.order invoice_status in the integration's words (`paid` comes from the invoices). */
export function toErpInvoiceStatus(invoiceStatus: string): ErpInvoiceStatus {
  return INVOICE_STATUS[invoiceStatus] ?? 'none';
}

/** Odoo's sale.order state in the integration's words; an unknown state is an error, never a guess. */
export function toErpOrderState(o: Pick<OrderRow, 'id' | 'name' | 'state'>): ErpOrderState {
  const state = ORDER_STATE[o.state];
  if (!state) {
    throw new IntegrationError(
      `Odoo sale order ${o.name} has state "${o.state}", unknown to this integration`,
      {
        kind: 'business',
        code: 'ERR_ODOO_UNKNOWN_ORDER_STATE',
        details: { orderId: o.id, state: o.state },
      },
    );
  }
  return state;
}

/** Finding and creating sale orders keyed by `client_order_ref` = marketplace order docs/odoo-api.md (§3.1, §3.2). */
export class OdooSaleOrders {
  readonly #conn: OdooConnection;
  readonly #chunkSize: number;
  readonly #taxes: OdooSaleTaxRequests;
  readonly #charges: OdooChargeProducts;
  readonly #currencies: OdooCurrencies;

  constructor(
    conn: OdooConnection,
    chunkSize: number,
    deps: { taxes: OdooSaleTaxRequests; charges: OdooChargeProducts; currencies: OdooCurrencies },
  ) {
    this.#conn = conn;
    this.#chunkSize = chunkSize;
    this.#taxes = deps.taxes;
    this.#charges = deps.charges;
    this.#currencies = deps.currencies;
  }

  /** Existing orders by reference: ref → lowest order id (one Odoo order per marketplace order). */
  async idsByRef(refs: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunk([...new Set(refs)], this.#chunkSize)) {
      const rows = await this.#conn.searchRead<{ id: number; client_order_ref: string }>(
        'sale.order',
        [['client_order_ref', 'in', part]],
        ['id', 'client_order_ref'],
        { order: 'id asc' },
      );
      for (const r of rows) if (!out.has(r.client_order_ref)) out.set(r.client_order_ref, r.id);
    }
    return out;
  }

  async findByRefs(refs: string[]): Promise<ErpOrderSummary[]> {
    const orders: OrderRow[] = [];
    for (const part of chunk([...new Set(refs)], this.#chunkSize)) {
      orders.push(
        ...(await this.#conn.searchRead<OrderRow>(
          'sale.order',
          [['client_order_ref', 'in', part]],
          [
            'id',
            'name',
            'client_order_ref',
            'state',
            'delivery_status',
            'invoice_status',
            'invoice_ids',
            'partner_id',
            'partner_shipping_id',
          ],
          { order: 'id asc' },
        )),
      );
    }
    if (orders.length === 0) return [];
    const lines: LineRow[] = [];
    for (const part of chunk(
      orders.map((o) => o.id),
      this.#chunkSize,
    )) {
      lines.push(
        ...(await this.#conn.searchRead<LineRow>(
          'sale.order.line',
          [['order_id', 'in', part]],
          ['id', 'order_id', 'product_id', 'product_uom_qty', 'qty_delivered', 'display_type', 'price_unit'],
          { order: 'id asc' },
        )),
      );
    }
    const productLines = lines.filter((l) => !l.display_type && m2oId(l.product_id) !== null);
    const skus = await readProductSkus(
      this.#conn,
      productLines.map((l) => m2oId(l.product_id)!),
      this.#chunkSize,
    );
    const paid = await this.#paidOrders(orders);
    return orders.map((o) => ({
      orderId: o.id,
      orderRef: typeof o.client_order_ref === 'string' ? o.client_order_ref : '',
      name: o.name,
      state: toErpOrderState(o),
      deliveryStatus: (o.delivery_status && DELIVERY[o.delivery_status]) || 'none',
      ...(m2oId(o.partner_id ?? false) !== null ? { partnerId: m2oId(o.partner_id ?? false)! } : {}),
      ...(m2oId(o.partner_shipping_id ?? false) !== null
        ? { deliveryPartnerId: m2oId(o.partner_shipping_id ?? false)! }
        : {}),
      invoiceStatus: paid.has(o.id) ? 'paid' : toErpInvoiceStatus(o.invoice_status),
      lines: productLines
        .filter((l) => l.order_id[0] === o.id && !isChargeSku(skus.get(m2oId(l.product_id)!) ?? ''))
        .map((l) => {
          const productId = m2oId(l.product_id)!;
          return {
            lineId: l.id,
            productId,
            sku: skus.get(productId)!,
            quantity: roundQty(num(l.product_uom_qty)),
            deliveredQuantity: roundQty(num(l.qty_delivered)),
            ...(typeof l.price_unit === 'number' ? { unitPrice: l.price_unit } : {}),
          };
        }),
    }));
  }

  /**
   * Creates the drafts not already in Odoo, many per `create` call. A failing batch is rolled back by
   * Odoo as a whole, so it is retried one order at a time: one bad order does not fail the others.
   */
  async create(drafts: ErpOrderDraft[]): Promise<Created[]> {
    const results = new Map<string, Created>();
    const valid: ErpOrderDraft[] = [];
    for (const d of drafts) {
      if (results.has(d.orderRef)) continue;
      try {
        validateDraft(d);
        if (!valid.some((v) => v.orderRef === d.orderRef)) valid.push(d);
      } catch (err) {
        results.set(d.orderRef, { ok: false, error: err as Error });
      }
    }
    const existing = await this.idsByRef(valid.map((d) => d.orderRef));
    for (const [orderRef, orderId] of existing)
      results.set(orderRef, { ok: true, value: { orderRef, orderId } });
    const todo = valid.filter((d) => !existing.has(d.orderRef));
    if (todo.length > 0) {
      await this.#conn.connect();
      const taxIds = await this.#taxes.resolve(
        todo.flatMap((d) => [...d.lines.map((l) => l.tax), ...d.charges.map((c) => c.tax)]),
      );
      // The rounding setting and the charge products matter only to orders priced from Temu's amounts.
      const priced = todo.some((d) => d.charges.length > 0 || d.expectedTotal !== null);
      const rounding = priced ? await this.#taxes.roundingMode() : 'round_per_line';
      const chargeProducts = priced ? await this.#charges.ids() : new Map();
      const vals = new Map<string, Record<string, unknown>>();
      for (const d of todo) {
        try {
          const pricelistId = await this.#pricelistFor(d);
          vals.set(
            d.orderRef,
            saleOrderVals(d, { dialect: this.#conn.dialect, taxIds, chargeProducts, rounding, pricelistId }),
          );
        } catch (err) {
          if (isOdooError(err) && err.kind === 'transient') throw err;
          results.set(d.orderRef, { ok: false, error: err as Error });
        }
      }
      const ready = todo.filter((d) => vals.has(d.orderRef));
      for (const part of chunk(ready, this.#chunkSize)) await this.#createChunk(part, vals, results);
    }
    return drafts.map((d) => results.get(d.orderRef)!);
  }

  async #createChunk(
    part: ErpOrderDraft[],
    vals: Map<string, Record<string, unknown>>,
    results: Map<string, Created>,
  ): Promise<void> {
    try {
      const ids = await this.#conn.create(
        'sale.order',
        part.map((d) => vals.get(d.orderRef)!),
      );
      part.forEach((d, i) =>
        results.set(d.orderRef, { ok: true, value: { orderRef: d.orderRef, orderId: ids[i]! } }),
      );
      return;
    } catch (err) {
      if (part.length === 1 || (isOdooError(err) && err.kind === 'transient') || !isOdooError(err)) {
        for (const d of part) results.set(d.orderRef, { ok: false, error: err as Error });
        return;
      }
    }
    for (const d of part) await this.#createChunk([d], vals, results);
  }

  /** Orders in another currency than the company's need a pricelist in that currency (docs/odoo-api.md §2.3). */
  async #pricelistFor(d: ErpOrderDraft): Promise<number | null> {
    const company = await this.#currencies.companyCurrency();
    const currency = d.currency.toUpperCase();
    if (!company || company === currency) return null;
    const id = await this.#currencies.pricelistFor(currency);
    if (id === null) {
      throw new IntegrationError(
        `order ${d.orderRef} is in ${currency} but Odoo has no pricelist in ${currency} (company currency ${company}): create one in Sales > Pricelists`,
        {
          kind: 'business',
          code: 'ERR_ODOO_NO_PRICELIST',
        },
      );
    }
    // Odoo converts at the document date; the order is dated today.
    await this.#currencies.requireRate(currency, new Date().toISOString().slice(0, 10));
    return id;
  }

  /** Orders whose posted customer invoices are all paid (`paid` or `in_payment`, docs/odoo-api.md §2.6 step 4). */
  async #paidOrders(orders: OrderRow[]): Promise<Set<number>> {
    // A credit note for returned or refunded goods reopens invoicing ('to invoice', docs/odoo-api.md
    // "Returns and refunds"): such an order is still settled, and must not be invoiced again.
    const invoiced = orders.filter(
      (o) =>
        (o.invoice_status === 'invoiced' || o.invoice_status === 'to invoice') && o.invoice_ids.length > 0,
    );
    const paid = new Set<number>();
    if (invoiced.length === 0) return paid;
    const moves = new Map<number, { move_type: string; state: string; payment_state: string }>();
    for (const part of chunk([...new Set(invoiced.flatMap((o) => o.invoice_ids))], this.#chunkSize)) {
      const rows = await this.#conn.read<{
        id: number;
        move_type: string;
        state: string;
        payment_state: string;
      }>('account.move', part, ['move_type', 'state', 'payment_state']);
      for (const r of rows) moves.set(r.id, r);
    }
    for (const o of invoiced) {
      // A draft credit note counts too: Odoo lowers the invoiced quantity from the draft on, and a
      // run killed between the reversal and its posting must still see the order as settled, or the
      // replay of the case parks it as unpaid (drill returns-sigkill) and the order sync invoices again.
      const credited = o.invoice_ids.some((id) => {
        const m = moves.get(id);
        return m?.move_type === 'out_refund' && (m.state === 'posted' || m.state === 'draft');
      });
      if (o.invoice_status === 'to invoice' && !credited) continue;
      const invoices = o.invoice_ids
        .map((id) => moves.get(id))
        .filter((m) => m && m.move_type === 'out_invoice' && m.state === 'posted');
      if (
        invoices.length > 0 &&
        invoices.every((m) => m!.payment_state === 'paid' || m!.payment_state === 'in_payment')
      )
        paid.add(o.id);
    }
    return paid;
  }
}
