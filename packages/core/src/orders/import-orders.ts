import { IntegrationError, isIntegrationError } from '../errors.js';
import type { Order } from '../order.js';
import { toDecimal, type Money } from '../money.js';
import type { CustomerInput, CustomerRef, ErpOrderDraft, ErpOrderSummary, ErpPort } from '../ports.js';
import { silentLog } from '../use-case-log.js';
import type { UseCaseLog } from '../use-case-log.js';
import {
  customerInput,
  EMPTY_SKU_MAPPING,
  erpLinesOf,
  erpOrderNote,
  resolveErpSku,
  toErpOrderDraft,
} from './order-mapping.js';
import type { SkuMapping } from './order-mapping.js';
import type { SaleTaxPolicy } from '../taxes/sale-tax-policy.js';
import { planOrderActions } from './order-state-machine.js';
import type { OrderAction, OrderActionKind } from './order-state-machine.js';

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'ignored' | 'parked' | 'failed';

export interface ImportOrderResult {
  orderRef: string;
  shopId: string;
  outcome: ImportOutcome;
  erpOrderId?: number;
  /** The actions carried out, in order (a failed order lists what succeeded before the failure). */
  actions: OrderActionKind[];
  /** Why it was ignored, parked or failed: human-readable, shown to the operator. */
  reason?: string;
  /** Stable code: the ignore code or the error's code. */
  code?: string;
  error?: Error;
}

export interface ImportOrdersDeps {
  erp: ErpPort;
  mapping?: SkuMapping;
  /** Which ERP tax a marketplace rate gets per shop and destination (default: dedicated taxes). */
  taxPolicy?: SaleTaxPolicy;
  log?: UseCaseLog;
  /** See PlanOptions.importCancelled. */
  importCancelled?: boolean;
}

/** Where one order stands while the batch runs. */
interface Work {
  order: Order;
  erp: ErpOrderSummary | null;
  plan: OrderAction[];
  next: number;
  done: OrderActionKind[];
  erpOrderId: number | undefined;
  draft: ErpOrderDraft | undefined;
  customerKey: string | undefined;
  error: Error | undefined;
}

const PARKED_KINDS = new Set(['bad_input', 'business', 'credentials']);

