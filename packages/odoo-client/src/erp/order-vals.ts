import {
  BadInputError,
  closingLine,
  money,
  toDecimal,
  type ErpOrderDraft,
  type Money,
  type SaleTaxRequest,
  type TaxedAmount,
  type TaxRoundingMode,
} from '@temu-odoo/core';
import type { OdooDialect } from '../version.js';
import { CHARGE_PRODUCTS, type ChargeKind } from './charge-products.js';
import { taxRequestKey } from './sale-tax-requests.js';

export interface OrderValsContext {
  dialect: OdooDialect;
  /** taxRequestKey → Odoo tax id, or the error that parks the order. */
  taxIds: Map<string, number | Error>;
  /** Service products of the shipping, discount and closing lines. */
  chargeProducts: Map<ChargeKind, number>;
  /** The company's tax rounding. */
  rounding: TaxRoundingMode;
  /** Pricelist giving the order its currency when it differs from the company's (docs/odoo-api.md §2.3). */
  pricelistId?: number | null;
}

/** Checks a draft before it reaches Odoo; throws a BadInputError naming what to fix. */
export function validateDraft(d: ErpOrderDraft): void {
  const where = `order ${d.orderRef || '(no orderRef)'}`;
  if (!d.orderRef?.trim())
    throw new BadInputError(
      `${where}: orderRef is empty (it becomes client_order_ref)`,
      'ERR_ODOO_ORDER_REF',
    );
  if (!(d.partnerId > 0) || !(d.deliveryPartnerId > 0))
    throw new BadInputError(
      `${where}: partnerId/deliveryPartnerId must be Odoo partner ids`,
      'ERR_ODOO_ORDER_PARTNER',
    );
  if (d.lines.length === 0) throw new BadInputError(`${where}: no lines`, 'ERR_ODOO_ORDER_LINES');
  for (const m of [...d.charges.map((c) => c.amount), ...(d.expectedTotal ? [d.expectedTotal] : [])]) {
    if (m.currency !== d.currency.toUpperCase())
      throw new BadInputError(
        `${where}: an amount is in ${m.currency}, the order in ${d.currency}`,
        'ERR_ODOO_ORDER_CURRENCY',
      );
  }
  for (const l of d.lines) {
    if (!(l.productId > 0))
      throw new BadInputError(
        `${where}: line ${l.lineId} (${l.sku}) has no Odoo product id`,
        'ERR_ODOO_ORDER_PRODUCT',
      );
    if (!Number.isFinite(l.quantity) || l.quantity < 0)
      throw new BadInputError(
        `${where}: line ${l.lineId} quantity must be ≥ 0, got ${l.quantity}`,
        'ERR_ODOO_ORDER_QTY',
      );
    if (l.unitPrice && l.unitPrice.currency !== d.currency.toUpperCase()) {
      throw new BadInputError(
        `${where}: line ${l.lineId} is priced in ${l.unitPrice.currency}, the order in ${d.currency}`,
        'ERR_ODOO_ORDER_CURRENCY',
      );
    }
  }
}

/**
 * ErpOrderDraft → `sale.order` create vals (pure). Keyed by `client_order_ref` (docs/odoo-api.md §3.1); explicit
 * `price_unit` is kept by Odoo at create (docs/odoo-api.md §2.3); each line's tax is forced with `[[6,0,ids]]` on the
 * version's tax field (`tax_id`/`tax_ids`) from the resolved request (a rate of 0 forces no tax; only
 * a line without a known rate — priced by estimate — keeps Odoo's defaults). Shipping and discounts
 * are lines on service products; when Odoo's tax rounding cannot reproduce what the buyer paid, an
 * untaxed closing line takes the difference and the note says so (docs/odoo-api.md "Taxes and totals").
 * Throws the tax's error (the order is parked) when a line's tax could not be found or created.
 */
