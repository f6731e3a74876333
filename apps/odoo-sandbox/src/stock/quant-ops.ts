import { wholeSeconds } from '../clock.js';
/**
 * Quant bookkeeping behind moves: on-hand and reserved quantities per (product, location).
 * Like Odoo, quants exist for virtual/customer locations too (their `write_date` moves with every
 * change), which is why clients filter `location_id.usage = internal` (fixtures order_cancel).
 */
import type { Env, Rec } from '../model-types.js';
import { isStorable } from '../models/product.model.js';
import { create, setValues } from '../orm/write.js';
import { isInternal } from './stock-levels.js';

export function findQuant(env: Env, productId: number, locationId: number): Rec | undefined {
  return env.store.all('stock.quant').find((q) => q.product_id === productId && q.location_id === locationId);
}

function quantFor(env: Env, productId: number, locationId: number): Rec {
  const found = findQuant(env, productId, locationId);
  if (found) return found;
  const [id] = create(env, 'stock.quant', [{ product_id: productId, location_id: locationId }]);
  return env.store.get('stock.quant', id!)!;
}

/**
 * Odoo keeps the oldest incoming date of a positive quant: a receipt into an existing lot-less
 * quant leaves its `in_date` alone; only a new, empty or negative quant takes "now"
 * (fixtures stock_scrap_ageing #14 and #27; docs/odoo-api.md "Returns and refunds").
 */
export function changeOnHand(env: Env, productId: number, locationId: number, delta: number): void {
  if (delta === 0) return;
  const q = quantFor(env, productId, locationId);
  const keepsInDate = Number(q.quantity ?? 0) > 0 && typeof q.in_date === 'number';
  setValues(env, 'stock.quant', q, {
    quantity: Number(q.quantity ?? 0) + delta,
    in_date: keepsInDate ? q.in_date : wholeSeconds(env.now),
  });
}

export function changeReserved(env: Env, productId: number, locationId: number, delta: number): void {
  if (delta === 0) return;
  const q = quantFor(env, productId, locationId);
  setValues(env, 'stock.quant', q, {
    reserved_quantity: Math.max(0, Number(q.reserved_quantity ?? 0) + delta),
  });
}

/** Quantity that can still be reserved at an internal location. */
export function freeAt(env: Env, productId: number, locationId: number): number {
  const q = findQuant(env, productId, locationId);
  return q ? Number(q.quantity ?? 0) - Number(q.reserved_quantity ?? 0) : 0;
}

/** Does moving this product out of that location need a reservation? */
export function needsReservation(env: Env, product: Rec | undefined, locationId: unknown): boolean {
  return Boolean(product) && isStorable(env, product!) && isInternal(env, locationId);
}
