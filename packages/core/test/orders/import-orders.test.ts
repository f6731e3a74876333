import { toDecimal } from '../../src/money.js';
import { describe, expect, it } from '@jest/globals';
import { IntegrationError } from '../../src/errors.js';
import { importOrders } from '../../src/orders/import-orders.js';
import type { Order } from '../../src/order.js';
import type { UseCaseLog } from '../../src/use-case-log.js';
import { InMemoryErp } from '../fakes/in-memory-erp.js';
import { aLine, anOrder, aTwoLineOrder } from '../fakes/order-builder.js';

const PRODUCTS = { 'MUG-RED': 7, 'PLATE-BLUE': 8 };

function backlog(n: number, buyers = 10): Order[] {
  return Array.from({ length: n }, (_, i) =>
    aTwoLineOrder({
      orderRef: `PO-211-${String(i).padStart(17, '0')}`,
      buyer: { name: `Buyer ${i % buyers}`, email: `b${i % buyers}@relay.temu.example`, phone: null },
    }),
  );
}

class RecordingLog implements UseCaseLog {
  readonly lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  info(fields: Record<string, unknown>, message: string) {
    this.lines.push({ level: 'info', fields, message });
  }
  warn(fields: Record<string, unknown>, message: string) {
    this.lines.push({ level: 'warn', fields, message });
  }
}

describe('importOrders — batching', () => {
  it('imports a backlog of 50 new unshipped orders with 5 ERP calls in total', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const results = await importOrders(backlog(50), { erp });

    expect(erp.callCount()).toBe(5);
    for (const m of [
      'findOrdersByRefs',
      'resolveProducts',
      'findOrCreateCustomers',
      'createOrders',
      'confirmOrders',
    ] as const) {
      expect(erp.callCount(m)).toBe(1);
    }
    expect(results).toHaveLength(50);
    expect(new Set(results.map((r) => r.outcome))).toEqual(new Set(['created']));
    expect(results[0]?.actions).toEqual(['create', 'confirm']);
    expect([...erp.orders.values()].filter((o) => o.state === 'confirmed')).toHaveLength(50);
    // 10 distinct buyers → 10 customers, each order on its buyer's partner.
    expect(erp.customers.size).toBe(10);
    const order7 = erp.byRef('PO-211-00000000000000007')[0];
    expect(order7?.partnerId).toBe(erp.customers.get('shop-us:b7@relay.temu.example')?.partnerId);
    expect(order7?.lines.map((l) => [l.sku, l.productId, l.quantity])).toEqual([
      ['MUG-RED', 7, 2],
      ['PLATE-BLUE', 8, 3],
    ]);
  });

  it('re-running the same batch creates nothing and costs one lookup', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    await importOrders(backlog(20), { erp });
    const before = erp.callCount();
    const again = await importOrders(backlog(20), { erp });
    expect(erp.callCount() - before).toBe(1);
    expect(new Set(again.map((r) => r.outcome))).toEqual(new Set(['unchanged']));
    expect(erp.orders.size).toBe(20);
  });

  it('keeps only the newest event of an order that appears twice in one batch', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const older = aTwoLineOrder({ status: 'pending', updatedAtMs: 1000 });
    const newer = aTwoLineOrder({ status: 'unshipped', updatedAtMs: 2000 });
    const [r1, r2] = await importOrders([newer, older], { erp });
    expect(r1).toMatchObject({ outcome: 'created', actions: ['create', 'confirm'] });
    expect(r2).toMatchObject({ outcome: 'ignored', code: 'superseded' });
    expect(erp.orders.size).toBe(1);
  });
});

