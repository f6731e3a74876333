import type { ErpPort } from '@temu-odoo/core';

/** The ERP calls that change Odoo; reads go through unchecked. */
const WRITES = new Set<keyof ErpPort>([
  'findOrCreateCustomers',
  'createOrders',
  'confirmOrders',
  'updateLineQuantities',
  'cancelOrder',
  'updateOrderCustomer',
  'validateDelivery',
  'invoiceAndRegisterPayment',
  'createReturn',
]);

/**
 * The ERP as seen by a writer holding order locks: every write first proves the locks are still
 * held (`assertHeld` throws otherwise). A worker that stalled past its lock's expiry therefore stops
 * at its next Odoo write instead of racing the worker that took the lock over. Odoo has no fencing
 * token, so a write already on the wire when the lock expires still lands; the check before each
 * write narrows that window to one Odoo call.
 */
export function erpWhileLocked(erp: ErpPort, assertHeld: () => Promise<void>): ErpPort {
  return new Proxy(erp, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!WRITES.has(name as keyof ErpPort)) return method.bind(target);
      return async (...args: unknown[]) => {
        await assertHeld();
        return method.apply(target, args);
      };
    },
  });
}
