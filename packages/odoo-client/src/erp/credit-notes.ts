import {
  adjustmentRef,
  BadInputError,
  fromDecimal,
  IntegrationError,
  money,
  refundCharges,
  refundClosingMinor,
  toDecimal,
} from '@temu-odoo/core';
import type { CaseRefund, Money, ProductQuantity } from '@temu-odoo/core';
import { m2oId, num, roundQty } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';
import { asWindowAction } from './actions.js';
import { currencyCode, findCaseCreditNotes, SETTLED } from './case-documents.js';
import { CHARGE_PRODUCTS, type ChargeKind, type OdooChargeProducts } from './charge-products.js';

interface InvoiceRow {
  id: number;
  state: string;
  move_type: string;
  payment_state: string;
}

interface LineRow {
  id: number;
  product_id: unknown;
  quantity: number;
  tax_ids?: number[];
}

/**
 * Credit note for a case (docs/odoo-api.md §2.7 and "Returns and refunds"): `account.move.reversal` on
 * the order's posted invoice (16: `refund_method` + `reverse_moves`; 17+: `refund_moves`), which
 * copies every invoice line into a draft; the draft is cut to the refunded quantities
 * (`[1, id, {quantity}]`, `[2, id, 0]` for the rest, as fixtures credit_note_refund), posted, and paid
 * out with `account.payment.register` (outbound). The case number is in the reversal reason, so it
 * lands in the credit note's `ref`: every step is found again and skipped when done.
 * With the marketplace's refund, the shipping and discount lines are set to its shares and an
 * untaxed closing line takes Odoo's tax-rounding difference, so the note equals the refund.
 */
export async function creditAndRefund(
  conn: OdooConnection,
  charges: OdooChargeProducts,
  orderId: number,
  caseRef: string,
  lines: ProductQuantity[],
  refund: CaseRefund | null = null,
): Promise<{ creditNoteId: number; amount: Money }> {
  await conn.connect();
  const wanted = wantedByProduct(caseRef, lines);
  let [note] = await findCaseCreditNotes(conn, orderId, caseRef);
  if (!note) {
    const invoiceId = await postedPaidInvoice(conn, orderId, caseRef);
    await checkInvoiced(conn, invoiceId, caseRef, wanted);
    const ctx = { active_model: 'account.move', active_ids: [invoiceId] };
    const method = conn.dialect.creditNoteMethod;
    // 16 asks for the method on the wizard; 17+ refuse the field (fixtures credit_note_refund).
    const v16 = method === 'reverse_moves';
    const [wizardId] = await conn.create(
      'account.move.reversal',
      [{ reason: `after-sales ${caseRef}`, ...(v16 ? { refund_method: 'refund' } : {}) }],
      ctx,
    );
    const action = asWindowAction(await conn.action('account.move.reversal', method, [wizardId!], ctx));
    if (!action?.res_id)
      throw new IntegrationError(`Odoo created no credit note for invoice ${invoiceId} (case ${caseRef})`, {
        kind: 'business',
        code: 'ERR_ODOO_CREDIT_NOTE_NOT_CREATED',
      });
    [note] = await findCaseCreditNotes(conn, orderId, caseRef);
    if (!note)
      throw new IntegrationError(`credit note ${action.res_id} does not carry case ${caseRef} in its ref`, {
        kind: 'business',
        code: 'ERR_ODOO_CREDIT_NOTE_REF',
      });
  }
  if (note.state === 'draft') {
    const chargeIds = await charges.ids();
    await cutToRefunded(conn, note.id, caseRef, wanted, chargeIds, refund);
    if (refund) await closeToRefund(conn, note.id, caseRef, refund, chargeIds);
    await conn.action('account.move', 'action_post', [note.id]);
  }
  const [posted] = await conn.read<{ payment_state: string; amount_total: number; currency_id: unknown }>(
    'account.move',
    [note.id],
    ['payment_state', 'amount_total', 'currency_id'],
  );
  if (!SETTLED.has(posted?.payment_state ?? '')) {
    const ctx = { active_model: 'account.move', active_ids: [note.id] };
    const clearing = await clearingPaidInto(conn, orderId);
    const vals = clearing
      ? { journal_id: clearing.journalId, communication: adjustmentRef('refund', '', clearing.orderRef) }
      : {};
    const [registerId] = await conn.create('account.payment.register', [vals], ctx);
    await conn.action('account.payment.register', 'action_create_payments', [registerId!], ctx);
  }
  return {
    creditNoteId: note.id,
    amount: fromDecimal(num(posted?.amount_total), currencyCode(posted?.currency_id)),
  };
}

