import {
  collectedByMarketplace,
  destinationOf,
  type ErpJournalRef,
  type ErpPort,
  type Order,
  type SaleTaxPolicy,
} from '@temu-odoo/core';

/** The partner Temu's fee bills come from (found by name in Odoo, created as a supplier when missing). */
export const FEE_PARTNER_NAME = 'Temu';

/**
 * The shop's clearing journal: what Temu owes the seller between delivery and payout. The code is
 * derived from the shop id (Odoo journal codes are at most 5 characters and unique per company).
 */
export function clearingJournalOf(shopId: string): ErpJournalRef {
  let h = 0x811c9dc5;
  for (const ch of shopId) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return {
    name: `Temu clearing ${shopId}`,
    code: `T${(h % 36 ** 4).toString(36).toUpperCase().padStart(4, '0')}`,
  };
}

/** The ERP whose invoice payments go into the shop's clearing journal instead of the bank. */
export function erpPayingIntoClearing(erp: ErpPort, shopId: string): ErpPort {
  const journal = clearingJournalOf(shopId);
  return new Proxy(erp, {
    get(target, name, receiver) {
      if (name === 'invoiceAndRegisterPayment')
        return (orderId: number) => target.invoiceAndRegisterPayment(orderId, { journal });
      const value: unknown = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Whether Temu collects the order's destination tax (decided while the address is still known). */
export function taxCollectedByMarketplace(order: Order, policy: SaleTaxPolicy): boolean {
  const a = order.shippingAddress;
  return a !== null && collectedByMarketplace(policy, destinationOf(a.country, a.state));
}
