import { wholeSeconds } from '../clock.js';
import { userError } from '../errors.js';
import type { Env, ModelDef, Rec, Vals } from '../model-types.js';
import { search } from '../orm/search.js';
import { setValues, unlink } from '../orm/write.js';
import { currencyDigits, lineAmounts, sumAmounts } from '../sale/amounts.js';
import { taxTotals } from '../sale/tax-totals.js';
import {
  deliveryStatus,
  orderInvoiceStatus,
  orderLines,
  orderPickings,
  qtyToInvoice,
} from '../sale/sale-quantities.js';
import { cancelWizardAction } from '../stock/actions.js';
import { cancelPicking, createPicking, pickingState } from '../stock/picking-ops.js';
import { saleLineTaxField } from '../version-fields.js';
import { isService } from './product.model.js';
import { detectFiscalPosition } from './account-tax.models.js';
import { bool, char, date, datetime, m2o, money, o2m, selection } from './fields.js';
import { saleOrderActivityFields } from './mail-activity.models.js';

const orders = (env: Env, ids: number[]) =>
  ids.map((id) => env.store.get('sale.order', id)).filter((o): o is Rec => Boolean(o));

function lineAmountsOf(env: Env, o: Rec) {
  const taxField = saleLineTaxField(env.major);
  const digits = currencyDigits(env, orderCurrency(env, o));
  return orderLines(env, o)
    .filter((l) => !l.display_type)
    .map((l) =>
      lineAmounts(
        env,
        Number(l.price_unit ?? 0),
        Number(l.product_uom_qty ?? 0),
        Number(l.discount ?? 0),
        (l[taxField] as number[]) ?? [],
        digits,
      ),
    );
}

/** 17+: the order's currency follows its pricelist, else the company's (docs/odoo-api.md §2.3). */
export function orderCurrency(env: Env, o: Rec): number {
  return Number(
    env.store.get('product.pricelist', Number(o.pricelist_id))?.currency_id ??
      env.store.get('res.company', Number(o.company_id ?? 1))?.currency_id ??
      1,
  );
}

function amounts(env: Env, o: Rec) {
  return sumAmounts(env, lineAmountsOf(env, o), currencyDigits(env, orderCurrency(env, o)));
}

/**
 * What is left to invoice, taxes included: `qty_to_invoice` × price per line. After a return and its
 * credit note it comes back (fixtures credit_note_refund: 23.0 = 1 × 20.00 + 15%).
 */
function amountToInvoice(env: Env, o: Rec): number {
  const taxField = saleLineTaxField(env.major);
  const digits = currencyDigits(env, orderCurrency(env, o));
  const lines = orderLines(env, o)
    .filter((l) => !l.display_type)
    .map((l) =>
      lineAmounts(
        env,
        Number(l.price_unit ?? 0),
        qtyToInvoice(env, l),
        Number(l.discount ?? 0),
        (l[taxField] as number[]) ?? [],
        digits,
      ),
    );
  return sumAmounts(env, lines, digits).total;
}

export function invoicesOf(env: Env, o: Rec): number[] {
  const moveIds = new Set<number>();
  const lineIds = new Set(orderLines(env, o).map((l) => l.id));
  for (const il of env.store.all('account.move.line')) {
    if ((il.sale_line_ids as number[] | undefined)?.some((id) => lineIds.has(id)))
      moveIds.add(Number(il.move_id));
  }
  return [...moveIds].sort((a, b) => b - a);
}

/** Default shipping/invoice address: the customer's `type='delivery'`/`'invoice'` child (fixtures order B). */
function childAddress(env: Env, partnerId: number, type: string): number {
  const child = env.store
    .all('res.partner')
    .filter((p) => p.parent_id === partnerId && p.type === type && p.active !== false)
    .sort((a, b) => a.id - b.id)[0];
  return child?.id ?? partnerId;
}

/** 18+ appends the client reference to the picking origin (fixtures order_confirm_deliver). */
function pickingOrigin(env: Env, o: Rec): string {
  return env.major >= 18 && o.client_order_ref
    ? `${String(o.name)} - ${String(o.client_order_ref)}`
    : String(o.name);
}

