import type { Env, ModelDef, Rec, Vals } from '../model-types.js';
import { currencyDigits, lineAmounts } from '../sale/amounts.js';
import { orderCurrency } from './sale-order.model.js';
import { lineInvoiceStatus, qtyDelivered, qtyInvoiced, qtyToInvoice } from '../sale/sale-quantities.js';
import { displayNameById } from '../orm/values.js';
import { saleLineTaxField, saleLineUomField } from '../version-fields.js';
import { bool, char, float, int, m2m, m2o, money, o2m, selection } from './fields.js';
import { mapTaxes } from './account-tax.models.js';

function amounts(env: Env, l: Rec) {
  return lineAmounts(
    env,
    Number(l.price_unit ?? 0),
    Number(l.product_uom_qty ?? 0),
    Number(l.discount ?? 0),
    (l[saleLineTaxField(env.major)] as number[]) ?? [],
    currencyDigits(env, orderCurrency(env, order(env, l) ?? { id: 0 })),
  );
}

const order = (env: Env, l: Rec) => env.store.get('sale.order', Number(l.order_id));

/** "S00001 - [MP-SKU-001] Marketplace Widget Red (MKTCUST-42)"; 17 uses the line name, 18+ the product. */
function lineDisplayName(env: Env, l: Rec): string {
  const o = order(env, l);
  const product =
    typeof l.product_id === 'number' ? displayNameById(env, 'product.product', l.product_id) : false;
  const label =
    env.major >= 18
      ? product || String(l.name ?? '').split('\n')[0]
      : String(l.name ?? '').split('\n')[0] || product;
  let name = `${String(o?.name ?? '')} - ${String(label)}`;
  const partner = o ? env.store.get('res.partner', Number(o.partner_id)) : undefined;
  if (partner?.ref) name += ` (${String(partner.ref)})`;
  return name;
}

/** Product-derived defaults of a new line (name, price, taxes, unit), explicit values win (docs/odoo-api.md §2.3). */
function productDefaults(env: Env, vals: Vals): void {
  if (typeof vals.product_id !== 'number') return;
  const product = env.store.get('product.product', vals.product_id);
  const tmpl = product ? env.store.get('product.template', Number(product.product_tmpl_id)) : undefined;
  if (!product || !tmpl) return;
  if (vals.name === undefined) {
    const display = displayNameById(env, 'product.product', product.id);
    vals.name = tmpl.description_sale ? `${String(display)}\n${String(tmpl.description_sale)}` : display;
  }
  if (vals.price_unit === undefined) vals.price_unit = Number(tmpl.list_price ?? 0);
  const taxField = saleLineTaxField(env.major);
  if (vals[taxField] === undefined) {
    const position = env.store.get('sale.order', Number(vals.order_id))?.fiscal_position_id;
    vals[taxField] = [
      [
        6,
        0,
        mapTaxes(env, typeof position === 'number' ? position : false, (tmpl.taxes_id as number[]) ?? []),
      ],
    ];
  }
  const uomField = saleLineUomField(env.major);
  if (vals[uomField] === undefined) vals[uomField] = tmpl.uom_id ?? 1;
}

export const saleOrderLine: ModelDef = {
  name: 'sale.order.line',
  description: 'Sales Order Line',
  order: 'order_id, sequence, id',
  displayName: lineDisplayName,
  fields: {
    order_id: m2o('Order Reference', 'sale.order', { required: true }),
    sequence: int('Sequence', { default: () => 10 }),
    display_type: selection('Display Type', ['line_section', 'line_note']),
    product_id: m2o('Product', 'product.product'),
    product_template_id: m2o('Product Template', 'product.template', {
      compute: (env, l) => env.store.get('product.product', Number(l.product_id))?.product_tmpl_id ?? false,
    }),
    name: { type: 'text', string: 'Description' },
    product_uom_qty: float('Quantity', { default: () => 1 }),
    product_uom: m2o('Unit of Measure', 'uom.uom', { max: 18 }),
    product_uom_id: m2o('Unit', 'uom.uom', { min: 19 }),
    price_unit: float('Unit Price', { digits: 2 }),
    technical_price_unit: float('Technical Price Unit', { min: 18 }),
    discount: float('Discount (%)', { digits: 2 }),
    tax_id: m2m('Taxes', 'account.tax', { max: 18 }),
    tax_ids: m2m('Taxes', 'account.tax', { min: 19 }),
    price_subtotal: money('Subtotal', { compute: (env, l) => amounts(env, l).subtotal }),
    price_tax: float('Total Tax', { compute: (env, l) => amounts(env, l).priceTax }),
    price_total: money('Total', { compute: (env, l) => amounts(env, l).total }),
    price_reduce_taxexcl: money('Price Reduce Tax excl', {
      compute: (env, l) =>
        Number(l.product_uom_qty) ? amounts(env, l).subtotal / Number(l.product_uom_qty) : 0,
    }),
    qty_delivered: float('Delivery Quantity', { compute: qtyDelivered }),
    qty_delivered_method: selection('Method to update delivered qty', ['manual', 'stock_move'], {
      compute: (env, l) =>
        env.store.all('stock.move').some((m) => m.sale_line_id === l.id) ? 'stock_move' : 'manual',
    }),
    qty_invoiced: float('Invoiced Quantity', { compute: qtyInvoiced }),
    qty_to_invoice: float('Quantity To Invoice', { compute: qtyToInvoice }),
    invoice_status: selection('Invoice Status', ['upselling', 'invoiced', 'to invoice', 'no'], {
      compute: lineInvoiceStatus,
    }),
    invoice_lines: m2m('Invoice Lines', 'account.move.line', {
      compute: (env, l) =>
        env.store
          .all('account.move.line')
          .filter((il) => (il.sale_line_ids as number[] | undefined)?.includes(l.id))
          .map((il) => il.id),
    }),
    move_ids: o2m('Stock Moves', 'stock.move', 'sale_line_id'),
    state: selection('Order Status', ['draft', 'sent', 'sale', 'done', 'cancel'], {
      compute: (env, l) => order(env, l)?.state ?? 'draft',
    }),
    order_partner_id: m2o('Customer', 'res.partner', {
      compute: (env, l) => order(env, l)?.partner_id ?? false,
    }),
    currency_id: m2o('Currency', 'res.currency', { compute: () => 1 }),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    customer_lead: float('Lead Time'),
    is_downpayment: bool('Is a down payment'),
    product_packaging_id: m2o('Packaging', 'product.packaging', { max: 18 }),
    salesman_id: m2o('Salesperson', 'res.users', { compute: (env, l) => order(env, l)?.user_id ?? false }),
    analytic_distribution: { type: 'json', string: 'Analytic Distribution' },
    untaxed_amount_invoiced: money('Untaxed Invoiced Amount', { compute: () => 0 }),
    name_short: char('Name Short', {
      compute: (env, l) => displayNameById(env, 'product.product', Number(l.product_id)),
    }),
  },
  prepareCreate: (env, vals) => {
    productDefaults(env, vals);
    if (env.major >= 18 && vals.technical_price_unit === undefined)
      vals.technical_price_unit = vals.price_unit ?? 0;
  },
};
