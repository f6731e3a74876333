/**
 * `account.move.reversal`: credit note of a posted invoice (docs/odoo-api.md §2.7, fixtures
 * credit_note_refund). 16 chooses with `refund_method` and confirms with `reverse_moves`; 17+ have
 * no `refund_method` (create with it → ValueError "Invalid field") and confirm with `refund_moves`.
 * The draft credit note copies every invoice line (with `sale_line_ids`), ref "Reversal of: <invoice>,
 * <reason>", `reversed_entry_id` set.
 */
import { userError } from '../errors.js';
import type { Env, ModelDef, Rec } from '../model-types.js';
import { create } from '../orm/write.js';
import { formatDate } from '../clock.js';
import { invoiceLines, residual } from '../account/invoice-amounts.js';
import { nextMoveName } from '../account/move-names.js';
import { char, date, m2m, m2o, money, selection } from './fields.js';

function wizardMoves(env: Env, wizard: Rec): Rec[] {
  return ((wizard.move_ids as number[]) ?? [])
    .map((id) => env.store.get('account.move', id))
    .filter((m): m is Rec => Boolean(m));
}

function reverse(env: Env, wizard: Rec): number[] {
  const reason = typeof wizard.reason === 'string' && wizard.reason ? wizard.reason : false;
  return wizardMoves(env, wizard).map((inv) => {
    if (inv.state !== 'posted') throw userError('You can only reverse posted moves.');
    const ref = reason ? `Reversal of: ${String(inv.name)}, ${reason}` : `Reversal of: ${String(inv.name)}`;
    const [id] = create(env, 'account.move', [
      {
        // 17 names a draft at creation (as invoices); 16 shows "/", 18+ false until posted.
        name: env.major === 17 ? nextMoveName(env, 1, 'RINV') : env.major <= 16 ? '/' : false,
        move_type: 'out_refund',
        partner_id: inv.partner_id,
        partner_shipping_id: inv.partner_shipping_id ?? false,
        invoice_origin: inv.invoice_origin ?? false,
        ref,
        currency_id: inv.currency_id,
        journal_id: wizard.journal_id ?? inv.journal_id ?? 1,
        reversed_entry_id: inv.id,
        date: wizard.date ?? formatDate(env.now),
        invoice_line_ids: invoiceLines(env, inv).map((l) => [
          0,
          0,
          {
            product_id: l.product_id,
            name: l.name,
            quantity: l.quantity,
            price_unit: l.price_unit,
            discount: l.discount ?? 0,
            tax_ids: [[6, 0, (l.tax_ids as number[]) ?? []]],
            sale_line_ids: [[6, 0, (l.sale_line_ids as number[]) ?? []]],
          },
        ]),
      },
    ]);
    return id!;
  });
}

function reverseAction(env: Env, ids: number[]) {
  return {
    name: 'Reverse Moves',
    type: 'ir.actions.act_window',
    res_model: 'account.move',
    view_mode: 'form',
    res_id: ids[0],
    context: { default_move_type: 'out_refund' },
  };
}

export const accountMoveReversal: ModelDef = {
  name: 'account.move.reversal',
  description: 'Account Move Reversal',
  order: 'id',
  fields: {
    move_ids: m2m('Move', 'account.move', {
      default: (env) =>
        env.context.active_model === 'account.move'
          ? [[6, 0, (env.context.active_ids as number[]) ?? []]]
          : undefined,
    }),
    date: date('Reversal date', { default: (env) => formatDate(env.now) }),
    reason: char('Reason'),
    journal_id: m2o('Use Specific Journal', 'account.journal'),
    refund_method: selection('Credit Method', ['refund', 'cancel', 'modify'], {
      max: 16,
      default: () => 'refund',
    }),
    move_type: char('Move Type', {
      compute: (env, w) => wizardMoves(env, w)[0]?.move_type ?? false,
    }),
    residual: money('Residual', {
      compute: (env, w) => wizardMoves(env, w).reduce((s, m) => s + residual(env, m), 0),
    }),
  },
  methods: {
    refund_moves: ({ env, ids }) => {
      const wizard = env.store.get('account.move.reversal', ids[0] ?? 0);
      return wizard ? reverseAction(env, reverse(env, wizard)) : true;
    },
    reverse_moves: ({ env, ids }) => {
      const wizard = env.store.get('account.move.reversal', ids[0] ?? 0);
      if (!wizard) return true;
      if (wizard.refund_method !== 'refund')
        throw userError(
          `The sandbox only models refund_method 'refund', got '${String(wizard.refund_method)}'.`,
        );
      return reverseAction(env, reverse(env, wizard));
    },
  },
  methodVersions: { refund_moves: { min: 17 }, reverse_moves: { max: 16 } },
};