/**
 * The journal the order's invoice was paid into when that was a marketplace clearing journal: the
 * settlement pays there under the order reference as memo (invoicing.ts), so the payment's entry
 * carries it as `ref` in a bank-type journal. The marketplace refunds the buyer and deducts it from
 * the payout, so the credit note is paid out of the same journal, under the memo a statement's
 * refund row is booked under (`REFUND-<order>`): the payout's refund row then matches that item
 * instead of paying the note a second time (docs/odoo-api.md "Returns and refunds").
 */
async function clearingPaidInto(
  conn: OdooConnection,
  orderId: number,
): Promise<{ journalId: number; orderRef: string } | null> {
  const [order] = await conn.read<{ client_order_ref: string | false }>(
    'sale.order',
    [orderId],
    ['client_order_ref'],
  );
  const orderRef = order?.client_order_ref;
  if (!orderRef) return null;
  const entries = await conn.searchRead<{ journal_id: [number, string] | false }>(
    'account.move',
    [
      ['ref', '=', orderRef],
      ['move_type', '=', 'entry'],
      ['state', '=', 'posted'],
    ],
    ['journal_id'],
    { order: 'id asc' },
  );
  const journalIds = [...new Set(entries.map((e) => m2oId(e.journal_id)).filter((id): id is number => !!id))];
  if (journalIds.length === 0) return null;
  const journals = await conn.read<{ id: number; type: string }>('account.journal', journalIds, ['type']);
  const bank = journals.find((j) => j.type === 'bank' || j.type === 'cash');
  return bank ? { journalId: bank.id, orderRef } : null;
}

function wantedByProduct(caseRef: string, lines: ProductQuantity[]): Map<number, number> {
  const wanted = new Map<number, number>();
  for (const l of lines) {
    if (!(l.productId > 0) || !Number.isFinite(l.quantity) || l.quantity <= 0)
      throw new BadInputError(
        `case ${caseRef}: credit line for product ${l.productId} needs a quantity > 0, got ${l.quantity}`,
        'ERR_ODOO_CREDIT_QTY',
      );
    wanted.set(l.productId, roundQty((wanted.get(l.productId) ?? 0) + l.quantity));
  }
  if (wanted.size === 0)
    throw new BadInputError(`case ${caseRef}: nothing to credit`, 'ERR_ODOO_CREDIT_EMPTY');
  return wanted;
}

/** The order's posted customer invoice; a refund needs it paid (money that came in goes back out). */
async function postedPaidInvoice(conn: OdooConnection, orderId: number, caseRef: string): Promise<number> {
  const [order] = await conn.read<{ invoice_ids: number[] }>('sale.order', [orderId], ['invoice_ids']);
  const invoices = (
    await conn.read<InvoiceRow>('account.move', order?.invoice_ids ?? [], [
      'state',
      'move_type',
      'payment_state',
    ])
  ).filter((m) => m.move_type === 'out_invoice' && m.state === 'posted');
  const paid = invoices.find((m) => SETTLED.has(m.payment_state));
  if (!paid)
    throw new BadInputError(
      `case ${caseRef}: sale.order ${orderId} has no posted, paid invoice to credit (${invoices.length} posted)`,
      'ERR_ODOO_INVOICE_NOT_PAID',
    );
  return paid.id;
}

/** Refuses to credit more than the invoice billed, before anything is written. */
async function checkInvoiced(
  conn: OdooConnection,
  invoiceId: number,
  caseRef: string,
  wanted: Map<number, number>,
): Promise<void> {
  const billed = new Map<number, number>();
  for (const l of await productLines(conn, invoiceId)) {
    const id = m2oId(l.product_id) ?? 0;
    billed.set(id, roundQty((billed.get(id) ?? 0) + num(l.quantity)));
  }
  for (const [productId, qty] of wanted) {
    if (qty > (billed.get(productId) ?? 0))
      throw new BadInputError(
        `case ${caseRef}: crediting ${qty} of product ${productId} but invoice ${invoiceId} billed ${billed.get(productId) ?? 0}`,
        'ERR_ODOO_CREDIT_TOO_MUCH',
      );
  }
}