/** Bad data, a business refusal or credentials wait for a person (parked); anything else is retried. */
function outcomeOfError(err: Error): 'parked' | 'failed' {
  return isIntegrationError(err) && PARKED_KINDS.has(err.kind) ? 'parked' : 'failed';
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** Several ERP orders with one reference break R8; use the live one and say so. */
function pickSummary(summaries: ErpOrderSummary[], log: UseCaseLog): ErpOrderSummary | null {
  if (summaries.length === 0) return null;
  const sorted = [...summaries].sort(
    (a, b) => Number(a.state === 'cancelled') - Number(b.state === 'cancelled') || a.orderId - b.orderId,
  );
  if (summaries.length > 1) {
    log.warn(
      { orderRef: sorted[0]?.orderRef, erpOrderIds: sorted.map((s) => s.orderId) },
      'several ERP orders carry one marketplace reference; syncing the oldest live one',
    );
  }
  return sorted[0] ?? null;
}

/** Keeps the newest event per order reference; older duplicates in the batch are superseded. */
function latestPerRef(orders: Order[]): Map<string, Order> {
  const latest = new Map<string, Order>();
  for (const order of orders) {
    const seen = latest.get(order.orderRef);
    if (seen === undefined || order.updatedAtMs >= seen.updatedAtMs) latest.set(order.orderRef, order);
  }
  return latest;
}

/**
 * Imports a batch of marketplace orders into the ERP with batched calls: one `findOrdersByRefs`, one
 * `resolveProducts`, one `findOrCreateCustomers`, one `createOrders` and one `confirmOrders` for the
 * whole batch, then per-order follow-ups (reduce, deliver, invoice, cancel) only for the orders that
 * need them. A backlog of N new unshipped orders therefore costs 5 port calls, not 5×N.
 *
 * Products are resolved before customers so that an order parked for an unknown SKU creates no
 * customer. One bad order never fails the others: each gets its own result.
 */
export async function importOrders(orders: Order[], deps: ImportOrdersDeps): Promise<ImportOrderResult[]> {
  const { erp } = deps;
  const mapping = deps.mapping ?? EMPTY_SKU_MAPPING;
  const log = deps.log ?? silentLog;
  const latest = latestPerRef(orders);
  const works = new Map<string, Work>();

  const fail = (work: Work, err: unknown) => {
    work.error = asError(err);
  };
  const alive = () => [...works.values()].filter((w) => w.error === undefined);
  const nextAction = (w: Work) => w.plan[w.next];

  // 1. One lookup for every reference: search-before-create (R8).
  let summaries: ErpOrderSummary[] = [];
  try {
    summaries = latest.size === 0 ? [] : await erp.findOrdersByRefs([...latest.keys()]);
  } catch (err) {
    const results = orders.map((o) => errorResult(o, asError(err), undefined, []));
    report(results, log);
    return results;
  }
  const byRef = new Map<string, ErpOrderSummary[]>();
  for (const s of summaries) byRef.set(s.orderRef, [...(byRef.get(s.orderRef) ?? []), s]);

  for (const [ref, order] of latest) {
    const found = pickSummary(byRef.get(ref) ?? [], log);
    works.set(ref, {
      order,
      erp: found,
      plan: planOrderActions(order, found, { mapping, importCancelled: deps.importCancelled ?? false }),
      next: 0,
      done: [],
      erpOrderId: found?.orderId,
      draft: undefined,
      customerKey: undefined,
      error: undefined,
    });
  }
  const toCreate = () => alive().filter((w) => nextAction(w)?.kind === 'create');

  // 2. One product lookup for every SKU the batch needs (lines of new orders, deliveries to validate).
  const skus = new Set<string>();
  const needingProducts: Work[] = [];
  for (const w of alive()) {
    const wanted = skusWanted(w, mapping);
    for (const sku of wanted) skus.add(sku);
    if (wanted.length > 0) needingProducts.push(w);
  }
  let products = new Map<string, number>();
  if (skus.size > 0) {
    try {
      products = await erp.resolveProducts([...skus].sort());
    } catch (err) {
      for (const w of needingProducts) fail(w, err);
    }
  }

  // 3. Map the new orders (unknown SKU → parked) before any customer is created for them.
  const placeholder: CustomerRef = { key: '', partnerId: 0, deliveryPartnerId: 0 };
  const customers = new Map<string, CustomerInput>();
  for (const w of toCreate()) {
    try {
      w.draft = toErpOrderDraft(w.order, placeholder, products, mapping, deps.taxPolicy);
      const input = customerInput(w.order);
      w.customerKey = customerSlot(input);
      if (!customers.has(w.customerKey)) customers.set(w.customerKey, input);
    } catch (err) {
      fail(w, err);
    }
  }

  // Open ERP orders whose buyer is known now: their customer and delivery address are checked in the
  // same batched call (the quotation of a pending order, or an address the buyer changed).
  const toRecheck = alive().filter((w) => needsCustomerCheck(w));
  for (const w of toRecheck) {
    const input = customerInput(w.order);
    w.customerKey = customerSlot(input);
    if (!customers.has(w.customerKey)) customers.set(w.customerKey, input);
  }

  // 4. One find-or-create for every distinct customer of the new and rechecked orders.
  if (customers.size > 0) {
    try {
      const slots = [...customers.keys()];
      const refs = await erp.findOrCreateCustomers([...customers.values()]);
      // One answer per input, in order: a slot is a customer key with one delivery address.
      const byKey = new Map(refs.map((r, i) => [slots[i]!, r]));
      for (const w of toRecheck) {
        const ref = byKey.get(w.customerKey ?? '');
        if (!ref || !w.erp || w.erpOrderId === undefined) continue;
        if (ref.partnerId === w.erp.partnerId && ref.deliveryPartnerId === w.erp.deliveryPartnerId) continue;
        try {
          await erp.updateOrderCustomer(w.erpOrderId, {
            partnerId: ref.partnerId,
            deliveryPartnerId: ref.deliveryPartnerId,
          });
          w.done.push('update_customer');
        } catch (err) {
          fail(w, err);
        }
      }
      for (const w of toCreate()) {
        const ref = byKey.get(w.customerKey ?? '');
        if (ref === undefined || w.draft === undefined) {
          fail(w, missing(`the ERP returned no customer for key ${w.customerKey}`, 'ERR_CUSTOMER_MISSING'));
          continue;
        }
        w.draft = { ...w.draft, partnerId: ref.partnerId, deliveryPartnerId: ref.deliveryPartnerId };
      }
    } catch (err) {
      for (const w of [...toCreate(), ...toRecheck]) fail(w, err);
    }
  }

  // A quotation created while the order was pending had no marketplace prices; before it is
  // confirmed, its lines take them, and its note says so (one call per such order, only on that
  // transition).
  for (const w of alive()) {
    const changes = repricing(w, mapping);
    if (!changes.length) continue;
    try {
      await erp.updateLineQuantities(w.erpOrderId!, changes, erpOrderNote(w.order));
      w.done.push('reprice');
    } catch (err) {
      fail(w, err);
    }
  }

  // 5. One create for every new order.
  const creating = toCreate();
  if (creating.length > 0) {
    try {
      const results = await erp.createOrders(creating.map((w) => w.draft as ErpOrderDraft));
      creating.forEach((w, i) => {
        const r = results[i];
        if (r === undefined) return fail(w, missing(`the ERP gave no create result for ${w.order.orderRef}`));
        if (!r.ok) return fail(w, r.error);
        w.erpOrderId = r.value.orderId;
        w.done.push('create');
        w.next += 1;
      });
    } catch (err) {
      for (const w of creating) fail(w, err);
    }
  }

  // 6. Follow-ups that come before confirmation (a partial cancellation of a quotation).
  for (const w of alive()) await runUntilBarrier(w, erp, products, fail);

  // 7. One confirmation for every order that must be confirmed.
  const confirming = alive().filter((w) => nextAction(w)?.kind === 'confirm');
  if (confirming.length > 0) {
    try {
      const results = await erp.confirmOrders(confirming.map((w) => w.erpOrderId as number));
      confirming.forEach((w, i) => {
        const r = results[i];
        if (r === undefined)
          return fail(w, missing(`the ERP gave no confirm result for ${w.order.orderRef}`));
        if (!r.ok) return fail(w, r.error);
        w.done.push('confirm');
        w.next += 1;
      });
    } catch (err) {
      for (const w of confirming) fail(w, err);
    }
  }

  // 8. Per-order follow-ups: deliveries, invoices, cancellations.
  for (const w of alive()) await runUntilBarrier(w, erp, products, fail);

  const results = orders.map((order) => {
    const w = works.get(order.orderRef);
    if (w === undefined || w.order !== order) {
      return {
        orderRef: order.orderRef,
        shopId: order.shopId,
        outcome: 'ignored' as const,
        actions: [],
        code: 'superseded',
        reason: `a newer event for order ${order.orderRef} in the same batch was synced instead`,
      };
    }
    return resultOf(w);
  });
  report(results, log);
  return results;
}

/**
 * An open ERP order whose customer may have to move: a quotation (created while pending, with the
 * placeholder customer) once the buyer is known, or a confirmed order whose buyer changed the address
 * before shipment. Confirmed orders are checked only on an address change, so re-syncing them costs
 * no customer lookup.
 */
function needsCustomerCheck(w: Work): boolean {
  const erp = w.erp;
  if (erp === null || erp.partnerId === undefined || w.erpOrderId === undefined) return false;
  if (erp.deliveryStatus === 'done' || erp.deliveryStatus === 'partial') return false;
  if (w.order.status === 'cancelled' || w.plan.some((a) => a.kind === 'ignore')) return false;
  if (w.order.buyer === null && w.order.shippingAddress === null) return false;
  if (erp.state === 'quotation') return true;
  return erp.state === 'confirmed' && w.order.addressChanged === true;
}

/** Line price changes for an open quotation about to be confirmed, from the order's known prices. */
function repricing(
  w: Work,
  mapping: SkuMapping,
): Array<{ lineId: number; quantity: number; unitPrice: Money }> {
  const erp = w.erp;
  if (erp === null || w.erpOrderId === undefined || w.order.pricing === null) return [];
  if (erp.state !== 'quotation' || !w.plan.some((a) => a.kind === 'confirm')) return [];
  const prices = new Map<string, Money>();
  for (const line of w.order.lines) {
    const sku = resolveErpSku(line, mapping);
    if (sku !== null && line.unitPrice !== null) prices.set(sku, line.unitPrice);
  }
  // Only lines whose price differs (by more than half a minor unit) cost a write.
  return erp.lines
    .filter((l) => {
      const price = prices.get(l.sku);
      return (
        price !== undefined && (l.unitPrice === undefined || Math.abs(l.unitPrice - toDecimal(price)) > 0.005)
      );
    })
    .map((l) => ({ lineId: l.lineId, quantity: l.quantity, unitPrice: prices.get(l.sku)! }));
}

/**
 * One customer key can come with several delivery addresses in a batch (one buyer, two orders to two
 * places): each pair is its own input so that each order gets its own delivery address.
 */
function customerSlot(input: CustomerInput): string {
  return `${input.key}\u0000${JSON.stringify(input.address)}`;
}

/** SKUs whose ERP product id the order's plan needs and the ERP summary does not give. */
function skusWanted(w: Work, mapping: SkuMapping): string[] {
  const wanted = new Set<string>();
  if (w.plan[w.next]?.kind === 'create') {
    for (const { line } of erpLinesOf(w.order)) {
      const sku = resolveErpSku(line, mapping);
      if (sku !== null) wanted.add(sku);
    }
  }
  const known = new Set(w.erp?.lines.map((l) => l.sku));
  for (const action of w.plan) {
    if (action.kind !== 'validate_delivery') continue;
    for (const s of action.shipped) if (!known.has(s.sku)) wanted.add(s.sku);
  }
  return [...wanted];
}

function missing(message: string, code = 'ERR_ERP_INCOMPLETE_ANSWER'): IntegrationError {
  return new IntegrationError(message, { kind: 'transient', code });
}

/** Runs the order's next actions until a batched one (create/confirm) or the end; stops on failure. */
async function runUntilBarrier(
  w: Work,
  erp: ErpPort,
  products: ReadonlyMap<string, number>,
  fail: (w: Work, err: unknown) => void,
): Promise<void> {
  while (w.error === undefined) {
    const action = w.plan[w.next];
    if (action === undefined || action.kind === 'create' || action.kind === 'confirm') return;
    if (action.kind === 'ignore') return;
    try {
      await execute(action, w, erp, products);
      w.done.push(action.kind);
      w.next += 1;
    } catch (err) {
      fail(w, err);
    }
  }
}

async function execute(
  action: Exclude<OrderAction, { kind: 'create' | 'confirm' | 'ignore' }>,
  w: Work,
  erp: ErpPort,
  products: ReadonlyMap<string, number>,
): Promise<void> {
  const orderId = w.erpOrderId;
  if (orderId === undefined) throw missing(`order ${w.order.orderRef} has no ERP id for ${action.kind}`);
  switch (action.kind) {
    case 'reduce_lines':
      return erp.updateLineQuantities(
        orderId,
        action.lines.map((l) => ({ lineId: l.erpLineId, quantity: l.quantity })),
      );
    case 'validate_delivery': {
      const productOf = new Map(w.erp?.lines.map((l) => [l.sku, l.productId]));
      const shipped = action.shipped.map(({ sku, quantity }) => {
        const productId = productOf.get(sku) ?? products.get(sku);
        if (productId === undefined) {
          throw missing(`no ERP product known for SKU ${sku} of order ${w.order.orderRef}`);
        }
        return { productId, quantity };
      });
      // Temu shipped it (its own label or a seller upload elsewhere): its tracking numbers go on the
      // ERP delivery, so the ERP shows what the buyer was sent.
      const tracking = w.order.trackingNumbers?.length ? w.order.trackingNumbers.join(', ') : null;
      await erp.validateDelivery(orderId, shipped, tracking);
      return;
    }
    case 'invoice_and_pay':
      await erp.invoiceAndRegisterPayment(orderId);
      return;
    case 'cancel':
      return erp.cancelOrder(orderId);
  }
}

function errorResult(
  order: Order,
  error: Error,
  erpOrderId: number | undefined,
  actions: OrderActionKind[],
): ImportOrderResult {
  return {
    orderRef: order.orderRef,
    shopId: order.shopId,
    outcome: outcomeOfError(error),
    ...(erpOrderId === undefined ? {} : { erpOrderId }),
    actions,
    reason: error.message,
    ...(isIntegrationError(error) ? { code: error.code } : {}),
    error,
  };
}

function resultOf(w: Work): ImportOrderResult {
  const { order } = w;
  if (w.error !== undefined) return errorResult(order, w.error, w.erpOrderId, w.done);
  const base = {
    orderRef: order.orderRef,
    shopId: order.shopId,
    ...(w.erpOrderId === undefined ? {} : { erpOrderId: w.erpOrderId }),
    actions: w.done,
  };
  const first = w.plan[0];
  if (first?.kind === 'ignore')
    return { ...base, outcome: 'ignored', code: first.code, reason: first.reason };
  if (w.done.includes('create')) return { ...base, outcome: 'created' };
  if (w.done.length > 0) return { ...base, outcome: 'updated' };
  return { ...base, outcome: 'unchanged' };
}

function report(results: ImportOrderResult[], log: UseCaseLog): void {
  const counts: Record<string, number> = {};
  for (const r of results) {
    counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
    if (r.outcome === 'ignored' || r.outcome === 'parked' || r.outcome === 'failed') {
      // An ignored event is an expected outcome (info); parked and failed orders need attention.
      log[r.outcome === 'ignored' ? 'info' : 'warn'](
        {
          shopId: r.shopId,
          orderRef: r.orderRef,
          erpOrderId: r.erpOrderId,
          outcome: r.outcome,
          code: r.code,
        },
        `order ${r.outcome}: ${r.reason ?? ''}`,
      );
    }
  }
  log.info({ orders: results.length, ...counts }, 'order import batch done');
}