export function saleOrderVals(d: ErpOrderDraft, ctx: OrderValsContext): Record<string, unknown> {
  const taxField = ctx.dialect.saleLineTaxField;
  const taxIdsOf = (r: SaleTaxRequest): number[] | null => {
    if (r.kind === 'none') return [];
    const key = taxRequestKey(r);
    if (key === null) return null;
    const id = ctx.taxIds.get(key);
    if (id instanceof Error) throw id;
    if (id === undefined) throw new Error(`order ${d.orderRef}: tax ${key} was not resolved`);
    return [id];
  };
  const withTax = (vals: Record<string, unknown>, r: SaleTaxRequest) => {
    const ids = taxIdsOf(r);
    if (ids !== null) vals[taxField] = [[6, 0, ids]];
    return vals;
  };
  const lines = d.lines.map((l) => {
    const vals: Record<string, unknown> = {
      product_id: l.productId,
      product_uom_qty: l.quantity,
      name: `[${l.sku}] ${l.title}`.trim(),
    };
    if (l.unitPrice) vals.price_unit = toDecimal(l.unitPrice);
    return [0, 0, withTax(vals, l.tax)];
  });
  const chargeLine = (kind: ChargeKind, amount: Money, name: string, tax: SaleTaxRequest) => {
    const productId = ctx.chargeProducts.get(kind);
    if (productId === undefined) throw new Error(`no Odoo product for the ${kind} line`);
    return [
      0,
      0,
      withTax({ product_id: productId, product_uom_qty: 1, price_unit: toDecimal(amount), name }, tax),
    ];
  };
  for (const c of d.charges) lines.push(chargeLine(c.kind, c.amount, CHARGE_PRODUCTS[c.kind].name, c.tax));
  const notes: string[] = [];
  const closing = closingLineOf(d, ctx.rounding);
  if (closing) {
    const amount = money(closing.amountMinor, d.currency);
    const text =
      closing.reason === 'rounding'
        ? `Rounding: Odoo's tax rounding (${ctx.rounding}) differs from Temu's by ${toDecimal(amount)} ${amount.currency}; a line closes it to what the buyer paid`
        : `Adjustment: Temu's amounts do not add up to what the buyer paid the way Odoo computes them; a line of ${toDecimal(amount)} ${amount.currency} closes the difference (check the order on Temu)`;
    lines.push(chargeLine('rounding', amount, text, { kind: 'none' }));
    notes.push(text);
  }
  const note = [d.note, ...notes].filter((s) => s && s.trim() !== '').join('\n');
  return {
    partner_id: d.partnerId,
    partner_invoice_id: d.partnerId,
    partner_shipping_id: d.deliveryPartnerId,
    client_order_ref: d.orderRef,
    origin: `${d.shopId}:${d.orderRef}`,
    ...(note ? { note } : {}),
    ...(ctx.pricelistId ? { pricelist_id: ctx.pricelistId } : {}),
    order_line: lines,
  };
}

function rateOf(r: SaleTaxRequest): number | null {
  if (r.kind === 'none') return 0;
  if (r.kind === 'named') return r.ratePercent;
  if (r.kind === 'dedicated') return r.tax.ratePercent;
  return null;
}

/** The closing line for an order priced from the marketplace's amounts, or null. */
function closingLineOf(d: ErpOrderDraft, mode: TaxRoundingMode) {
  if (d.expectedTotal === null) return null;
  const amounts: TaxedAmount[] = [];
  for (const l of d.lines) {
    const rate = rateOf(l.tax);
    if (rate === null || l.unitPrice === null) return null; // Odoo's defaults: the total is Odoo's.
    amounts.push({
      subtotalMinor: l.unitPrice.amountMinor * l.quantity,
      ratePercent: rate,
      taxKey: taxRequestKey(l.tax),
    });
  }
  for (const c of d.charges) {
    const rate = rateOf(c.tax);
    if (rate === null) return null;
    amounts.push({ subtotalMinor: c.amount.amountMinor, ratePercent: rate, taxKey: taxRequestKey(c.tax) });
  }
  return closingLine(amounts, mode, d.expectedTotal.amountMinor);
}