function productLines(conn: OdooConnection, moveId: number): Promise<LineRow[]> {
  return conn.searchRead<LineRow>(
    'account.move.line',
    [
      ['move_id', '=', moveId],
      ['display_type', '=', 'product'],
    ],
    ['product_id', 'quantity', 'tax_ids'],
    { order: 'id asc' },
  );
}

/** A new untaxed line on a charge product (a share the invoice had no line for, or the closing line). */
function chargeLineVals(productId: number, kind: ChargeKind, amount: Money, name?: string) {
  return {
    product_id: productId,
    name: name ?? CHARGE_PRODUCTS[kind].name,
    quantity: 1,
    price_unit: toDecimal(amount),
    tax_ids: [[6, 0, []]],
  };
}

/**
 * Absolute quantities and prices per line, so a repeated cut after a crash gives the same draft.
 * Goods lines keep the refunded quantities; the shipping and discount lines take the refund's
 * shares (removed without a refund, or when the share is zero); the invoice's closing lines go
 * (a new one is worked out for the note itself).
 */
async function cutToRefunded(
  conn: OdooConnection,
  noteId: number,
  caseRef: string,
  wanted: Map<number, number>,
  chargeIds: Map<ChargeKind, number>,
  refund: CaseRefund | null,
): Promise<void> {
  const left = new Map(wanted);
  const kindOf = new Map([...chargeIds].map(([kind, id]) => [id, kind]));
  const shares = new Map((refund ? refundCharges(refund) : []).map((c) => [c.kind as ChargeKind, c.amount]));
  const commands: unknown[] = [];
  for (const l of await productLines(conn, noteId)) {
    const productId = m2oId(l.product_id) ?? 0;
    const kind = kindOf.get(productId);
    if (kind !== undefined) {
      const share = shares.get(kind);
      if (share) {
        commands.push([1, l.id, { quantity: 1, price_unit: toDecimal(share) }]);
        shares.delete(kind); // a second line of the same kind goes
      } else commands.push([2, l.id, 0]);
      continue;
    }
    const take = Math.min(left.get(productId) ?? 0, num(l.quantity));
    if (take > 0) {
      if (take !== num(l.quantity)) commands.push([1, l.id, { quantity: take }]);
      left.set(productId, roundQty((left.get(productId) ?? 0) - take));
    } else commands.push([2, l.id, 0]);
  }
  const missing = [...left].find(([, q]) => q > 0);
  if (missing)
    throw new BadInputError(
      `case ${caseRef}: credit note ${noteId} lacks ${missing[1]} of product ${missing[0]}`,
      'ERR_ODOO_CREDIT_TOO_MUCH',
    );
  for (const [kind, amount] of shares) {
    const productId = chargeIds.get(kind);
    if (productId === undefined) throw new Error(`no Odoo product for the ${kind} line`);
    commands.push([0, 0, chargeLineVals(productId, kind, amount)]);
  }
  if (commands.length > 0) await conn.write('account.move', [noteId], { invoice_line_ids: commands });
}

/**
 * Odoo's total of the cut note against the refund (core's `refundClosingMinor`): a rounding
 * difference becomes an untaxed closing line, a larger one refuses before posting.
 */
async function closeToRefund(
  conn: OdooConnection,
  noteId: number,
  caseRef: string,
  refund: CaseRefund,
  chargeIds: Map<ChargeKind, number>,
): Promise<void> {
  const [note] = await conn.read<{ amount_total: number; currency_id: unknown }>(
    'account.move',
    [noteId],
    ['amount_total', 'currency_id'],
  );
  const currency = currencyCode(note?.currency_id);
  const taxed = (await productLines(conn, noteId)).filter((l) => (l.tax_ids ?? []).length > 0).length;
  const close = refundClosingMinor(caseRef, refund, fromDecimal(num(note?.amount_total), currency), taxed);
  if (close === 0) return;
  const productId = chargeIds.get('rounding');
  if (productId === undefined) throw new Error('no Odoo product for the closing line');
  const amount = money(close, currency);
  await conn.write('account.move', [noteId], {
    invoice_line_ids: [
      [
        0,
        0,
        chargeLineVals(
          productId,
          'rounding',
          amount,
          `Rounding: Temu refunded ${toDecimal(refund.total)} ${currency}`,
        ),
      ],
    ],
  });
}
