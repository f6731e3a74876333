import type { SandboxState } from '../state.js';
import { buyerAddress } from './address.js';
import type { ChildOrder, ParentOrder } from './model.js';
import { currentQuantity } from './order-status.js';

/** Thrown when a lifecycle move does not fit the order's state (control API answers 409). */
export class TransitionError extends Error {
  readonly status = 409;
}

function pick(parent: ParentOrder, orderSns: string[] | undefined): ChildOrder[] {
  if (!orderSns || orderSns.length === 0) return parent.children;
  return orderSns.map((sn) => {
    const child = parent.children.find((c) => c.orderSn === sn);
    if (!child) throw new TransitionError(`order ${sn} does not belong to ${parent.parentOrderSn}`);
    return child;
  });
}

/**
 * Cancels `quantity` units (default: all open units) of each line before shipment; a line with no
 * units left becomes canceled (3). Stock goes back to the SKU, as Temu releases the reservation.
 */
export function cancelLines(
  state: SandboxState,
  parent: ParentOrder,
  lines: { orderSn: string; quantity?: number }[] | undefined,
): ChildOrder[] {
  const targets: { orderSn: string; quantity?: number }[] =
    lines ?? parent.children.map((c) => ({ orderSn: c.orderSn }));
  const changed: ChildOrder[] = [];
  for (const { orderSn, quantity } of targets) {
    const child = pick(parent, [orderSn])[0]!;
    if (child.status !== 1 && child.status !== 2) continue;
    const open = currentQuantity(child) - child.shippedQuantity;
    const q = Math.min(quantity ?? open, open);
    if (q <= 0) continue;
    child.canceledQuantity += q;
    if (currentQuantity(child) === 0) child.status = 3;
    const sku = state.sku(child.skuId);
    if (sku) sku.stock += q;
    changed.push(child);
  }
  if (changed.length === 0) throw new TransitionError(`${parent.parentOrderSn} has no open line to cancel`);
  state.touch(parent, changed);
  return changed;
}

export function confirmPending(state: SandboxState, parent: ParentOrder): ChildOrder[] {
  const changed = parent.children.filter((c) => c.status === 1);
  if (changed.length === 0) throw new TransitionError(`${parent.parentOrderSn} is not pending`);
  for (const child of changed) child.status = 2;
  parent.pendingFinishAtMs = Date.now();
  state.touch(parent, changed);
  return changed;
}

export function deliverLines(state: SandboxState, parent: ParentOrder, orderSns?: string[]): ChildOrder[] {
  const changed = pick(parent, orderSns).filter((c) => c.status === 4);
  if (changed.length === 0)
    throw new TransitionError(`${parent.parentOrderSn} has no shipped line to deliver`);
  for (const child of changed) child.status = 5;
  state.touch(parent, changed);
  return changed;
}

/** The buyer's confirmed address change (docs/temu-api.md §8.3 CONFIRMED_CHANGED_ADDRESS, webhook docs/temu-api.md §14.3). */
export function changeAddress(state: SandboxState, parent: ParentOrder): void {
  if (![1, 2, 41].includes(parent.status)) {
    throw new TransitionError(`${parent.parentOrderSn} cannot change address in status ${parent.status}`);
  }
  parent.address = buyerAddress(`${parent.parentOrderSn}-moved-${state.nextSeq()}`, state.region);
  parent.fulfillmentWarnings.add('CONFIRMED_CHANGED_ADDRESS');
  parent.labels.delete('pending_buyer_address_change');
  state.touch(parent, [], 'address');
}
