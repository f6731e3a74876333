/** `sale.advance.payment.inv` (invoice wizard) and `sale.order.cancel` (16–18), docs/odoo-api.md §2.4/§2.6. */
import { userError } from '../errors.js';
import type { Env, ModelDef, Rec } from '../model-types.js';
import { create } from '../orm/write.js';
import { formatDate } from '../clock.js';
import { orderLines, qtyToInvoice } from '../sale/sale-quantities.js';
import { invoiceAction } from '../stock/actions.js';
import { saleLineTaxField } from '../version-fields.js';
import { cancelOrder, orderCurrency } from './sale-order.model.js';
import { nextMoveName } from '../account/move-names.js';
import { bool, m2m, m2o, money, selection } from './fields.js';

const NOTHING_TO_INVOICE =
  'There is no invoiceable line. If a product has a control policy based on ordered quantity, please make sure that a quantity has been set.';

function invoiceOrder(env: Env, order: Rec): number | undefined {
  const lines = orderLines(env, order).filter(
    (l) => !l.display_type && Math.abs(qtyToInvoice(env, l)) > 1e-9,
  );
  if (lines.length === 0) return undefined;
  const taxField = saleLineTaxField(env.major);
  const signed = lines.map((l) => ({ l, qty: qtyToInvoice(env, l) }));
  const total = signed.reduce((s, x) => s + x.qty * Number(x.l.price_unit ?? 0), 0);
  const refund = total < 0;
  // 17 names the draft invoice at creation; 18+ leaves it false until posted; 16 shows "/" (fixtures).
  const name = env.major === 17 ? nextMoveName(env, 1) : env.major <= 16 ? '/' : false;
  const [id] = create(env, 'account.move', [
    {
      name,
      move_type: refund ? 'out_refund' : 'out_invoice',
      partner_id: order.partner_invoice_id ?? order.partner_id,
      partner_shipping_id: order.partner_shipping_id,
      invoice_origin: order.name,
      ref: order.client_order_ref ?? false,
      currency_id: orderCurrency(env, order),
      journal_id: 1,
      invoice_date_due: formatDate(env.now),
      invoice_line_ids: signed.map(({ l, qty }) => [
        0,
        0,
        {
          product_id: l.product_id,
          name: l.name,
          quantity: refund ? -qty : qty,
          price_unit: l.price_unit,
          discount: l.discount ?? 0,
          tax_ids: [[6, 0, (l[taxField] as number[]) ?? []]],
          sale_line_ids: [[6, 0, [l.id]]],
        },
      ]),
    },
  ]);
  return id;
}

export const saleAdvancePaymentInv: ModelDef = {
  name: 'sale.advance.payment.inv',
  description: 'Sales Advance Payment Invoice',
  order: 'id',
  fields: {
    advance_payment_method: selection('Create Invoice', ['delivered', 'percentage', 'fixed'], {
      default: () => 'delivered',
    }),
    sale_order_ids: m2m('Sales Orders', 'sale.order', {
      default: (env) =>
        env.context.active_model === 'sale.order'
          ? [[6, 0, (env.context.active_ids as number[]) ?? []]]
          : undefined,
    }),
    count: {
      type: 'integer',
      string: 'Order Count',
      compute: (_env, w) => ((w.sale_order_ids as number[]) ?? []).length,
    },
    consolidated_billing: bool('Consolidated Billing', { min: 17, default: () => true }),
    amount: { type: 'float', string: 'Down Payment' },
    fixed_amount: money('Down Payment Amount (Fixed)'),
    deduct_down_payments: bool('Deduct down payments', { default: () => true }),
  },
  methods: {
    create_invoices: ({ env, ids }) => {
      const wizard = env.store.get('sale.advance.payment.inv', ids[0] ?? 0);
      if (!wizard) return true;
      if (wizard.advance_payment_method !== 'delivered') {
        throw userError(
          'The Odoo sandbox only supports advance_payment_method "delivered" (regular invoice).',
        );
      }
      const orders = ((wizard.sale_order_ids as number[]) ?? [])
        .map((id) => env.store.get('sale.order', id))
        .filter((o): o is Rec => Boolean(o));
      const invoiceIds = orders
        .map((o) => invoiceOrder(env, o))
        .filter((id): id is number => id !== undefined);
      if (invoiceIds.length === 0) throw userError(NOTHING_TO_INVOICE);
      // 16 closes the wizard; 17+ opens the invoice(s) (docs/odoo-api.md §2.6).
      if (env.major <= 16 && !env.context.open_invoices) return { type: 'ir.actions.act_window_close' };
      return invoiceAction(env, invoiceIds, orders[0]!);
    },
  },
};

export const saleOrderCancel: ModelDef = {
  name: 'sale.order.cancel',
  description: 'Sales Order Cancel',
  order: 'id',
  max: 18,
  fields: { order_id: m2o('Sale Order', 'sale.order', { required: true }) },
  methods: {
    action_cancel: ({ env, ids }) => {
      for (const id of ids) {
        const wizard = env.store.get('sale.order.cancel', id);
        const order = wizard ? env.store.get('sale.order', Number(wizard.order_id)) : undefined;
        if (order) cancelOrder(env, order);
      }
      return true;
    },
  },
};