describe('importOrders — one bad order does not fail the others', () => {
  it('parks an order with an unknown SKU with the operator message, creating no customer for it', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const bad = anOrder({
      orderRef: 'PO-211-BAD',
      buyer: { name: 'X', email: 'x@relay.temu.example', phone: null },
      lines: [aLine({ sellerSku: 'GHOST-1' })],
    });
    const results = await importOrders([...backlog(3), bad], { erp });
    expect(results.map((r) => r.outcome)).toEqual(['created', 'created', 'created', 'parked']);
    expect(results[3]).toMatchObject({
      orderRef: 'PO-211-BAD',
      code: 'ERR_UNKNOWN_SKU',
      reason: 'unknown SKU GHOST-1 for shop shop-us',
      actions: [],
    });
    expect(erp.customers.has('shop-us:x@relay.temu.example')).toBe(false);
    expect(erp.byRef('PO-211-BAD')).toHaveLength(0);
    expect(erp.callCount()).toBe(5);
  });

  it('classifies per-order ERP failures: business → parked, transient → failed', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const orders = backlog(4);
    erp.failOrder.set(orders[1]!.orderRef, {
      method: 'createOrders',
      error: new IntegrationError('the partner is archived', {
        kind: 'business',
        code: 'ERR_ODOO_USER_ERROR',
      }),
    });
    erp.failOrder.set(orders[2]!.orderRef, {
      method: 'confirmOrders',
      error: new IntegrationError('could not serialize access', {
        kind: 'transient',
        code: 'ERR_ODOO_CONCURRENCY',
      }),
    });
    const results = await importOrders(orders, { erp });
    expect(results.map((r) => r.outcome)).toEqual(['created', 'parked', 'failed', 'created']);
    expect(results[1]).toMatchObject({
      reason: 'the partner is archived',
      code: 'ERR_ODOO_USER_ERROR',
      actions: [],
    });
    // The failed one exists as a draft; its retry finds it and only confirms.
    expect(results[2]).toMatchObject({ actions: ['create'], code: 'ERR_ODOO_CONCURRENCY' });
    expect(results[2]?.erpOrderId).toBe(erp.byRef(orders[2]!.orderRef)[0]?.orderId);

    erp.failOrder.clear();
    const retry = await importOrders([orders[2]!], { erp });
    expect(retry[0]).toMatchObject({ outcome: 'updated', actions: ['confirm'] });
    expect(erp.byRef(orders[2]!.orderRef)).toHaveLength(1);
  });

  it('fails the whole batch as retryable when the lookup itself fails, and calls nothing else', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    erp.failNextCall.set(
      'findOrdersByRefs',
      new IntegrationError('ECONNRESET', { kind: 'transient', code: 'ERR_ODOO_NETWORK' }),
    );
    const results = await importOrders(backlog(3), { erp });
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(erp.callCount()).toBe(1);
    expect(erp.orders.size).toBe(0);
  });

  it('a whole createOrders call failing fails only the orders that needed creating', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    erp.seed({
      orderRef: 'PO-211-EXISTING',
      state: 'quotation',
      deliveryStatus: 'none',
      invoiceStatus: 'none',
      lines: [{ lineId: 1, productId: 7, sku: 'MUG-RED', quantity: 2, deliveredQuantity: 0 }],
    });
    erp.failNextCall.set('createOrders', new Error('socket hang up'));
    const existing = anOrder({ orderRef: 'PO-211-EXISTING' });
    const results = await importOrders([existing, ...backlog(2)], { erp });
    expect(results.map((r) => r.outcome)).toEqual(['updated', 'failed', 'failed']);
    // The seeded quotation belongs to another customer than the Temu buyer, and its line price is
    // unknown: it moves, takes Temu's price, then confirms.
    expect(results[0]?.actions).toEqual(['update_customer', 'reprice', 'confirm']);
  });
});

