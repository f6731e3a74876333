import {
  IntegrationError,
  toDecimal,
  type ConsignmentErpPort,
  type ConsignmentSaleOrder,
} from '@temu-odoo/core';
import { chunk, m2oId, num, roundQty, str } from '../domain.js';
import { OdooRequestError } from '../errors.js';
import type { OdooConnection } from '../odoo-connection.js';
import type { OdooCurrencies } from './currencies.js';
import { readProductSkus } from './products.js';

/** `origin` of a shop's consignment sale orders: how their deliveries are told from consumer orders'. */
export function consignmentOrigin(shopId: string): string {
  return `Temu consignment ${shopId}`;
}

/**
 * Consignment (fully-managed) sale orders (docs/odoo-api.md "Consignment sale orders"): one per
 * purchase order, `client_order_ref` = the purchase order number (the idempotency key), customer
 * the marketplace's partner, lines at the agreed supply price and without tax (a B2B supply to the
 * marketplace, invoiced by the seller's own rules), confirmed so Odoo plans the delivery.
 */
export class OdooConsignment implements ConsignmentErpPort {
  readonly #conn: OdooConnection;
  readonly #currencies: OdooCurrencies;
  readonly #chunkSize: number;
  #customer: { name: string; id: number } | null = null;

  constructor(conn: OdooConnection, currencies: OdooCurrencies, chunkSize: number) {
    this.#conn = conn;
    this.#currencies = currencies;
    this.#chunkSize = chunkSize;
  }

  async findConsignmentOrders(
    purchaseRefs: string[],
  ): Promise<Map<string, { saleOrderId: number; note: string }>> {
    const out = new Map<string, { saleOrderId: number; note: string }>();
    await this.#conn.connect();
    for (const part of chunk([...new Set(purchaseRefs)], this.#chunkSize)) {
      const rows = await this.#conn.searchRead<{ id: number; client_order_ref: unknown; note: unknown }>(
        'sale.order',
        [['client_order_ref', 'in', part]],
        ['client_order_ref', 'note'],
        { order: 'id asc' },
      );
      for (const r of rows) {
        const ref = str(r.client_order_ref);
        if (ref && !out.has(ref)) out.set(ref, { saleOrderId: r.id, note: plain(r.note) });
      }
    }
    return out;
  }

