/**
 * Stock quantities of a product (docs/odoo-api.md §2.8): `qty_available`, `free_qty`, `incoming_qty`,
 * `outgoing_qty`, `virtual_available`, scoped by the warehouse/location context key of the version.
 */
import type { Env } from '../model-types.js';
import { warehouseContextKeys } from '../version-fields.js';

const OPEN_MOVE_STATES = new Set(['waiting', 'confirmed', 'partially_available', 'assigned']);

function isInternal(env: Env, locationId: unknown): boolean {
  return typeof locationId === 'number' && env.store.get('stock.location', locationId)?.usage === 'internal';
}

/** Ids of the location and all its descendants. */
export function locationTree(env: Env, rootIds: number[]): Set<number> {
  const out = new Set(rootIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const loc of env.store.all('stock.location')) {
      if (!out.has(loc.id) && typeof loc.location_id === 'number' && out.has(loc.location_id)) {
        out.add(loc.id);
        grew = true;
      }
    }
  }
  return out;
}

function resolveRefs(env: Env, model: string, ref: unknown): number[] {
  const refs = Array.isArray(ref) ? ref : [ref];
  const out: number[] = [];
  for (const r of refs) {
    if (typeof r === 'number') out.push(r);
    else if (typeof r === 'string') {
      const needle = r.toLowerCase();
      for (const rec of env.store.all(model)) {
        const name = String(rec.complete_name ?? rec.name ?? '').toLowerCase();
        if (name.includes(needle)) out.push(rec.id);
      }
    }
  }
  return out;
}

/** Internal locations in scope of the context (all internal locations when unscoped). */
export function scopedInternalLocations(env: Env): Set<number> {
  const ctx = env.context;
  let roots: number[] | null = null;
  if (ctx.location !== undefined && ctx.location !== false)
    roots = resolveRefs(env, 'stock.location', ctx.location);
  else {
    const key = warehouseContextKeys(env.major).find((k) => ctx[k] !== undefined && ctx[k] !== false);
    if (key) {
      roots = resolveRefs(env, 'stock.warehouse', ctx[key])
        .map((id) => env.store.get('stock.warehouse', id)?.view_location_id)
        .filter((v): v is number => typeof v === 'number');
    }
  }
  const internal = env.store
    .all('stock.location')
    .filter((l) => l.usage === 'internal')
    .map((l) => l.id);
  if (roots === null) return new Set(internal);
  const tree = locationTree(env, roots);
  return new Set(internal.filter((id) => tree.has(id)));
}

export interface ProductQuantities {
  qty_available: number;
  free_qty: number;
  incoming_qty: number;
  outgoing_qty: number;
  virtual_available: number;
}

export function productQuantity(env: Env, productId: number): ProductQuantities {
  const scope = scopedInternalLocations(env);
  let onHand = 0;
  let reserved = 0;
  for (const q of env.store.all('stock.quant')) {
    if (q.product_id !== productId || !scope.has(Number(q.location_id))) continue;
    onHand += Number(q.quantity ?? 0);
    reserved += Number(q.reserved_quantity ?? 0);
  }
  let incoming = 0;
  let outgoing = 0;
  for (const m of env.store.all('stock.move')) {
    if (m.product_id !== productId || !OPEN_MOVE_STATES.has(String(m.state))) continue;
    const fromIn = scope.has(Number(m.location_id));
    const toIn = scope.has(Number(m.location_dest_id));
    if (fromIn && !toIn) outgoing += Number(m.product_uom_qty ?? 0);
    if (!fromIn && toIn) incoming += Number(m.product_uom_qty ?? 0);
  }
  return {
    qty_available: onHand,
    free_qty: onHand - reserved,
    incoming_qty: incoming,
    outgoing_qty: outgoing,
    virtual_available: onHand + incoming - outgoing,
  };
}

export { isInternal };
