import { toDecimal, type Money } from '../../src/money.js';
import { IntegrationError } from '../../src/errors.js';
import type {
  BatchResult,
  CustomerInput,
  CustomerRef,
  ErpOrderDraft,
  ErpOrderSummary,
  ErpPort,
} from '../../src/ports.js';
import type { ErpDelivery } from '../../src/shipment.js';
import type { ErpStockLevel } from '../../src/stock.js';

type Method = keyof ErpPort;

interface StoredOrder extends ErpOrderSummary {
  partnerId: number;
  deliveryPartnerId: number;
  draft: ErpOrderDraft | null;
}

/**
 * An in-memory ERP behind our own ErpPort, for use-case tests: it keeps orders in the states the real
 * adapter reports, enforces the same rules a real ERP would (no confirm of a cancelled order, no
 * delivery beyond what is ordered), counts every call, and fails on demand.
 */
export class InMemoryErp implements ErpPort {
  readonly calls = new Map<Method, number>();
  readonly orders = new Map<number, StoredOrder>();
  readonly customers = new Map<string, CustomerRef & { input: CustomerInput }>();
  readonly products = new Map<string, number>();
  readonly deliveries: Array<{
    orderId: number;
    shipped: Array<{ productId: number; quantity: number }>;
    trackingRef?: string | null;
  }> = [];
  /** Whole-call failures: the next call of that method throws this error. */
  readonly failNextCall = new Map<Method, Error>();
  /** Per-order failures inside batched or per-order calls, keyed by marketplace order reference. */
  readonly failOrder = new Map<string, { method: Method; error: Error }>();
  readonly deliveryAddresses = new Map<string, number>();
  private nextId = 100;

  constructor(products: Record<string, number> = {}) {
    for (const [sku, id] of Object.entries(products)) this.products.set(sku, id);
  }

  callCount(method?: Method): number {
    if (method !== undefined) return this.calls.get(method) ?? 0;
    return [...this.calls.values()].reduce((a, b) => a + b, 0);
  }

  /** Places an order in the ERP as another run (or a person) left it. */
  seed(summary: Omit<ErpOrderSummary, 'orderId' | 'name'> & { orderId?: number }): StoredOrder {
    const orderId = summary.orderId ?? this.nextId++;
    const stored: StoredOrder = {
      ...structuredClone(summary),
      orderId,
      name: `S${String(orderId).padStart(5, '0')}`,
      partnerId: 1,
      deliveryPartnerId: 1,
      draft: null,
    };
    this.orders.set(orderId, stored);
    return stored;
  }

  byRef(orderRef: string): StoredOrder[] {
    return [...this.orders.values()].filter((o) => o.orderRef === orderRef);
  }

  private enter(method: Method, orderRef?: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    const err = this.failNextCall.get(method);
    if (err !== undefined) {
      this.failNextCall.delete(method);
      throw err;
    }
    if (orderRef !== undefined) this.failIfAsked(method, orderRef);
  }

  private failIfAsked(method: Method, orderRef: string): void {
    const f = this.failOrder.get(orderRef);
    if (f !== undefined && f.method === method) throw f.error;
  }

  private order(orderId: number): StoredOrder {
    const o = this.orders.get(orderId);
    if (o === undefined)
      throw new IntegrationError(`sale.order ${orderId} does not exist`, {
        kind: 'business',
        code: 'ERR_ODOO_MISSING',
      });
    return o;
  }

  private refreshDeliveryStatus(o: StoredOrder): void {
    if (o.state === 'quotation') return;
    const delivered = o.lines.reduce((s, l) => s + l.deliveredQuantity, 0);
    const done = o.lines.every((l) => l.deliveredQuantity >= l.quantity);
    o.deliveryStatus = done ? 'done' : delivered > 0 ? 'partial' : 'pending';
  }