  async createConsignmentOrder(
    order: ConsignmentSaleOrder,
    customerName: string,
    shopId: string,
  ): Promise<number> {
    await this.#conn.connect();
    const d = this.#conn.dialect;
    const partnerId = await this.#customerId(customerName);
    const pricelistId = await this.#pricelistFor(order);
    const [id] = await this.#conn.create('sale.order', [
      {
        partner_id: partnerId,
        client_order_ref: order.purchaseRef,
        origin: consignmentOrigin(shopId),
        ...(pricelistId !== null ? { pricelist_id: pricelistId } : {}),
        note: `Temu consignment purchase order ${order.purchaseRef}: received from Temu`,
        order_line: order.lines.map((l) => [
          0,
          0,
          {
            product_id: l.productId,
            product_uom_qty: l.quantity,
            price_unit: toDecimal(l.unitPrice),
            [d.saleLineTaxField]: [[6, 0, []]],
          },
        ]),
      },
    ]);
    await this.#conn.action('sale.order', 'action_confirm', [id!]);
    const [after] = await this.#conn.read<{ amount_total: number; state: string }>(
      'sale.order',
      [id!],
      ['amount_total', 'state'],
    );
    // Money exact: the sale order must total what Temu pays, to the cent.
    const expected = toDecimal({ amountMinor: order.totalMinor, currency: order.currency });
    if (!after || Math.abs(num(after.amount_total) - expected) > 1e-9) {
      throw new IntegrationError(
        `Odoo sale.order ${id} for purchase order ${order.purchaseRef} totals ${after?.amount_total} instead of ${expected} ${order.currency}; check the products' taxes and the pricelist`,
        { kind: 'business', code: 'ERR_ODOO_CONSIGNMENT_TOTAL' },
      );
    }
    return id!;
  }

  async doneConsignmentDeliveries(shopId: string) {
    await this.#conn.connect();
    const d = this.#conn.dialect;
    const orders = await this.#conn.searchRead<{ id: number; client_order_ref: unknown }>(
      'sale.order',
      [
        ['origin', '=', consignmentOrigin(shopId)],
        ['state', 'in', ['sale', 'done']],
      ],
      ['client_order_ref'],
      { order: 'id asc' },
    );
    if (!orders.length) return [];
    const refOf = new Map(orders.map((o) => [o.id, str(o.client_order_ref)]));
    const pickings: Array<Record<string, unknown>> = [];
    for (const part of chunk(
      orders.map((o) => o.id),
      this.#chunkSize,
    )) {
      const domain: Array<[string, string, unknown]> = [
        ['sale_id', 'in', part],
        ['picking_type_code', '=', 'outgoing'],
        ['state', '=', 'done'],
      ];
      try {
        pickings.push(
          ...(await this.#conn.searchRead<Record<string, unknown>>(
            'stock.picking',
            domain,
            ['id', 'sale_id', 'carrier_tracking_ref', 'carrier_id'],
            { order: 'id asc' },
          )),
        );
      } catch (err) {
        // Carrier fields come with the delivery module (docs/odoo-api.md §2.5); without it there is
        // no tracking number, and each ship job parks asking for one.
        if (!(err instanceof OdooRequestError) || !/carrier/.test(err.odooMessage)) throw err;
        pickings.push(
          ...(await this.#conn.searchRead<Record<string, unknown>>(
            'stock.picking',
            domain,
            ['id', 'sale_id'],
            {
              order: 'id asc',
            },
          )),
        );
      }
    }
    if (!pickings.length) return [];
    const moves = await this.#conn.searchRead<
      { picking_id: [number, string]; product_id: [number, string] } & Record<string, unknown>
    >(
      'stock.move',
      [
        ['picking_id', 'in', pickings.map((p) => p.id as number)],
        ['state', '=', 'done'],
      ],
      ['picking_id', 'product_id', d.moveDoneField],
      { order: 'id asc' },
    );
    const skus = await readProductSkus(
      this.#conn,
      moves.map((m) => m.product_id[0]),
      this.#chunkSize,
    );
    return pickings.flatMap((p) => {
      const purchaseRef = refOf.get(m2oId(p.sale_id)!);
      if (!purchaseRef) return [];
      const lines = new Map<string, number>();
      for (const m of moves.filter((x) => x.picking_id[0] === p.id)) {
        const sku = skus.get(m.product_id[0]);
        if (sku) lines.set(sku, roundQty((lines.get(sku) ?? 0) + num(m[d.moveDoneField])));
      }
      const carrier = p.carrier_id;
      return [
        {
          deliveryId: p.id as number,
          purchaseRef,
          trackingNumber: str(p.carrier_tracking_ref),
          carrierName: Array.isArray(carrier) ? String(carrier[1]) : null,
          lines: [...lines].filter(([, q]) => q > 0).map(([sku, quantity]) => ({ sku, quantity })),
        },
      ];
    });
  }

  async noteConsignmentStatus(saleOrderId: number, status: string): Promise<void> {
    await this.#conn.connect();
    await this.#conn.write('sale.order', [saleOrderId], { note: status });
  }

  async #customerId(name: string): Promise<number> {
    if (this.#customer?.name === name) return this.#customer.id;
    const found = await this.#conn.searchRead<{ id: number }>(
      'res.partner',
      [
        ['name', '=', name],
        ['is_company', '=', true],
      ],
      ['id'],
      { order: 'id asc', limit: 1 },
    );
    const id = found[0]?.id ?? (await this.#conn.create('res.partner', [{ name, is_company: true }]))[0]!;
    this.#customer = { name, id };
    return id;
  }

  async #pricelistFor(order: ConsignmentSaleOrder): Promise<number | null> {
    const company = await this.#currencies.companyCurrency();
    if (!company || company === order.currency) return null;
    const id = await this.#currencies.pricelistFor(order.currency);
    if (id === null)
      throw new IntegrationError(
        `purchase order ${order.purchaseRef} is in ${order.currency} but Odoo has no pricelist in ${order.currency} (company currency ${company}): create one in Sales > Pricelists`,
        { kind: 'business', code: 'ERR_ODOO_NO_PRICELIST' },
      );
    await this.#currencies.requireRate(order.currency, new Date().toISOString().slice(0, 10));
    return id;
  }
}

/** Odoo 16+ keeps `note` as HTML; the status is compared as text. */
function plain(value: unknown): string {
  return (str(value) ?? '').replace(/<[^>]*>/g, '').trim();
}
