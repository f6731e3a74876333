/** Delivered / invoiced quantities and statuses of sale order lines (docs/odoo-api.md §2.5, §2.7). */
import type { Env, Rec } from '../model-types.js';
import { pickingState } from '../stock/picking-ops.js';

const usage = (env: Env, id: unknown) => env.store.get('stock.location', Number(id))?.usage;

/** Done outgoing moves add, done returns with `to_refund` subtract. */
export function qtyDelivered(env: Env, line: Rec): number {
  let q = 0;
  for (const m of env.store.all('stock.move')) {
    if (m.sale_line_id !== line.id || m.state !== 'done') continue;
    const qty = Number(m.quantity ?? m.quantity_done ?? m.product_uom_qty ?? 0);
    if (usage(env, m.location_dest_id) === 'customer') q += qty;
    else if (usage(env, m.location_id) === 'customer' && m.to_refund) q -= qty;
  }
  return q;
}

export function invoiceLinesOf(env: Env, line: Rec): Rec[] {
  return env.store
    .all('account.move.line')
    .filter((l) => Array.isArray(l.sale_line_ids) && (l.sale_line_ids as number[]).includes(line.id));
}

export function qtyInvoiced(env: Env, line: Rec): number {
  let q = 0;
  for (const il of invoiceLinesOf(env, line)) {
    const move = env.store.get('account.move', Number(il.move_id));
    if (!move || move.state === 'cancel') continue;
    q += (move.move_type === 'out_refund' ? -1 : 1) * Number(il.quantity ?? 0);
  }
  return q;
}

const order = (env: Env, line: Rec) => env.store.get('sale.order', Number(line.order_id));
const confirmed = (o: Rec | undefined) => o?.state === 'sale' || o?.state === 'done';

export function invoicePolicy(env: Env, line: Rec): string {
  const product = env.store.get('product.product', Number(line.product_id));
  const tmpl = product ? env.store.get('product.template', Number(product.product_tmpl_id)) : undefined;
  return String(tmpl?.invoice_policy ?? 'order');
}

export function qtyToInvoice(env: Env, line: Rec): number {
  if (!confirmed(order(env, line)) || line.display_type) return 0;
  const base =
    invoicePolicy(env, line) === 'delivery' ? qtyDelivered(env, line) : Number(line.product_uom_qty ?? 0);
  return base - qtyInvoiced(env, line);
}

export function lineInvoiceStatus(env: Env, line: Rec): string {
  if (!confirmed(order(env, line)) || line.display_type) return 'no';
  if (Math.abs(qtyToInvoice(env, line)) > 1e-9) return 'to invoice';
  if (qtyInvoiced(env, line) >= Number(line.product_uom_qty ?? 0) && Number(line.product_uom_qty ?? 0) > 0)
    return 'invoiced';
  return 'no';
}

export function orderLines(env: Env, o: Rec): Rec[] {
  return env.store
    .all('sale.order.line')
    .filter((l) => l.order_id === o.id)
    .sort((a, b) => Number(a.sequence ?? 0) - Number(b.sequence ?? 0) || a.id - b.id);
}

export function orderInvoiceStatus(env: Env, o: Rec): string {
  if (!confirmed(o)) return 'no';
  const statuses = orderLines(env, o)
    .filter((l) => !l.display_type)
    .map((l) => lineInvoiceStatus(env, l));
  if (statuses.includes('to invoice')) return 'to invoice';
  if (statuses.length > 0 && statuses.every((s) => s === 'invoiced')) return 'invoiced';
  return 'no';
}

export function orderPickings(env: Env, o: Rec): Rec[] {
  return env.store.all('stock.picking').filter((p) => p.sale_id === o.id);
}

/** sale_stock `_compute_delivery_status` (fixtures: partial → "partial"; all pickings done → "full"). */
export function deliveryStatus(env: Env, o: Rec): string | false {
  const pickings = orderPickings(env, o);
  const states = pickings.map((p) => pickingState(env, p));
  if (pickings.length === 0 || states.every((s) => s === 'cancel')) return false;
  if (states.every((s) => s === 'done' || s === 'cancel')) return 'full';
  if (states.some((s) => s === 'done')) return 'partial';
  return 'pending';
}
