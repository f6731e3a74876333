import { BadInputError, toDecimal, type ErpOrderDraft } from '@temu-odoo/core';
import type { OdooDialect } from '../version.js';
import { rateKey, type OdooSaleTax } from './taxes.js';

export interface OrderValsContext {
  dialect: OdooDialect;
  /** rateKey(fraction) → Odoo tax. */
  taxes: Map<string, OdooSaleTax>;
  /** Pricelist giving the order its currency when it differs from the company's (§2.3). */
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
 * ErpOrderDraft → `sale.order` create vals (pure). Keyed by `client_order_ref` (§3.1); explicit
 * `price_unit` is kept by Odoo at create (§2.3); marketplace taxes forced with `[[6,0,ids]]` on the
 * version's tax field (`tax_id`/`tax_ids`); a rate of 0 forces no tax; an unknown rate keeps Odoo's
 * default taxes and says so in the note.
 */
export function saleOrderVals(d: ErpOrderDraft, ctx: OrderValsContext): Record<string, unknown> {
  const taxField = ctx.dialect.saleLineTaxField;
  const warnings: string[] = [];
  const lines = d.lines.map((l) => {
    const vals: Record<string, unknown> = {
      product_id: l.productId,
      product_uom_qty: l.quantity,
      name: `[${l.sku}] ${l.title}`.trim(),
    };
    if (l.unitPrice) vals.price_unit = toDecimal(l.unitPrice);
    if (l.taxRate !== null && l.taxRate !== undefined) {
      if (l.taxRate === 0) vals[taxField] = [[6, 0, []]];
      else {
        const tax = ctx.taxes.get(rateKey(l.taxRate));
        if (tax) vals[taxField] = [[6, 0, [tax.id]]];
        else
          warnings.push(
            `no Odoo sale tax of ${(l.taxRate * 100).toFixed(2)}% for ${l.sku}: default taxes applied`,
          );
      }
    }
    return [0, 0, vals];
  });
  const note = [d.note, ...warnings].filter((s) => s && s.trim() !== '').join('\n');
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
