import { IntegrationError } from '@temu-odoo/core';
import type { OdooConnection } from '../odoo-connection.js';

interface MoveRow {
  id: number;
  move_type: string;
  state: string;
  payment_state: string;
}

const SETTLED = new Set(['paid', 'in_payment', 'reversed']);

/**
 * Invoice → post → pay, through public wizards only (docs/odoo-api.md §2.6): `sale.advance.payment.inv`
 * (`delivered`) + `create_invoices`, `account.move.action_post`, `account.payment.register` +
 * `action_create_payments` (creates, posts and reconciles the payment). Each step is skipped when
 * already done, so a retry after a crash finishes the job without a second invoice or payment.
 */
export async function invoiceAndRegisterPayment(
  conn: OdooConnection,
  orderId: number,
  journalId?: number,
): Promise<{ invoiceId: number }> {
  const [order] = await conn.read<{
    id: number;
    invoice_status: string;
    invoice_ids: number[];
    client_order_ref: string | false;
  }>('sale.order', [orderId], ['invoice_status', 'invoice_ids', 'client_order_ref']);
  if (!order)
    throw new IntegrationError(`sale.order ${orderId} does not exist in Odoo`, {
      kind: 'business',
      code: 'ERR_ODOO_MISSING_RECORD',
    });
  let invoiceIds = order.invoice_ids;
  if (order.invoice_status === 'to invoice') {
    const ctx = { active_model: 'sale.order', active_ids: [orderId], active_id: orderId };
    const [wizardId] = await conn.create(
      'sale.advance.payment.inv',
      [{ advance_payment_method: 'delivered' }],
      ctx,
    );
    await conn.action('sale.advance.payment.inv', 'create_invoices', [wizardId!], ctx);
    // The wizard's answer differs by version (16: close action, 17+: invoices action): re-read (docs/odoo-api.md §2.6).
    const [again] = await conn.read<{ invoice_ids: number[] }>('sale.order', [orderId], ['invoice_ids']);
    invoiceIds = again?.invoice_ids ?? [];
  }
  const moves = await conn.read<MoveRow>('account.move', invoiceIds, ['move_type', 'state', 'payment_state']);
  const invoices = moves
    .filter((m) => m.move_type === 'out_invoice' && m.state !== 'cancel')
    .sort((a, b) => a.id - b.id);
  if (invoices.length === 0) {
    throw new IntegrationError(
      `sale.order ${orderId} has nothing to invoice (invoice policy "delivered quantities" and nothing delivered yet?)`,
      {
        kind: 'business',
        code: 'ERR_ODOO_NOTHING_TO_INVOICE',
      },
    );
  }
  // Into a clearing journal the payment's memo is the order reference: payouts find it by that.
  const memo = journalId !== undefined && order.client_order_ref ? order.client_order_ref : undefined;
  await postAndPay(conn, invoices, journalId, memo);
  return { invoiceId: invoices[invoices.length - 1]!.id };
}

/**
 * Posts the drafts among `moves` and pays what is still open with one `account.payment.register`
 * (customer invoices in, vendor bills out: the wizard picks the direction). `journalId` is the
 * journal the payment goes to; the wizard's default (the first bank journal) when absent.
 */
export async function postAndPay(
  conn: OdooConnection,
  moves: Array<Pick<MoveRow, 'id' | 'state' | 'payment_state'>>,
  journalId?: number,
  memo?: string,
): Promise<void> {
  const drafts = moves.filter((m) => m.state === 'draft').map((m) => m.id);
  if (drafts.length > 0) await conn.action('account.move', 'action_post', drafts);
  const unpaid = moves.filter((m) => m.state === 'draft' || !SETTLED.has(m.payment_state)).map((m) => m.id);
  if (unpaid.length === 0) return;
  const ctx = { active_model: 'account.move', active_ids: unpaid };
  const [registerId] = await conn.create(
    'account.payment.register',
    [
      {
        ...(journalId === undefined ? {} : { journal_id: journalId }),
        ...(memo === undefined ? {} : { communication: memo }),
      },
    ],
    ctx,
  );
  await conn.action('account.payment.register', 'action_create_payments', [registerId!], ctx);
}
