import { ORDER_STATUS_RANK } from '../order.js';
import type { Order } from '../order.js';
import type { ErpOrderSummary } from '../ports.js';
import { EMPTY_SKU_MAPPING, resolveErpSku } from './order-mapping.js';
import type { SkuMapping } from './order-mapping.js';

/**
 * R6 as data: what to do in the ERP so that it reflects the marketplace order. Each action is one ERP
 * operation; a list runs in order and stops at the first failure (the next sync plans again from
 * the ERP's state, so a half-done list is finished, never repeated).
 */
export type OrderAction =
  /** Create the ERP order as a draft quotation (lines from `toErpOrderDraft`). */
  | { kind: 'create' }
  /** Confirm the quotation: the ERP reserves stock and creates the delivery. */
  | { kind: 'confirm' }
  /** Partial cancellation: set these ERP lines to a lower quantity (never below what was delivered). */
  | { kind: 'reduce_lines'; lines: LineReduction[] }
  /** Validate the delivery for what the marketplace shipped and the ERP has not delivered yet. */
  | { kind: 'validate_delivery'; shipped: Array<{ sku: string; quantity: number }> }
  /** Post the invoice and register the payment (idempotent in the adapter: finishes a half-done one). */
  | { kind: 'invoice_and_pay' }
  /** Cancel the whole order; the ERP cancels pickings not done, which releases reserved stock. */
  | { kind: 'cancel' }
  /**
   * Move an open order to the customer/delivery address the marketplace now gives (the real buyer
   * of a quotation created while pending, or a changed address). Decided by `importOrders` once the
   * batch's customers are resolved, not by the planner.
   */
  | { kind: 'update_customer' }
  /** Put the marketplace's prices on a quotation created before it had any (decided by `importOrders`). */
  | { kind: 'reprice' }
  /** Nothing may be done; the reason is logged so the operator can see why. */
  | { kind: 'ignore'; code: IgnoreCode; reason: string };

export type OrderActionKind = OrderAction['kind'];

export interface LineReduction {
  erpLineId: number;
  sku: string;
  fromQuantity: number;
  quantity: number;
}

export type IgnoreCode =
  | 'stale_event'
  | 'erp_cancelled'
  | 'cancelled_before_import'
  | 'cancelled_after_shipment'
  | 'cancelled_after_invoice';

export interface PlanOptions {
  mapping?: SkuMapping;
  /**
   * Import an order first seen already cancelled as a cancelled ERP order (create + cancel) instead
   * of ignoring it. Off by default: nothing moved in stock, and an unknown SKU on an order nobody
   * will ship should not park anything.
   */
  importCancelled?: boolean;
}

const DELIVERED_STATUSES = new Set(['shipped', 'delivered']);

/**
 * How far the ERP order got, on the marketplace's status scale, so that an event for an earlier
 * status is recognised as late. An invoice exists only after delivery, so it ranks as delivered.
 */
export function erpProgressRank(erp: ErpOrderSummary): number {
  if (erp.state === 'cancelled') return ORDER_STATUS_RANK.cancelled;
  if (erp.invoiceStatus === 'invoiced' || erp.invoiceStatus === 'paid') return ORDER_STATUS_RANK.delivered;
  if (erp.deliveryStatus === 'done') return ORDER_STATUS_RANK.shipped;
  if (erp.deliveryStatus === 'partial' || erp.lines.some((l) => l.deliveredQuantity > 0)) {
    return ORDER_STATUS_RANK.partially_shipped;
  }
  if (erp.state === 'confirmed' || erp.state === 'locked') return ORDER_STATUS_RANK.unshipped;
  return ORDER_STATUS_RANK.pending;
}

function erpProgressName(erp: ErpOrderSummary): string {
  return `state ${erp.state}, delivery ${erp.deliveryStatus}, invoice ${erp.invoiceStatus}`;
}

/** Marketplace quantities per ERP SKU: what should remain ordered, and what has left the warehouse. */
function marketplaceQuantities(order: Order, mapping: SkuMapping) {
  const ordered = new Map<string, number>();
  const shipped = new Map<string, number>();
  for (const line of order.lines) {
    const sku = resolveErpSku(line, mapping);
    if (sku === null) continue; // cannot be matched to an ERP line; mapping parks it at creation
    ordered.set(sku, (ordered.get(sku) ?? 0) + line.quantity);
    if (DELIVERED_STATUSES.has(line.status)) shipped.set(sku, (shipped.get(sku) ?? 0) + line.quantity);
  }
  return { ordered, shipped };
}

function erpLinesBySku(erp: ErpOrderSummary | null) {
  const bySku = new Map<string, ErpOrderSummary['lines']>();
  for (const line of erp?.lines ?? []) bySku.set(line.sku, [...(bySku.get(line.sku) ?? []), line]);
  return bySku;
}

/**
 * Partial cancellations (R6): ERP lines whose SKU now has a lower marketplace quantity. Quantities on
 * the marketplace only go down (cancellations are final), so a reduction is never a backwards move.
 * The cut is taken from the last lines first and never below a line's delivered quantity. ERP lines
 * with a SKU the order does not have (e.g. a shipping-fee product) are left alone.
 */