  async findOrdersByRefs(refs: string[]): Promise<ErpOrderSummary[]> {
    this.enter('findOrdersByRefs');
    const wanted = new Set(refs);
    return (
      [...this.orders.values()]
        .filter((o) => wanted.has(o.orderRef))
        // The summary is the stored order without the fake's own bookkeeping (the draft).
        .map(({ draft: _draft, ...summary }) => structuredClone(summary))
    );
  }

  async findOrCreateCustomers(customers: CustomerInput[]): Promise<CustomerRef[]> {
    this.enter('findOrCreateCustomers');
    return customers.map((input) => {
      let c = this.customers.get(input.key);
      if (c === undefined) {
        c = { key: input.key, partnerId: this.nextId++, deliveryPartnerId: this.nextId++, input };
        this.customers.set(input.key, c);
      }
      // One delivery address per distinct address of a customer, as the real adapter keeps them.
      const slot = `${input.key}|${JSON.stringify(input.address)}`;
      let delivery = this.deliveryAddresses.get(slot);
      if (delivery === undefined) {
        delivery = this.deliveryAddresses.size === 0 && !input.address ? c.deliveryPartnerId : this.nextId++;
        this.deliveryAddresses.set(slot, delivery);
      }
      return { key: c.key, partnerId: c.partnerId, deliveryPartnerId: delivery };
    });
  }

  async updateOrderCustomer(
    orderId: number,
    customer: { partnerId: number; deliveryPartnerId: number },
  ): Promise<void> {
    const o = this.order(orderId);
    this.enter('updateOrderCustomer', o.orderRef);
    if (o.state === 'cancelled' || o.deliveryStatus === 'done')
      throw new Error(`${o.name} can no longer change customer`);
    o.partnerId = customer.partnerId;
    o.deliveryPartnerId = customer.deliveryPartnerId;
  }

  async resolveProducts(skus: string[]): Promise<Map<string, number>> {
    this.enter('resolveProducts');
    const found = new Map<string, number>();
    for (const sku of skus) {
      const id = this.products.get(sku);
      if (id !== undefined) found.set(sku, id);
    }
    return found;
  }

  async createOrders(
    drafts: ErpOrderDraft[],
  ): Promise<Array<BatchResult<{ orderRef: string; orderId: number }>>> {
    this.enter('createOrders');
    return drafts.map((draft) => {
      try {
        this.failIfAsked('createOrders', draft.orderRef);
        const orderId = this.nextId++;
        this.orders.set(orderId, {
          orderId,
          orderRef: draft.orderRef,
          name: `S${String(orderId).padStart(5, '0')}`,
          state: 'quotation',
          deliveryStatus: 'none',
          invoiceStatus: 'none',
          lines: draft.lines.map((l, i) => ({
            lineId: orderId * 100 + i,
            productId: l.productId,
            sku: l.sku,
            quantity: l.quantity,
            deliveredQuantity: 0,
            // Without a marketplace price the ERP takes its own list price (9.99 here).
            unitPrice: l.unitPrice ? toDecimal(l.unitPrice) : 9.99,
          })),
          partnerId: draft.partnerId,
          deliveryPartnerId: draft.deliveryPartnerId,
          draft: structuredClone(draft),
        });
        return { ok: true as const, value: { orderRef: draft.orderRef, orderId } };
      } catch (error) {
        return { ok: false as const, error: error as Error };
      }
    });
  }

  async confirmOrders(orderIds: number[]): Promise<Array<BatchResult<number>>> {
    this.enter('confirmOrders');
    return orderIds.map((id) => {
      try {
        const o = this.order(id);
        this.failIfAsked('confirmOrders', o.orderRef);
        if (o.state === 'cancelled') {
          throw new IntegrationError(`cannot confirm cancelled order ${o.name}`, {
            kind: 'business',
            code: 'ERR_ODOO_USER_ERROR',
          });
        }
        o.state = 'confirmed';
        this.refreshDeliveryStatus(o);
        return { ok: true as const, value: id };
      } catch (error) {
        return { ok: false as const, error: error as Error };
      }
    });
  }

