import type { OdooVersion } from '../version-fields.js';

/** ir.module.module rows the fixtures read (ids and versions of the recorded databases). */
export function moduleSeed(
  version: OdooVersion,
): Array<{ id: number; name: string; application: boolean; sequence: number; latest: string }> {
  const v17 = version <= '17.0';
  const ids = v17
    ? {
        sale_management: 432,
        account: 1,
        stock: 470,
        delivery: 56,
        sale_stock: 445,
        stock_delivery: 472,
        sale: 440,
        stock_sms: 471,
        base: 2,
        product: 400,
        uom: 520,
      }
    : {
        sale_management: 468,
        account: 1,
        stock: 506,
        delivery: 58,
        sale_stock: 482,
        stock_delivery: 508,
        sale: 476,
        stock_sms: 507,
        base: 2,
        product: 436,
        uom: 560,
      };
  const patch = (p: number) => `${version}.1.${p}`;
  return [
    { id: ids.sale_management, name: 'sale_management', application: true, sequence: 15, latest: patch(0) },
    { id: ids.account, name: 'account', application: true, sequence: 20, latest: patch(v17 ? 2 : 3) },
    { id: ids.stock, name: 'stock', application: true, sequence: 25, latest: patch(1) },
    { id: ids.delivery, name: 'delivery', application: false, sequence: 100, latest: patch(0) },
    { id: ids.sale_stock, name: 'sale_stock', application: false, sequence: 100, latest: patch(0) },
    { id: ids.stock_delivery, name: 'stock_delivery', application: false, sequence: 100, latest: patch(0) },
    { id: ids.sale, name: 'sale', application: false, sequence: 100, latest: patch(2) },
    { id: ids.stock_sms, name: 'stock_sms', application: false, sequence: 100, latest: patch(0) },
    { id: ids.base, name: 'base', application: false, sequence: 100, latest: patch(3) },
    { id: ids.product, name: 'product', application: false, sequence: 100, latest: patch(2) },
    { id: ids.uom, name: 'uom', application: false, sequence: 100, latest: patch(0) },
  ];
}
