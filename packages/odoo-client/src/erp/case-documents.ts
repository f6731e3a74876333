import { fromDecimal } from '@temu-odoo/core';
import type { ErpCaseDocuments, ProductQuantity } from '@temu-odoo/core';
import { m2oId, num, roundQty } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';

interface MoveRow {
  picking_id: unknown;
  product_id: unknown;
  product_uom_qty: number;
  state: string;
  [field: string]: unknown;
}

function sumByProduct(rows: Array<{ productId: number; quantity: number }>): ProductQuantity[] {
  const by = new Map<number, number>();
  for (const r of rows) by.set(r.productId, roundQty((by.get(r.productId) ?? 0) + r.quantity));
  return [...by]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => a.productId - b.productId);
}

/**
 * The Odoo documents carrying a case number (docs/odoo-api.md "Returns and refunds"): return pickings
 * (`origin` starts with the case number), scraps (`origin` = the case number) and the credit note
 * (`ref` contains it, `reversed_entry_id` an invoice of the order).
 */
export async function findCaseDocuments(
  conn: OdooConnection,
  orderId: number,
  caseRef: string,
): Promise<ErpCaseDocuments> {
  await conn.connect();
  const d = conn.dialect;
  const pickings = await conn.searchRead<{ id: number; state: string }>(
    'stock.picking',
    [
      ['sale_id', '=', orderId],
      ['picking_type_code', '=', 'incoming'],
      ['origin', '=like', `${caseRef} %`],
      ['state', '!=', 'cancel'],
    ],
    ['id', 'state'],
    { order: 'id asc' },
  );
  let returnTransfer: ErpCaseDocuments['returnTransfer'] = null;
  if (pickings.length > 0) {
    const moves = await conn.searchRead<MoveRow>(
      'stock.move',
      [
        ['picking_id', 'in', pickings.map((p) => p.id)],
        ['state', '!=', 'cancel'],
      ],
      ['picking_id', 'product_id', 'product_uom_qty', 'state', d.moveDoneField],
    );
    const received = pickings.every((p) => p.state === 'done');
    returnTransfer = {
      returnId: pickings[0]!.id,
      received,
      lines: sumByProduct(
        moves.map((m) => ({
          productId: m2oId(m.product_id) ?? 0,
          quantity: received ? num(m[d.moveDoneField]) : num(m.product_uom_qty),
        })),
      ),
    };
  }
  const scraps = await conn.searchRead<{ product_id: unknown; scrap_qty: number }>(
    'stock.scrap',
    [
      ['origin', '=', caseRef],
      ['state', '=', 'done'],
    ],
    ['product_id', 'scrap_qty'],
  );
  const [refund] = await findCaseCreditNotes(conn, orderId, caseRef);
  return {
    returnTransfer,
    scrapped: sumByProduct(
      scraps.map((s) => ({ productId: m2oId(s.product_id) ?? 0, quantity: num(s.scrap_qty) })),
    ),
    creditNote: refund
      ? {
          creditNoteId: refund.id,
          paid: refund.state === 'posted' && SETTLED.has(refund.payment_state),
          amount: fromDecimal(refund.amount_total, currencyCode(refund.currency_id)),
        }
      : null,
  };
}

export const SETTLED = new Set(['paid', 'in_payment', 'reversed']);

export interface CreditNoteRow {
  id: number;
  state: string;
  payment_state: string;
  amount_total: number;
  currency_id: unknown;
  ref: string | false;
}

/** Credit notes of the order's invoices whose `ref` carries the case number (oldest first). */
export async function findCaseCreditNotes(
  conn: OdooConnection,
  orderId: number,
  caseRef: string,
): Promise<CreditNoteRow[]> {
  const [order] = await conn.read<{ invoice_ids: number[] }>('sale.order', [orderId], ['invoice_ids']);
  return conn.searchRead<CreditNoteRow>(
    'account.move',
    [
      ['id', 'in', order?.invoice_ids ?? []],
      ['move_type', '=', 'out_refund'],
      ['state', '!=', 'cancel'],
      ['ref', 'ilike', caseRef],
    ],
    ['state', 'payment_state', 'amount_total', 'currency_id', 'ref'],
    { order: 'id asc' },
  );
}

/** `currency_id` reads `[id, "USD"]` (the display name is the ISO code); XXX (ISO "no currency") otherwise. */
export function currencyCode(value: unknown): string {
  return Array.isArray(value) && typeof value[1] === 'string' ? value[1] : 'XXX';
}
