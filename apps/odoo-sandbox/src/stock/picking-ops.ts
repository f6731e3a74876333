/** Picking helpers: naming, state, creation with moves, reservation, cancellation. */
import type { Env, Rec, Vals } from '../model-types.js';
import { create, setValues } from '../orm/write.js';
import { cancelMove, reserveMove } from './move-ops.js';

export function movesOf(env: Env, picking: Rec): Rec[] {
  return env.store
    .all('stock.move')
    .filter((m) => m.picking_id === picking.id)
    .sort((a, b) => a.id - b.id);
}

/** Picking state from its moves (move_type 'direct'). */
export function pickingState(env: Env, picking: Rec): string {
  const moves = movesOf(env, picking);
  if (moves.length === 0) return typeof picking._state === 'string' ? picking._state : 'draft';
  const states = moves.map((m) => String(m.state));
  if (states.every((s) => s === 'cancel')) return 'cancel';
  if (states.every((s) => s === 'done' || s === 'cancel')) return 'done';
  if (states.some((s) => s === 'draft')) return 'draft';
  if (states.some((s) => s === 'assigned' || s === 'partially_available')) return 'assigned';
  if (states.some((s) => s === 'waiting')) return 'waiting';
  return 'confirmed';
}

/** `WH/OUT/00001`: warehouse code / operation type prefix / 5 digits (never reused). */
export function nextPickingName(env: Env, typeId: number): string {
  const type = env.store.get('stock.picking.type', typeId);
  const wh =
    type && typeof type.warehouse_id === 'number'
      ? env.store.get('stock.warehouse', type.warehouse_id)
      : undefined;
  const n = env.store.nextSequence(`stock.picking.type.${typeId}`);
  return `${String(wh?.code ?? 'WH')}/${String(type?.sequence_code ?? 'TR')}/${String(n).padStart(5, '0')}`;
}

export interface NewPicking {
  typeId: number;
  locationId: number;
  locationDestId: number;
  partnerId: number | false;
  origin: string | false;
  saleId?: number | false;
  extra?: Vals;
  moves: Vals[];
}

/** Creates a confirmed picking with its moves and reserves what is available. */
export function createPicking(env: Env, spec: NewPicking): Rec {
  const [id] = create(env, 'stock.picking', [
    {
      name: nextPickingName(env, spec.typeId),
      picking_type_id: spec.typeId,
      location_id: spec.locationId,
      location_dest_id: spec.locationDestId,
      partner_id: spec.partnerId,
      origin: spec.origin,
      sale_id: spec.saleId ?? false,
      scheduled_date: env.now,
      ...spec.extra,
    },
  ]);
  const picking = env.store.get('stock.picking', id!)!;
  for (const mv of spec.moves) {
    create(env, 'stock.move', [
      {
        location_id: spec.locationId,
        location_dest_id: spec.locationDestId,
        picking_id: picking.id,
        partner_id: spec.partnerId,
        origin: spec.origin,
        state: 'confirmed',
        ...mv,
      },
    ]);
  }
  for (const m of movesOf(env, picking)) reserveMove(env, m);
  return picking;
}

export function cancelPicking(env: Env, picking: Rec): void {
  for (const m of movesOf(env, picking)) cancelMove(env, m);
  setValues(env, 'stock.picking', picking, { _state: 'cancel' });
}