function confirm(env: Env, o: Rec): void {
  setValues(env, 'sale.order', o, { state: 'sale', date_order: wholeSeconds(env.now) });
  const lines = orderLines(env, o).filter((l) => {
    if (l.display_type || typeof l.product_id !== 'number' || Number(l.product_uom_qty ?? 0) <= 0)
      return false;
    const product = env.store.get('product.product', l.product_id);
    return product !== undefined && !isService(env, product);
  });
  if (lines.length === 0) return;
  const wh =
    env.store.get('stock.warehouse', Number(o.warehouse_id ?? 1)) ?? env.store.get('stock.warehouse', 1);
  const outType = env.store.get('stock.picking.type', Number(wh?.out_type_id ?? 2));
  const customers = env.store.all('stock.location').find((l) => l.usage === 'customer')?.id ?? 5;
  createPicking(env, {
    typeId: outType?.id ?? 2,
    locationId: Number(outType?.default_location_src_id ?? wh?.lot_stock_id ?? 8),
    locationDestId: customers,
    partnerId: (o.partner_shipping_id as number | false) ?? false,
    origin: pickingOrigin(env, o),
    saleId: o.id,
    moves: lines.map((l) => ({
      name: l.name,
      product_id: l.product_id,
      product_uom_qty: Number(l.product_uom_qty),
      sale_line_id: l.id,
      origin: o.name,
    })),
  });
}

/** `_action_cancel`: draft invoices cancelled, pickings not done cancelled (docs/odoo-api.md §2.4). */
export function cancelOrder(env: Env, o: Rec): void {
  if (env.major >= 17 && o.locked)
    throw userError('You cannot cancel a locked order. Please unlock it first.');
  for (const id of invoicesOf(env, o)) {
    const inv = env.store.get('account.move', id);
    if (inv?.state === 'draft') setValues(env, 'account.move', inv, { state: 'cancel' });
  }
  for (const p of orderPickings(env, o)) if (pickingState(env, p) !== 'done') cancelPicking(env, p);
  setValues(env, 'sale.order', o, { state: 'cancel' });
}

function actionConfirm({ env, ids }: { env: Env; ids: number[] }): unknown {
  const recs = orders(env, ids);
  const allowed = env.major <= 16 ? ['draft', 'sent', 'sale'] : ['draft', 'sent'];
  const bad = recs.filter((o) => !allowed.includes(String(o.state)));
  if (bad.length > 0) {
    if (env.major >= 18) throw userError('Some orders are not in a state requiring confirmation.');
    if (env.major === 17)
      throw userError(
        `The following orders are not in a state requiring confirmation: ${bad.map((o) => String(o.name)).join(', ')}`,
      );
    throw userError(
      `It is not allowed to confirm an order in the following states: ${[...new Set(bad.map((o) => (o.state === 'cancel' ? 'Cancelled' : 'Locked')))].join(', ')}`,
    );
  }
  for (const o of recs) {
    const wasConfirmed = o.state === 'sale';
    if (wasConfirmed) setValues(env, 'sale.order', o, { date_order: wholeSeconds(env.now) });
    else confirm(env, o);
  }
  return true;
}

function actionCancel({ env, ids }: { env: Env; ids: number[] }): unknown {
  const recs = orders(env, ids);
  // 16–18: a confirmed order gets the sale.order.cancel wizard unless disable_cancel_warning (docs/odoo-api.md §2.4).
  if (env.major <= 18 && !env.context.disable_cancel_warning && recs.some((o) => o.state !== 'draft')) {
    if (recs.length > 1)
      throw userError('Expected singleton: sale.order(' + recs.map((o) => o.id).join(', ') + ',)');
    return cancelWizardAction(env, recs[0]!.id);
  }
  for (const o of recs) cancelOrder(env, o);
  return true;
}