  async updateLineQuantities(
    orderId: number,
    changes: Array<{ lineId: number; quantity: number; unitPrice?: Money }>,
    note?: string,
  ): Promise<void> {
    const o = this.order(orderId);
    this.enter('updateLineQuantities', o.orderRef);
    if (note !== undefined && o.draft) o.draft.note = note;
    for (const change of changes) {
      const line = o.lines.find((l) => l.lineId === change.lineId);
      if (line && change.unitPrice) line.unitPrice = toDecimal(change.unitPrice);
    }
    for (const change of changes) {
      const line = o.lines.find((l) => l.lineId === change.lineId);
      if (line === undefined) throw new Error(`line ${change.lineId} is not on ${o.name}`);
      if (change.quantity < line.deliveredQuantity)
        throw new Error(`cannot go below the delivered quantity on ${o.name}`);
      line.quantity = change.quantity;
    }
    this.refreshDeliveryStatus(o);
  }

  async cancelOrder(orderId: number): Promise<void> {
    const o = this.order(orderId);
    this.enter('cancelOrder', o.orderRef);
    o.state = 'cancelled';
  }

  async validateDelivery(
    orderId: number,
    shipped: Array<{ productId: number; quantity: number }>,
    trackingRef: string | null = null,
  ): Promise<{ deliveryId: number; backorder: boolean }> {
    const o = this.order(orderId);
    this.enter('validateDelivery', o.orderRef);
    if (o.state !== 'confirmed') throw new Error(`${o.name} is not confirmed`);
    for (const { productId, quantity } of shipped) {
      let left = quantity;
      for (const line of o.lines.filter((l) => l.productId === productId)) {
        const take = Math.min(left, line.quantity - line.deliveredQuantity);
        line.deliveredQuantity += take;
        left -= take;
      }
      if (left > 0) throw new Error(`${o.name}: ${left} more units of product ${productId} than ordered`);
    }
    this.deliveries.push({ orderId, shipped: structuredClone(shipped), trackingRef });
    this.refreshDeliveryStatus(o);
    return { deliveryId: this.nextId++, backorder: o.deliveryStatus !== 'done' };
  }

  async invoiceAndRegisterPayment(orderId: number): Promise<{ invoiceId: number }> {
    const o = this.order(orderId);
    this.enter('invoiceAndRegisterPayment', o.orderRef);
    o.invoiceStatus = 'paid';
    return { invoiceId: this.nextId++ };
  }

  async settleOrder(): Promise<never> {
    throw new Error('InMemoryErp.settleOrder: not part of the order import');
  }

  async bookPayouts(): Promise<never> {
    throw new Error('InMemoryErp.bookPayouts: not part of the order import');
  }

  async clearingBalance(): Promise<never> {
    throw new Error('InMemoryErp.clearingBalance: not part of the order import');
  }

  async clearingCompanyBalance(): Promise<never> {
    throw new Error('InMemoryErp.clearingCompanyBalance: not part of the order import');
  }

  async createReturn(): Promise<{ returnId: number }> {
    throw new Error('InMemoryErp.createReturn: not part of the order import');
  }

  async readFreeStock(): Promise<ErpStockLevel[]> {
    throw new Error('InMemoryErp.readFreeStock: not part of the order import');
  }

  async listStockChangesSince(): Promise<{ productIds: number[]; untilMs: number }> {
    throw new Error('InMemoryErp.listStockChangesSince: not part of the order import');
  }

  async listDoneDeliveriesSince(): Promise<ErpDelivery[]> {
    throw new Error('InMemoryErp.listDoneDeliveriesSince: not part of the order import');
  }

  async currencyRate(): Promise<number> {
    throw new Error('InMemoryErp.currencyRate: not part of the order import');
  }
}