function lineReductions(erp: ErpOrderSummary, ordered: Map<string, number>): LineReduction[] {
  if (erp.state !== 'quotation' && erp.state !== 'confirmed') return [];
  const reductions: LineReduction[] = [];
  for (const [sku, lines] of erpLinesBySku(erp)) {
    const target = ordered.get(sku);
    if (target === undefined) continue;
    let excess = lines.reduce((sum, l) => sum + l.quantity, 0) - target;
    for (const line of [...lines].reverse()) {
      if (excess <= 0) break;
      const cut = Math.min(excess, line.quantity - line.deliveredQuantity);
      if (cut <= 0) continue;
      reductions.push({
        erpLineId: line.lineId,
        sku,
        fromQuantity: line.quantity,
        quantity: line.quantity - cut,
      });
      excess -= cut;
    }
  }
  return reductions;
}

/**
 * Shipment line by line (status 41): per SKU, what the marketplace reports shipped or delivered minus
 * what the ERP already delivered, capped by what remains ordered in the ERP after reductions.
 */
function deliveriesDue(
  erp: ErpOrderSummary | null,
  shipped: Map<string, number>,
  reductions: LineReduction[],
): Array<{ sku: string; quantity: number }> {
  const bySku = erpLinesBySku(erp);
  const reducedTo = new Map(reductions.map((r) => [r.erpLineId, r.quantity]));
  const due: Array<{ sku: string; quantity: number }> = [];
  for (const [sku, quantity] of shipped) {
    const lines = bySku.get(sku);
    let toDeliver = quantity;
    if (erp !== null) {
      if (lines === undefined) continue; // the ERP order has no such line: nothing to validate against
      const delivered = lines.reduce((sum, l) => sum + l.deliveredQuantity, 0);
      const remaining =
        lines.reduce((sum, l) => sum + (reducedTo.get(l.lineId) ?? l.quantity), 0) - delivered;
      toDeliver = Math.min(quantity - delivered, remaining);
    }
    if (toDeliver > 0) due.push({ sku, quantity: toDeliver });
  }
  return due.sort((a, b) => a.sku.localeCompare(b.sku));
}

/**
 * Partial delivery (status 51): we invoice only once every line still to fulfil is delivered. The
 * adapter invoices and pays a whole order in one step and Temu settles per parent order, so one
 * invoice per order keeps money reconciliation (R16) one-to-one; invoicing on each partial delivery
 * would create several invoices and payments for one payout.
 */
function fullyDelivered(order: Order): boolean {
  const live = order.lines.filter((l) => l.quantity > 0 && l.status !== 'cancelled');
  return live.length > 0 && live.every((l) => l.status === 'delivered');
}

function ignore(code: IgnoreCode, reason: string): OrderAction[] {
  return [{ kind: 'ignore', code, reason }];
}

function cancelPlan(order: Order, erp: ErpOrderSummary | null, options: PlanOptions): OrderAction[] {
  if (erp === null) {
    if (options.importCancelled) return [{ kind: 'create' }, { kind: 'cancel' }];
    return ignore(
      'cancelled_before_import',
      `order ${order.orderRef} was cancelled before it reached the ERP; nothing to reverse`,
    );
  }
  if (erp.invoiceStatus === 'invoiced' || erp.invoiceStatus === 'paid') {
    return ignore(
      'cancelled_after_invoice',
      `order ${order.orderRef} was cancelled on the marketplace after ERP order ${erp.name} was invoiced; the refund goes through returns (credit note), not a cancellation`,
    );
  }
  if (erpProgressRank(erp) >= ORDER_STATUS_RANK.partially_shipped) {
    // Cancelling in the ERP would leave done deliveries as they are (Odoo cancels only pickings not
    // done, docs/odoo-api.md §2.4): stock would not come back. Goods that left need a return.
    return ignore(
      'cancelled_after_shipment',
      `order ${order.orderRef} was cancelled on the marketplace after ERP order ${erp.name} delivered goods; reverse it with a return, not a cancellation`,
    );
  }
  return [{ kind: 'cancel' }];
}

/**
 * The ordered list of ERP actions that bring `erp` (null: not in the ERP yet) in line with `order`.
 * An empty list means the ERP already reflects the order.
 */
export function planOrderActions(
  order: Order,
  erp: ErpOrderSummary | null,
  options: PlanOptions = {},
): OrderAction[] {
  const mapping = options.mapping ?? EMPTY_SKU_MAPPING;

  if (erp !== null && erp.state === 'cancelled') {
    if (order.status === 'cancelled') return [];
    return ignore(
      'erp_cancelled',
      `ERP order ${erp.name} is cancelled; a cancelled order is terminal and is not revived by a '${order.status}' event`,
    );
  }
  if (order.status === 'cancelled') return cancelPlan(order, erp, options);

  const rank = ORDER_STATUS_RANK[order.status];
  if (erp !== null && rank < erpProgressRank(erp)) {
    return ignore(
      'stale_event',
      `late '${order.status}' event for order ${order.orderRef}: ERP order ${erp.name} is further along (${erpProgressName(erp)}); an order never moves backwards`,
    );
  }

  const actions: OrderAction[] = [];
  const { ordered, shipped } = marketplaceQuantities(order, mapping);
  const reductions = erp === null ? [] : lineReductions(erp, ordered);

  if (erp === null) actions.push({ kind: 'create' });
  if (reductions.length > 0) actions.push({ kind: 'reduce_lines', lines: reductions });
  if (order.status === 'pending') return actions;

  if (erp === null || erp.state === 'quotation') actions.push({ kind: 'confirm' });

  const due = deliveriesDue(erp, shipped, reductions);
  if (due.length > 0) actions.push({ kind: 'validate_delivery', shipped: due });

  if (fullyDelivered(order) && erp?.invoiceStatus !== 'paid') actions.push({ kind: 'invoice_and_pay' });
  return actions;
}
