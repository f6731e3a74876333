import type { Address, Buyer } from '@temu-odoo/core';
import type { TemuShippingInfo } from '../calls/order-shipping-info.call.js';
import { countryCode } from './temu-regions.js';

const orNull = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v.trim() === '' ? null : v;

/**
 * `bg.order.shippinginfo.v2.get` → buyer + address (docs/temu-api.md §8.5). `mail` is Temu's relay e-mail,
 * the stable key for the customer; regionName1..3 = country, state, city.
 */
export function mapTemuShippingInfo(info: TemuShippingInfo): { buyer: Buyer; address: Address } {
  const email = orNull(info.mail);
  const phone = orNull(info.mobile) ?? orNull(info.backupMobile);
  const street2 = [info.addressLine2, info.addressLine3]
    .map(orNull)
    .filter((v): v is string => v !== null)
    .join(', ');
  return {
    buyer: { name: info.receiptName, email, phone },
    address: {
      name: info.receiptName,
      street: orNull(info.addressLine1) ?? orNull(info.addressLineAll) ?? '',
      street2: street2 === '' ? null : street2,
      city: orNull(info.regionName3) ?? orNull(info.regionName4) ?? '',
      state: orNull(info.regionName2),
      zip: orNull(info.postCode) ?? '',
      country: countryCode(info.regionName1),
      phone,
      email,
    },
  };
}