describe('importOrders — follow-up actions', () => {
  it('carries a new shipped order through create, confirm and delivery', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const order = aTwoLineOrder({ status: 'partially_shipped' }, [
      { status: 'shipped' },
      { status: 'unshipped' },
    ]);
    const [result] = await importOrders([order], { erp });
    expect(result).toMatchObject({ outcome: 'created', actions: ['create', 'confirm', 'validate_delivery'] });
    expect(erp.deliveries).toEqual([
      { orderId: result?.erpOrderId, shipped: [{ productId: 7, quantity: 2 }], trackingRef: null },
    ]);
    expect(erp.byRef(order.orderRef)[0]?.deliveryStatus).toBe('partial');
  });

  it('follows one order through its whole life, one event at a time', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const steps: Array<[Order, string[]]> = [
      [aTwoLineOrder({ status: 'pending' }), ['create']],
      [
        aTwoLineOrder({}, [{}, { quantity: 1, originalQuantity: 3, cancelledQuantity: 2 }]),
        ['reduce_lines', 'confirm'],
      ],
      [
        aTwoLineOrder({ status: 'partially_shipped' }, [
          { status: 'shipped' },
          { quantity: 1, originalQuantity: 3, cancelledQuantity: 2 },
        ]),
        ['validate_delivery'],
      ],
      [
        aTwoLineOrder({ status: 'shipped' }, [
          { status: 'shipped' },
          { status: 'shipped', quantity: 1, originalQuantity: 3, cancelledQuantity: 2 },
        ]),
        ['validate_delivery'],
      ],
      [
        aTwoLineOrder({ status: 'delivered' }, [
          { status: 'delivered' },
          { status: 'delivered', quantity: 1, originalQuantity: 3, cancelledQuantity: 2 },
        ]),
        ['invoice_and_pay'],
      ],
    ];
    for (const [order, actions] of steps) {
      const [r] = await importOrders([order], { erp });
      expect(r?.actions).toEqual(actions);
    }
    const [final] = erp.byRef('PO-211-00822146499192890');
    expect(final).toMatchObject({ state: 'confirmed', deliveryStatus: 'done', invoiceStatus: 'paid' });
    expect(final?.lines.map((l) => [l.sku, l.quantity, l.deliveredQuantity])).toEqual([
      ['MUG-RED', 2, 2],
      ['PLATE-BLUE', 1, 1],
    ]);

    // A late 'unshipped' event now is ignored and logged, and nothing moves.
    const log = new RecordingLog();
    const [late] = await importOrders([aTwoLineOrder()], { erp, log });
    expect(late).toMatchObject({ outcome: 'ignored', code: 'stale_event', actions: [] });
    expect(log.lines.find((l) => l.level === 'info' && l.fields.outcome === 'ignored')).toMatchObject({
      fields: { orderRef: 'PO-211-00822146499192890', outcome: 'ignored', code: 'stale_event' },
    });
    expect(final?.invoiceStatus).toBe('paid');
  });

  it('cancels a confirmed order and leaves a shipped one for returns', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const [a, b] = backlog(2);
    await importOrders([a!, b!], { erp });
    const shippedB = {
      ...b!,
      status: 'shipped' as const,
      lines: b!.lines.map((l) => ({ ...l, status: 'shipped' as const })),
    };
    await importOrders([shippedB], { erp });

    const cancel = (o: Order): Order => ({
      ...o,
      status: 'cancelled',
      lines: o.lines.map((l) => ({ ...l, status: 'cancelled' })),
    });
    const results = await importOrders([cancel(a!), cancel(b!)], { erp });
    expect(results[0]).toMatchObject({ outcome: 'updated', actions: ['cancel'] });
    expect(results[1]).toMatchObject({ outcome: 'ignored', code: 'cancelled_after_shipment' });
    expect(erp.byRef(a!.orderRef)[0]?.state).toBe('cancelled');
    expect(erp.byRef(b!.orderRef)[0]?.state).toBe('confirmed');
  });

  it('a follow-up failure stops that order only, keeping what was done', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const orders = backlog(2).map((o) => ({
      ...o,
      status: 'shipped' as const,
      lines: o.lines.map((l) => ({ ...l, status: 'shipped' as const })),
    }));
    erp.failOrder.set(orders[0]!.orderRef, {
      method: 'validateDelivery',
      error: new IntegrationError('Odoo timed out', { kind: 'transient', code: 'ERR_ODOO_TIMEOUT' }),
    });
    const results = await importOrders(orders, { erp });
    expect(results[0]).toMatchObject({
      outcome: 'failed',
      actions: ['create', 'confirm'],
      code: 'ERR_ODOO_TIMEOUT',
    });
    expect(results[1]).toMatchObject({
      outcome: 'created',
      actions: ['create', 'confirm', 'validate_delivery'],
    });
  });
});

