import { wholeSeconds } from '../clock.js';
/**
 * `stock.picking.button_validate` (docs/odoo-api.md §2.5, fixtures order_confirm_deliver and
 * order_partial_delivery): immediate-transfer wizard (16), backorder wizard or context
 * `skip_backorder`/`picking_ids_not_to_backorder`, the stock_sms confirmation wizard (skipped with
 * context `skip_sms`), then moves done, quants moved and a backorder created when asked.
 */
import { userError } from '../errors.js';
import type { Env, Rec } from '../model-types.js';
import { create, setValues } from '../orm/write.js';
import { backorderWizardAction, immediateTransferAction, smsWizardAction } from './actions.js';
import { cancelMove, doneMove, doneQuantity, reserveMove } from './move-ops.js';
import { movesOf, nextPickingName, pickingState } from './picking-ops.js';

const NOTHING_RESERVED =
  'You cannot validate a transfer if no quantities are reserved. To force the transfer, encode quantities.';

const open = (m: Rec) => m.state !== 'done' && m.state !== 'cancel';

function needsBackorder(env: Env, picking: Rec): boolean {
  return movesOf(env, picking)
    .filter(open)
    .some((m) => doneQuantity(env, m) < Number(m.product_uom_qty ?? 0));
}

function wantsSms(env: Env, picking: Rec): boolean {
  if (env.context.skip_sms || env.store.flags.has_received_warning_stock_sms) return false;
  const type = env.store.get('stock.picking.type', Number(picking.picking_type_id));
  const partner =
    typeof picking.partner_id === 'number' ? env.store.get('res.partner', picking.partner_id) : undefined;
  return type?.code === 'outgoing' && Boolean(partner?.phone || partner?.mobile);
}

export function buttonValidate(env: Env, ids: number[]): unknown {
  let pickings = ids.map((id) => env.store.get('stock.picking', id)).filter((p): p is Rec => Boolean(p));
  // 18+ silently skips pickings already done; 17 (and 16) complain (fixtures errors.json).
  if (env.major <= 17 && pickings.some((p) => pickingState(env, p) === 'done'))
    throw userError(NOTHING_RESERVED);
  pickings = pickings.filter((p) => !['done', 'cancel'].includes(pickingState(env, p)));
  if (pickings.length === 0) return true;

  for (const p of pickings) {
    const moves = movesOf(env, p).filter(open);
    if (pickingState(env, p) === 'draft') {
      for (const m of moves) {
        setValues(env, 'stock.move', m, { state: 'confirmed' });
        reserveMove(env, m);
      }
    }
    if (env.major >= 17) {
      if (!moves.some((m) => Number(m.quantity ?? 0) > 0)) throw userError(NOTHING_RESERVED);
      if (!moves.some((m) => m.picked))
        for (const m of moves) setValues(env, 'stock.move', m, { picked: true });
    }
  }
  if (env.major <= 16) {
    const nothingDone = pickings.filter((p) =>
      movesOf(env, p)
        .filter(open)
        .every((m) => Number(m.quantity_done ?? 0) === 0),
    );
    if (nothingDone.length > 0) {
      if (!env.context.skip_immediate)
        return immediateTransferAction(
          env,
          nothingDone.map((p) => p.id),
          env.context,
        );
      for (const p of nothingDone) {
        for (const m of movesOf(env, p).filter(open))
          setValues(env, 'stock.move', m, { quantity_done: Number(m._reserved ?? 0) });
      }
    }
  }

  const notToBackorder = new Set((env.context.picking_ids_not_to_backorder as number[] | undefined) ?? []);
  const partial = pickings.filter((p) => needsBackorder(env, p));
  const ask = partial.filter((p) => !notToBackorder.has(p.id));
  if (ask.length > 0 && !env.context.skip_backorder) {
    return backorderWizardAction(
      env,
      pickings.map((p) => p.id),
      env.context,
    );
  }
  const sms = pickings.filter((p) => wantsSms(env, p));
  if (sms.length > 0) {
    const [wizardId] = create(env, 'confirm.stock.sms', [{ pick_ids: [[6, 0, sms.map((p) => p.id)]] }]);
    return smsWizardAction(
      env,
      wizardId!,
      pickings.map((p) => p.id),
      {},
    );
  }

  for (const p of pickings) validateOne(env, p, partial.includes(p) && !notToBackorder.has(p.id));
  return true;
}

function validateOne(env: Env, picking: Rec, withBackorder: boolean): void {
  const remaining: Array<{ move: Rec; qty: number }> = [];
  for (const m of movesOf(env, picking).filter(open)) {
    const done = doneQuantity(env, m);
    const demand = Number(m.product_uom_qty ?? 0);
    if (done <= 0) {
      if (withBackorder) remaining.push({ move: m, qty: demand });
      else cancelMove(env, m); // nothing done and no backorder: the move is cancelled
      continue;
    }
    if (done < demand && withBackorder) {
      remaining.push({ move: m, qty: demand - done });
      setValues(env, 'stock.move', m, { product_uom_qty: done });
    }
    doneMove(env, m, done);
  }
  setValues(env, 'stock.picking', picking, { date_done: wholeSeconds(env.now) });
  if (remaining.length === 0) return;
  const [boId] = create(env, 'stock.picking', [
    {
      name: nextPickingName(env, Number(picking.picking_type_id)),
      picking_type_id: picking.picking_type_id,
      location_id: picking.location_id,
      location_dest_id: picking.location_dest_id,
      partner_id: picking.partner_id,
      origin: picking.origin,
      sale_id: picking.sale_id,
      scheduled_date: picking.scheduled_date,
      backorder_id: picking.id,
    },
  ]);
  for (const { move, qty } of remaining) {
    const untouched = Number(move.product_uom_qty ?? 0) === qty && move.state !== 'done';
    if (untouched) {
      // a move with nothing done goes to the backorder as it is (keeps its reservation)
      setValues(env, 'stock.move', move, { picking_id: boId, picked: false });
      continue;
    }
    const [newId] = create(env, 'stock.move', [
      {
        name: move.name,
        product_id: move.product_id,
        product_uom_qty: qty,
        product_uom: move.product_uom,
        location_id: move.location_id,
        location_dest_id: move.location_dest_id,
        picking_id: boId,
        sale_line_id: move.sale_line_id,
        partner_id: move.partner_id,
        origin: move.origin,
        state: 'confirmed',
      },
    ]);
    reserveMove(env, env.store.get('stock.move', newId!)!);
  }
}
