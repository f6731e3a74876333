/**
 * Endpoint groups: one BullMQ queue and one quota per group (mission R18, ARCHITECTURE "Queues").
 * list/detail/address/amount = orders; stock = inventory; goods, SKU lists and prices = products;
 * logistics = shipping; after-sales = finance. Token calls have no R18 group; like the sandbox we
 * count them against `products` (shop-level management).
 */
export type EndpointGroup = 'orders' | 'inventory' | 'products' | 'shipping' | 'finance';

export const ENDPOINT_GROUPS: readonly EndpointGroup[] = [
  'orders',
  'inventory',
  'products',
  'shipping',
  'finance',
];

/**
 * Temu's quotas as the whole project assumes them (mission R18 seed figures per group and minute;
 * ~20 requests per second per app key, docs/temu-api.md §6): the worker's limiter, its environment
 * defaults, the sandbox that enforces them and the bench all start from these.
 */
export const TEMU_DEFAULT_QUOTAS: {
  readonly perMinute: Readonly<Record<EndpointGroup, number>>;
  readonly perSecond: number;
} = {
  perMinute: { products: 100, orders: 200, inventory: 150, shipping: 100, finance: 50 },
  perSecond: 20,
};

const KNOWN: Readonly<Record<string, EndpointGroup>> = {
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
  'temu.aftersales.parentaftersales.detail.get': 'finance',
};

/** Prefix rules for types not listed above (checked in order; stock before goods). */
const RULES: ReadonlyArray<[RegExp, EndpointGroup]> = [
  [/^(bg|temu)\.(aftersales)\./, 'finance'],
  [/^(bg|temu)\.pay\./, 'finance'],
  [/^(bg|temu)\.(order)\./, 'orders'],
  // Consignment (issue 16): purchase orders are the orders of a fully-managed shop; ship orders its shipping.
  [/^bg\.purchaseorder/, 'orders'],
  [/^bg\.shiporder/, 'shipping'],
  [/^(bg|temu)\.(logistics|track)\./, 'shipping'],
  [/stock|quantity/, 'inventory'],
  [/^(bg|temu)\.(local\.)?(goods|sku|mall)\.|^bg\.btg\.|^bg\.glo\./, 'products'],
  [/^(bg|temu)\.open\./, 'products'],
];

/** The endpoint group whose quota an API `type` spends. Throws for a type that fits no group. */
export function endpointGroupOf(type: string): EndpointGroup {
  const known = KNOWN[type];
  if (known !== undefined) return known;
  for (const [pattern, group] of RULES) if (pattern.test(type)) return group;
  throw new TypeError(`no endpoint group known for Temu API type "${type}"; add it to endpoint-groups.ts`);
}