describe('importOrders — customers of quotations and address changes', () => {
  const buyer = { name: 'Ada Buyer', email: 'ada@relay.temu.example', phone: null };
  const address = {
    name: 'Ada Buyer',
    street: '1 Main St',
    street2: null,
    city: 'Springfield',
    state: 'IL',
    zip: '62701',
    country: 'US',
    phone: null,
    email: null,
  };

  it('creates a pending order as a quotation for a placeholder, then moves it to the real buyer before confirming', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const pending = anOrder({
      orderRef: 'PO-211-PEND',
      status: 'pending',
      buyer: null,
      shippingAddress: null,
    });
    const [first] = await importOrders([pending], { erp });
    expect(first?.actions).toEqual(['create']);
    const quotation = erp.byRef('PO-211-PEND')[0]!;
    expect([...erp.customers.keys()].some((k) => k.endsWith(':awaiting-address'))).toBe(true);
    const placeholderPartner = quotation.partnerId;

    const unshipped = {
      ...pending,
      status: 'unshipped' as const,
      buyer,
      shippingAddress: address,
      updatedAtMs: pending.updatedAtMs + 1,
    };
    const [second] = await importOrders([unshipped], { erp });
    expect(second?.actions).toEqual(['update_customer', 'confirm']);
    const moved = erp.byRef('PO-211-PEND')[0]!;
    expect(moved.partnerId).not.toBe(placeholderPartner);
    expect(moved.state).toBe('confirmed');
  });

  it('moves a confirmed order to the new delivery address when the buyer changed it', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const order = anOrder({ orderRef: 'PO-211-ADDR', buyer, shippingAddress: address });
    await importOrders([order], { erp });
    const before = erp.byRef('PO-211-ADDR')[0]!.deliveryPartnerId;
    const changed = {
      ...order,
      shippingAddress: { ...address, street: '9 Elm St' },
      addressChanged: true,
      updatedAtMs: order.updatedAtMs + 1,
    };
    const [result] = await importOrders([changed], { erp });
    expect(result?.actions).toEqual(['update_customer']);
    expect(erp.byRef('PO-211-ADDR')[0]!.deliveryPartnerId).not.toBe(before);
    // Without an address change a confirmed order costs no customer lookup.
    const calls = erp.callCount('findOrCreateCustomers');
    await importOrders([{ ...changed, addressChanged: false, updatedAtMs: changed.updatedAtMs + 1 }], {
      erp,
    });
    expect(erp.callCount('findOrCreateCustomers')).toBe(calls);
  });
});

describe('importOrders — Temu shipped first', () => {
  it('validates the ERP delivery with the tracking numbers Temu holds', async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const order = {
      ...aTwoLineOrder({ status: 'shipped' }, [{ status: 'shipped' }, { status: 'shipped' }]),
      trackingNumbers: ['SBX123456789012', 'SBX123456789013'],
    };
    const [result] = await importOrders([order], { erp });
    expect(result?.actions).toEqual(['create', 'confirm', 'validate_delivery']);
    expect(erp.deliveries.map((d) => d.trackingRef)).toEqual(['SBX123456789012, SBX123456789013']);
  });
});

describe('importOrders — quotations priced before Temu had amounts', () => {
  it("puts Temu's prices on a pending order's quotation before confirming it, and only when they differ", async () => {
    const erp = new InMemoryErp(PRODUCTS);
    const unpriced = aTwoLineOrder({ status: 'pending', pricing: null }, [
      { unitPrice: null },
      { unitPrice: null },
    ]);
    await importOrders([unpriced], { erp, marketplaceName: 'Temu' });
    const quotation = erp.byRef(unpriced.orderRef)[0]!;
    expect(quotation.lines.map((l) => l.unitPrice)).toEqual([9.99, 9.99]);
    const noteBefore = quotation.draft!.note;

    const priced = aTwoLineOrder({ status: 'unshipped', updatedAtMs: unpriced.updatedAtMs + 1 });
    const [result] = await importOrders([priced], { erp, marketplaceName: 'Temu' });
    expect(result?.actions).toContain('reprice');
    expect(result?.actions.at(-1)).toBe('confirm');
    const expected = priced.lines.map((l) => toDecimal(l.unitPrice!));
    expect(erp.byRef(priced.orderRef)[0]!.lines.map((l) => l.unitPrice)).toEqual(expected);
    // The note named the pricing as unknown when the quotation was made; it follows the reprice.
    expect(noteBefore).toContain('pricing: unknown (no amounts yet)');
    expect(erp.byRef(priced.orderRef)[0]!.draft!.note).toBe(
      `Temu order ${priced.orderRef} | shop ${priced.shopId} | region ${priced.region} | pricing: Temu order amounts`,
    );

    // A quotation already at Temu's prices costs no write.
    const erp2 = new InMemoryErp(PRODUCTS);
    await importOrders([aTwoLineOrder({ status: 'pending' })], { erp: erp2 });
    const [again] = await importOrders(
      [aTwoLineOrder({ status: 'unshipped', updatedAtMs: priced.updatedAtMs })],
      { erp: erp2 },
    );
    expect(again?.actions).not.toContain('reprice');
  });
});