export const saleOrder: ModelDef = {
  name: 'sale.order',
  description: 'Sales Order',
  order: 'date_order desc, id desc',
  fields: {
    name: char('Order Reference'),
    state: selection('Status', ['draft', 'sent', 'sale', 'done', 'cancel'], { default: () => 'draft' }),
    partner_id: m2o('Customer', 'res.partner', { required: true }),
    partner_invoice_id: m2o('Invoice Address', 'res.partner'),
    partner_shipping_id: m2o('Delivery Address', 'res.partner'),
    client_order_ref: char('Customer Reference'),
    origin: char('Source Document'),
    date_order: datetime('Order Date', { default: (env) => env.now }),
    commitment_date: datetime('Delivery Date'),
    validity_date: date('Expiration'),
    pricelist_id: m2o('Pricelist', 'product.pricelist'),
    currency_id: m2o('Currency', 'res.currency', { compute: orderCurrency }),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    user_id: m2o('Salesperson', 'res.users', { default: (env) => env.uid }),
    warehouse_id: m2o('Warehouse', 'stock.warehouse', { default: () => 1 }),
    fiscal_position_id: m2o('Fiscal Position', 'account.fiscal.position'),
    payment_term_id: m2o('Payment Terms', 'account.payment.term'),
    note: { type: 'html', string: 'Terms and conditions' },
    order_line: o2m('Order Lines', 'sale.order.line', 'order_id'),
    amount_untaxed: money('Untaxed Amount', { compute: (env, o) => amounts(env, o).untaxed }),
    amount_to_invoice: money('Amount to invoice', { compute: amountToInvoice }),
    amount_tax: money('Taxes', { compute: (env, o) => amounts(env, o).tax }),
    amount_total: money('Total', { compute: (env, o) => amounts(env, o).total }),
    tax_totals: {
      type: 'json',
      string: 'Tax Totals',
      compute: (env, o) => taxTotals(env, lineAmountsOf(env, o), amounts(env, o), orderCurrency(env, o)),
    },
    invoice_status: selection('Invoice Status', ['upselling', 'invoiced', 'to invoice', 'no'], {
      compute: orderInvoiceStatus,
    }),
    delivery_status: selection('Delivery Status', ['pending', 'started', 'partial', 'full'], {
      compute: deliveryStatus,
    }),
    picking_ids: o2m('Transfers', 'stock.picking', 'sale_id'),
    ...saleOrderActivityFields,
    delivery_count: {
      type: 'integer',
      string: 'Delivery Orders',
      compute: (env, o) => orderPickings(env, o).length,
    },
    invoice_ids: { type: 'many2many', string: 'Invoices', relation: 'account.move', compute: invoicesOf },
    invoice_count: {
      type: 'integer',
      string: 'Invoice Count',
      compute: (env, o) => invoicesOf(env, o).length,
    },
    effective_date: datetime('Effective Date', {
      compute: (env, o) => {
        const dates = orderPickings(env, o)
          .filter(
            (p) =>
              pickingState(env, p) === 'done' &&
              env.store.get('stock.location', Number(p.location_dest_id))?.usage === 'customer',
          )
          .map((p) => Number(p.date_done));
        return dates.length ? Math.min(...dates) : false;
      },
    }),
    locked: bool('Locked', { min: 17 }),
    require_signature: bool('Online signature'),
    require_payment: bool('Online payment'),
    tag_ids: { type: 'many2many', string: 'Tags', relation: 'crm.tag' },
    team_id: m2o('Sales Team', 'crm.team'),
    reference: char('Payment Ref.'),
  },
  prepareCreate: (env, vals: Vals) => {
    // ir.sequence `sale.order` (prefix S, padding 5), taken before the INSERT (fixtures errors: S00004 used up).
    if (!vals.name || vals.name === '/')
      vals.name = `S${String(env.store.nextSequence('sale.order')).padStart(5, '0')}`;
    const partnerId = typeof vals.partner_id === 'number' ? vals.partner_id : undefined;
    if (partnerId !== undefined && env.store.get('res.partner', partnerId)) {
      if (!vals.partner_invoice_id) vals.partner_invoice_id = childAddress(env, partnerId, 'invoice');
      if (!vals.partner_shipping_id) vals.partner_shipping_id = childAddress(env, partnerId, 'delivery');
      if (vals.fiscal_position_id === undefined)
        vals.fiscal_position_id = detectFiscalPosition(env, Number(vals.partner_shipping_id ?? partnerId));
    }
    if (env.major >= 17 && vals.locked === undefined) vals.locked = false;
  },
  beforeUnlink: (env, recs) => {
    if (recs.some((o) => o.state !== 'draft' && o.state !== 'cancel')) {
      throw userError(
        'You can not delete a sent quotation or a confirmed sales order. You must first cancel it.',
      );
    }
    for (const o of recs) {
      const lines = search(env, 'sale.order.line', [['order_id', '=', o.id]]);
      if (lines.length) unlink(env, 'sale.order.line', lines);
    }
  },
  methods: {
    action_confirm: actionConfirm,
    action_cancel: actionCancel,
    action_draft: ({ env, ids }) => {
      for (const o of orders(env, ids))
        if (o.state === 'cancel' || o.state === 'sent') setValues(env, 'sale.order', o, { state: 'draft' });
      return true;
    },
    action_lock: ({ env, ids }) => {
      for (const o of orders(env, ids))
        setValues(env, 'sale.order', o, env.major >= 17 ? { locked: true } : { state: 'done' });
      return true;
    },
    action_unlock: ({ env, ids }) => {
      for (const o of orders(env, ids))
        setValues(env, 'sale.order', o, env.major >= 17 ? { locked: false } : { state: 'sale' });
      return true;
    },
    action_done: ({ env, ids }) => {
      for (const o of orders(env, ids))
        setValues(env, 'sale.order', o, env.major >= 17 ? { locked: true } : { state: 'done' });
      return true;
    },
  },
};
