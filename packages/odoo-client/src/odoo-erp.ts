import type {
  BatchResult,
  CustomerInput,
  CustomerRef,
  ErpDelivery,
  ErpOrderDraft,
  ErpOrderSummary,
  ErpPort,
  ErpActivityPort,
  ErpStockLevel,
  Money,
} from '@temu-odoo/core';
import type { CallCounter } from './call-counter.js';
import { OdooConnection, type OdooSession } from './odoo-connection.js';
import type { OdooConnectionOptions } from './odoo-options.js';
import { OdooCurrencies } from './erp/currencies.js';
import { OdooDeliveries } from './erp/deliveries.js';
import { invoiceAndRegisterPayment } from './erp/invoicing.js';
import { OdooOrderActions } from './erp/order-actions.js';
import { OdooPartners } from './erp/partners.js';
import { resolveProducts } from './erp/products.js';
import { createReturn } from './erp/returns.js';
import { OdooSaleOrders } from './erp/sale-orders.js';
import { OdooStock } from './erp/stock.js';
import { OdooTaxes, type OdooSaleTax } from './erp/taxes.js';
import { OdooSaleTaxRequests } from './erp/sale-tax-requests.js';
import { OdooChargeProducts } from './erp/charge-products.js';
import { OdooActivities } from './erp/activities.js';

export interface OdooErpOptions {
  /** Ids per `in` domain / records per `create` (default 200). */
  chunkSize?: number;
  /** Warehouse whose stock `readFreeStock` reads when none is given (default: the first one). */
  warehouseId?: number;
}

/**
 * The ERP port on Odoo 16–19. Every method batches: lists in `create`, `search_read` with `in`
 * domains, chunked by `chunkSize`; one call serves many orders.
 */
export class OdooErp implements ErpPort, ErpActivityPort {
  readonly connection: OdooConnection;
  readonly #chunkSize: number;
  readonly #partners: OdooPartners;
  readonly #orders: OdooSaleOrders;
  readonly #actions: OdooOrderActions;
  readonly #deliveries: OdooDeliveries;
  readonly #stock: OdooStock;
  readonly #taxes: OdooTaxes;
  readonly #currencies: OdooCurrencies;

  constructor(connection: OdooConnection | OdooConnectionOptions, options: OdooErpOptions = {}) {
    this.connection = connection instanceof OdooConnection ? connection : new OdooConnection(connection);
    const size = options.chunkSize ?? 200;
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`chunkSize must be a positive integer, got ${size}`);
    this.#chunkSize = size;
    this.#taxes = new OdooTaxes(this.connection);
    this.#currencies = new OdooCurrencies(this.connection);
    this.#partners = new OdooPartners(this.connection, size);
    this.#orders = new OdooSaleOrders(this.connection, size, {
      taxes: new OdooSaleTaxRequests(this.connection),
      charges: new OdooChargeProducts(this.connection),
      currencies: this.#currencies,
    });
    this.#actions = new OdooOrderActions(this.connection, size);
    this.#deliveries = new OdooDeliveries(this.connection, size);
    this.#stock = new OdooStock(this.connection, size, options.warehouseId);
  }

  /** Start-up check: version, protocol and credentials. Wrong credentials throw one clear OdooLoginError. */
  connect(): Promise<OdooSession> {
    return this.connection.connect();
  }

  /** Requests sent per `model.method`. */
  get counter(): CallCounter {
    return this.connection.counter;
  }

  findOrdersByRefs(refs: string[]): Promise<ErpOrderSummary[]> {
    return this.#orders.findByRefs(refs);
  }

  findOrCreateCustomers(customers: CustomerInput[]): Promise<CustomerRef[]> {
    return this.#partners.findOrCreate(customers);
  }

  resolveProducts(skus: string[]): Promise<Map<string, number>> {
    return resolveProducts(this.connection, skus, this.#chunkSize);
  }

  createOrders(drafts: ErpOrderDraft[]): Promise<Array<BatchResult<{ orderRef: string; orderId: number }>>> {
    return this.#orders.create(drafts);
  }

  confirmOrders(orderIds: number[]): Promise<Array<BatchResult<number>>> {
    return this.#actions.confirm(orderIds);
  }

  updateLineQuantities(
    orderId: number,
    changes: Array<{ lineId: number; quantity: number; unitPrice?: Money }>,
    note?: string,
  ): Promise<void> {
    return this.#actions.updateLineQuantities(orderId, changes, note);
  }

  cancelOrder(orderId: number): Promise<void> {
    return this.#actions.cancel(orderId);
  }

  updateOrderCustomer(
    orderId: number,
    customer: { partnerId: number; deliveryPartnerId: number },
  ): Promise<void> {
    return this.#actions.updateCustomer(orderId, customer);
  }

  validateDelivery(
    orderId: number,
    shipped: Array<{ productId: number; quantity: number }>,
    trackingRef: string | null,
  ): Promise<{ deliveryId: number; backorder: boolean }> {
    return this.#deliveries.validate(orderId, shipped, trackingRef);
  }

  invoiceAndRegisterPayment(orderId: number): Promise<{ invoiceId: number }> {
    return invoiceAndRegisterPayment(this.connection, orderId);
  }

  createReturn(
    orderId: number,
    lines: Array<{ productId: number; quantity: number }>,
  ): Promise<{ returnId: number }> {
    return createReturn(this.connection, this.#deliveries, orderId, lines);
  }

  readFreeStock(productIds: number[] | 'all', warehouseId?: number): Promise<ErpStockLevel[]> {
    return this.#stock.readFreeStock(productIds, warehouseId);
  }

  listStockChangesSince(sinceMs: number): Promise<{ productIds: number[]; untilMs: number }> {
    return this.#stock.listStockChangesSince(sinceMs);
  }

  listDoneDeliveriesSince(sinceMs: number): Promise<ErpDelivery[]> {
    return this.#deliveries.listDoneSince(sinceMs);
  }

  currencyRate(from: string, to: string): Promise<number> {
    return this.#currencies.rate(from, to);
  }

  /** Sale taxes matching marketplace rates (fractions, 0.2 = 20%), keyed by `rateKey(rate)`. */
  findSaleTaxes(rates: number[]): Promise<Map<string, OdooSaleTax>> {
    return this.#taxes.findSaleTaxes(rates);
  }

  listSaleTaxes(): Promise<OdooSaleTax[]> {
    return this.#taxes.listSaleTaxes();
  }

  /** Ship-by reminders on sale orders (issue 14). */
  #activities?: OdooActivities;
  scheduleOrderActivities(
    activities: Parameters<ErpActivityPort['scheduleOrderActivities']>[0],
  ): Promise<Map<string, number>> {
    this.#activities ??= new OdooActivities(this.connection, this.#chunkSize);
    return this.#activities.scheduleOrderActivities(activities);
  }

  closeOrderActivities(orderRefs: string[], summary: string, feedback: string): Promise<number> {
    this.#activities ??= new OdooActivities(this.connection, this.#chunkSize);
    return this.#activities.closeOrderActivities(orderRefs, summary, feedback);
  }
}
