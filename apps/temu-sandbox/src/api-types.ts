/**
 * Every Open API `type` the sandbox answers, with the endpoint group whose quota it spends
 * (mission R18; queue table in ARCHITECTURE.md: `temu-orders` = list/detail/address/amount,
 * after-sales on `temu-finance`). Token calls have no R18 group; they count against `products`
 * (shop-level management) so every call spends some group quota.
 */
import type { EndpointGroup } from '@temu-odoo/temu-connector';

// One definition of the groups for the client, the worker's limiter and this sandbox.
export { ENDPOINT_GROUPS, type EndpointGroup } from '@temu-odoo/temu-connector';

export const ENDPOINT_GROUP_BY_TYPE = {
  'bg.open.accesstoken.create': 'products',
  'bg.open.accesstoken.info.get': 'products',
  'bg.order.list.v2.get': 'orders',
  'bg.order.detail.v2.get': 'orders',
  'bg.order.shippinginfo.v2.get': 'orders',
  'bg.order.amount.query': 'orders',
  'bg.logistics.companies.get': 'shipping',
  'bg.logistics.warehouse.list.get': 'shipping',
  'bg.logistics.shipment.v2.confirm': 'shipping',
  'bg.logistics.shipment.v2.get': 'shipping',
  'bg.local.goods.list.query': 'products',
  'bg.local.goods.sku.list.query': 'products',
  'temu.local.goods.sku.stock.query': 'inventory',
  'bg.local.goods.stock.edit': 'inventory',
  'bg.local.goods.sku.list.price.query': 'products',
  'bg.local.goods.priceorder.change.sku.price': 'products',
  'bg.local.goods.priceorder.query': 'products',
  'bg.local.goods.priceorder.accept': 'products',
  'bg.local.goods.priceorder.negotiate': 'products',
  'temu.local.goods.priceorder.reject': 'products',
  'temu.local.goods.recommendedprice.query': 'products',
  'bg.aftersales.parentaftersales.list.get': 'finance',
  'bg.aftersales.aftersales.list.get': 'finance',
  'bg.aftersales.cancel.list.get': 'finance',
  'bg.aftersales.cancel.agree': 'finance',
  'temu.aftersales.refund.issue': 'finance',
  'temu.aftersales.parentaftersales.detail.get': 'finance',
  'temu.aftersales.returnlabel.prepare.get': 'finance',
  'temu.aftersales.upload.returnlabel': 'finance',
  'temu.aftersales.returnaddress.get': 'finance',
  'bg.local.goods.cats.get': 'products',
  'bg.local.goods.template.get': 'products',
  'bg.local.goods.image.upload': 'products',
  'bg.local.goods.add': 'products',
  'bg.local.goods.partial.update': 'products',
  // Fully-managed sales counters and warehouse stock (issue 16 R2; products group like other goods reads).
  'bg.goods.salesv2.get': 'products',
  // Issue 16: semi-managed stock (PARTNER gateway) and consignment (CN gateway).
  'bg.btg.goods.stock.quantity.get': 'inventory',
  'bg.btg.goods.stock.quantity.update': 'inventory',
  'bg.btg.goods.stock.warehouse.list.get': 'inventory',
  'bg.purchaseorderv2.get': 'orders',
  'bg.purchaseorder.apply': 'orders',
  'bg.shiporder.staging.add': 'shipping',
  'bg.shiporder.staging.get': 'shipping',
  'bg.shiporderv3.create': 'shipping',
  'bg.shiporderv2.get': 'shipping',
  'bg.shiporder.packing.send': 'shipping',
  'bg.logistics.boxmarkinfo.get': 'shipping',
} as const satisfies Record<string, EndpointGroup>;

export type ApiType = keyof typeof ENDPOINT_GROUP_BY_TYPE;

export const API_TYPES = Object.keys(ENDPOINT_GROUP_BY_TYPE) as ApiType[];

export function isApiType(type: string): type is ApiType {
  return Object.hasOwn(ENDPOINT_GROUP_BY_TYPE, type);
}

/** v1 names still seen in scopes but sunset in favour of v2 (docs/temu-api.md §15.12) → 3000004. */
export const SUNSET_TYPES: ReadonlySet<string> = new Set([
  'bg.order.list.get',
  'bg.order.detail.get',
  'bg.order.shippinginfo.get',
  'bg.logistics.shipment.confirm',
  'bg.logistics.shipment.get',
]);

/** Whitelisted APIs (docs/temu-api.md §7.5) that need an explicit grant on the token. */
/** The whitelisted price package (docs/temu-api.md §10.4): reads and writes of base prices and price orders. */
export const PRICE_TYPES: ReadonlySet<ApiType> = new Set([
  'bg.local.goods.sku.list.price.query',
  'bg.local.goods.priceorder.change.sku.price',
  'bg.local.goods.priceorder.query',
  'bg.local.goods.priceorder.accept',
  'bg.local.goods.priceorder.negotiate',
  'temu.local.goods.priceorder.reject',
  'temu.local.goods.recommendedprice.query',
]);

export const WHITELISTED_TYPES: ReadonlySet<ApiType> = new Set(['bg.order.amount.query', ...PRICE_TYPES]);

/** Calls answered without a seller token check (the code stands in for the token, docs/temu-api.md §7.2). */
export const TOKENLESS_TYPES: ReadonlySet<ApiType> = new Set(['bg.open.accesstoken.create']);
