import { wholeSeconds } from '../clock.js';
/**
 * Reservation and completion of stock moves. 17+ keeps the reserved/done quantity in
 * `stock.move.quantity` (+ `picked`); 16 has `reserved_availability` and `quantity_done`
 * (docs/odoo-api.md §2.5). Internally `_reserved` is what the move holds on the source quant.
 */
import type { Env, Rec } from '../model-types.js';
import { create, setValues, unlink } from '../orm/write.js';
import { changeOnHand, changeReserved, freeAt, needsReservation } from './quant-ops.js';
import { isStorable } from '../models/product.model.js';

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export function productOf(env: Env, move: Rec): Rec | undefined {
  return typeof move.product_id === 'number' ? env.store.get('product.product', move.product_id) : undefined;
}

export function linesOf(env: Env, move: Rec): Rec[] {
  return env.store.all('stock.move.line').filter((l) => l.move_id === move.id);
}

/** Keeps one move line per move carrying its quantity (enough for the flows: no lots/packages). */
function syncLine(env: Env, move: Rec, qty: number, done: boolean): void {
  const lines = linesOf(env, move);
  if (qty <= 0 && !done) {
    if (lines.length)
      unlink(
        env,
        'stock.move.line',
        lines.map((l) => l.id),
      );
    return;
  }
  const vals =
    env.major >= 17
      ? { quantity: qty, picked: done || Boolean(move.picked) }
      : { reserved_uom_qty: done ? 0 : num(move._reserved), qty_done: done ? qty : num(move.quantity_done) };
  const [first, ...rest] = lines;
  if (rest.length)
    unlink(
      env,
      'stock.move.line',
      rest.map((l) => l.id),
    );
  if (first) setValues(env, 'stock.move.line', first, vals);
  else {
    create(env, 'stock.move.line', [
      {
        move_id: move.id,
        picking_id: move.picking_id ?? false,
        product_id: move.product_id,
        location_id: move.location_id,
        location_dest_id: move.location_dest_id,
        product_uom_id: move.product_uom ?? 1,
        ...vals,
      },
    ]);
  }
}

function stateFor(reserved: number, demand: number): string {
  return reserved >= demand ? 'assigned' : reserved > 0 ? 'partially_available' : 'confirmed';
}

/** `_action_assign`: reserve what is free; non-storable products are always available. */
export function reserveMove(env: Env, move: Rec): void {
  if (move.state === 'done' || move.state === 'cancel') return;
  const demand = num(move.product_uom_qty);
  const product = productOf(env, move);
  let held = num(move._reserved);
  let qty: number;
  if (needsReservation(env, product, move.location_id)) {
    const take = Math.max(
      0,
      Math.min(demand - held, freeAt(env, Number(move.product_id), Number(move.location_id))),
    );
    if (take > 0) changeReserved(env, Number(move.product_id), Number(move.location_id), take);
    held += take;
    qty = held;
  } else {
    qty = demand;
  }
  setValues(env, 'stock.move', move, {
    _reserved: held,
    ...(env.major >= 17 ? { quantity: qty } : {}),
    state: stateFor(qty, demand),
  });
  syncLine(env, move, qty, false);
}

/** 17+: writing `stock.move.quantity` moves the reservation with it. */
export function setMoveQuantity(env: Env, move: Rec, qty: number): void {
  const product = productOf(env, move);
  if (move.state !== 'done' && needsReservation(env, product, move.location_id)) {
    const delta = qty - num(move._reserved);
    changeReserved(env, Number(move.product_id), Number(move.location_id), delta);
    setValues(env, 'stock.move', move, { _reserved: qty });
  }
  const state =
    move.state === 'done' || move.state === 'cancel' ? move.state : stateFor(qty, num(move.product_uom_qty));
  setValues(env, 'stock.move', move, { quantity: qty, state });
  syncLine(env, move, qty, move.state === 'done');
}

export function unreserveMove(env: Env, move: Rec): void {
  const held = num(move._reserved);
  if (held > 0) changeReserved(env, Number(move.product_id), Number(move.location_id), -held);
  setValues(env, 'stock.move', move, { _reserved: 0, ...(env.major >= 17 ? { quantity: 0 } : {}) });
  syncLine(env, move, 0, false);
}

export function cancelMove(env: Env, move: Rec): void {
  if (move.state === 'done' || move.state === 'cancel') return;
  unreserveMove(env, move);
  setValues(env, 'stock.move', move, { state: 'cancel' });
}

/** `_action_done` for one move: quants of storable products move from source to destination. */
export function doneMove(env: Env, move: Rec, qty: number): void {
  const held = num(move._reserved);
  const productId = Number(move.product_id);
  if (held > 0) changeReserved(env, productId, Number(move.location_id), -held);
  const product = productOf(env, move);
  if (product && isStorable(env, product)) {
    changeOnHand(env, productId, Number(move.location_id), -qty);
    changeOnHand(env, productId, Number(move.location_dest_id), qty);
  }
  setValues(env, 'stock.move', move, {
    _reserved: 0,
    state: 'done',
    date: wholeSeconds(env.now),
    ...(env.major >= 17 ? { quantity: qty, picked: true } : { quantity_done: qty }),
  });
  syncLine(env, move, qty, true);
}

/** Done quantity the user set: 17+ `quantity` of picked moves, 16 `quantity_done`. */
export function doneQuantity(env: Env, move: Rec): number {
  return env.major >= 17 ? (move.picked ? num(move.quantity) : 0) : num(move.quantity_done);
}
