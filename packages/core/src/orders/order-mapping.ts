import { DEFAULT_MARKETPLACE_NAME } from '../marketplace-name.js';
import { BadInputError } from '../errors.js';
import type { Order, OrderLine } from '../order.js';
import type { Money } from '../money.js';
import type { CustomerInput, CustomerRef, ErpCharge, ErpOrderDraft } from '../ports.js';
import {
  DEFAULT_SALE_TAX_POLICY,
  destinationOf,
  resolveSaleTax,
  type Destination,
  type SaleTaxPolicy,
} from '../taxes/sale-tax-policy.js';

/**
 * Configured SKU mapping (R17): marketplace skuId or seller SKU → ERP SKU code (`default_code`).
 * Looked up before falling back to "the seller SKU is the ERP code", which is the default when the
 * seller uses the same codes on Temu (`extCode`) and in the ERP.
 */
export interface SkuMapping {
  bySkuId: ReadonlyMap<string, string>;
  bySellerSku: ReadonlyMap<string, string>;
}

export const EMPTY_SKU_MAPPING: SkuMapping = { bySkuId: new Map(), bySellerSku: new Map() };

/** Builds a mapping from plain config records (e.g. a JSON mapping file). */
export function skuMapping(table: {
  bySkuId?: Record<string, string>;
  bySellerSku?: Record<string, string>;
}): SkuMapping {
  return {
    bySkuId: new Map(Object.entries(table.bySkuId ?? {})),
    bySellerSku: new Map(Object.entries(table.bySellerSku ?? {})),
  };
}

/**
 * The ERP SKU code of a marketplace line: mapping by skuId, then by seller SKU, then the seller SKU
 * itself. Null when the line has no seller SKU and no mapping (Temu's `extCode` may be "", docs/temu-api.md §8.3).
 */
export function resolveErpSku(
  line: Pick<OrderLine, 'skuId' | 'sellerSku'>,
  mapping: SkuMapping = EMPTY_SKU_MAPPING,
): string | null {
  const bySkuId = mapping.bySkuId.get(line.skuId);
  if (bySkuId !== undefined) return bySkuId;
  const sellerSku = line.sellerSku?.trim() ?? '';
  if (sellerSku === '') return null;
  return mapping.bySellerSku.get(sellerSku) ?? sellerSku;
}

/** Used when Temu no longer releases the buyer (addresses of shipped orders, docs/temu-api.md §8.5): one per shop. */
export const ANONYMOUS_BUYER = 'anonymous';

/**
 * Pending orders have no buyer yet (Temu releases it from Unshipped on, docs/temu-api.md §8.5): their quotation gets
 * this per-shop placeholder customer, replaced by the real one as soon as the address is known.
 */
export const AWAITING_ADDRESS_BUYER = 'awaiting-address';

/**
 * Per-shop customer key: the buyer's relay e-mail lower-cased (stable across orders, docs/temu-api.md §8.5), else the
 * buyer's name (whitespace collapsed); the shipping address's e-mail/name when the buyer block is
 * missing; else one anonymous customer per shop.
 */
export function customerKey(order: Pick<Order, 'shopId' | 'buyer' | 'shippingAddress' | 'status'>): string {
  const who = order.buyer ?? order.shippingAddress;
  const email = who?.email?.trim();
  if (email) return `${order.shopId}:${email.toLowerCase()}`;
  const name = who?.name?.trim();
  if (name) return `${order.shopId}:${name.replace(/\s+/g, ' ')}`;
  if (!who && order.status === 'pending') return `${order.shopId}:${AWAITING_ADDRESS_BUYER}`;
  return `${order.shopId}:${ANONYMOUS_BUYER}`;
}

export function customerInput(order: Order, marketplaceName = DEFAULT_MARKETPLACE_NAME): CustomerInput {
  const buyer = order.buyer ?? {
    name:
      order.shippingAddress?.name ??
      (order.status === 'pending'
        ? `${marketplaceName} buyer awaiting address (${order.shopId})`
        : `${marketplaceName} buyer (${order.shopId})`),
    email: order.shippingAddress?.email ?? null,
    phone: order.shippingAddress?.phone ?? null,
  };
  return { key: customerKey(order), shopId: order.shopId, buyer, address: order.shippingAddress };
}

/**
 * The lines that become ERP lines: those with something left to fulfil. A line fully cancelled
 * before shipment has quantity 0 (docs/temu-api.md §15.14) and is left out; only when every line is cancelled (a
 * cancelled order imported for the record) are the original quantities kept.
 */
export function erpLinesOf(order: Order): Array<{ line: OrderLine; quantity: number }> {
  const live = order.lines.filter((l) => l.quantity > 0).map((line) => ({ line, quantity: line.quantity }));
  if (live.length > 0) return live;
  return order.lines.map((line) => ({ line, quantity: line.originalQuantity }));
}

export interface ResolvedLine {
  line: OrderLine;
  quantity: number;
  sku: string;
  productId: number;
}

/**
 * Resolves every ERP-bound line to an ERP product. Throws one BadInputError (ERR_UNKNOWN_SKU) that
 * names every unknown SKU of the order, so the operator fixes them all before replaying.
 */
export function resolveOrderLines(
  order: Order,
  products: ReadonlyMap<string, number>,
  mapping: SkuMapping = EMPTY_SKU_MAPPING,
): ResolvedLine[] {
  const resolved: ResolvedLine[] = [];
  const problems = new Set<string>();
  const unknownSkus = new Set<string>();
  const emptySellerSkuIds = new Set<string>();
  for (const { line, quantity } of erpLinesOf(order)) {
    const sku = resolveErpSku(line, mapping);
    if (sku === null) {
      emptySellerSkuIds.add(line.skuId);
      problems.add(
        `unknown SKU (empty seller code, marketplace skuId ${line.skuId}) for shop ${order.shopId}`,
      );
      continue;
    }
    const productId = products.get(sku);
    if (productId === undefined) {
      unknownSkus.add(sku);
      problems.add(`unknown SKU ${sku} for shop ${order.shopId}`);
      continue;
    }
    resolved.push({ line, quantity, sku, productId });
  }
  if (problems.size > 0) {
    throw new BadInputError([...problems].join('; '), 'ERR_UNKNOWN_SKU', {
      shopId: order.shopId,
      orderRef: order.orderRef,
      unknownSkus: [...unknownSkus],
      emptySellerSkuIds: [...emptySellerSkuIds],
    });
  }
  return resolved;
}

function pricingNote(order: Order, marketplaceName: string): string {
  switch (order.pricing) {
    case 'marketplace_amounts':
      return `${marketplaceName} order amounts`;
    case 'estimated_list_price':
      return `ESTIMATE from the ${marketplaceName} listed SKU price (order amounts not available to this shop)`;
    default:
      return 'unknown (no amounts yet)';
  }
}

/** The ERP order's note: shop, region and where its prices come from (rewritten when repriced). */
export function erpOrderNote(order: Order, marketplaceName = DEFAULT_MARKETPLACE_NAME): string {
  return `${marketplaceName} order ${order.orderRef} | shop ${order.shopId} | region ${order.region} | pricing: ${pricingNote(order, marketplaceName)}`;
}

/**
 * Where the order's tax is due: the shipping address's country (and US state); before Temu releases
 * the address (pending orders), the shop's region.
 */
export function orderDestination(order: Pick<Order, 'shippingAddress' | 'region'>): Destination {
  const a = order.shippingAddress;
  return a ? destinationOf(a.country, a.state) : destinationOf(order.region, null);
}

function chargesOf(
  order: Order,
  destination: Destination,
  policy: SaleTaxPolicy,
  marketplaceName: string,
): ErpCharge[] {
  if (order.pricing !== 'marketplace_amounts') return [];
  const charges: ErpCharge[] = [];
  const none = { kind: 'none' } as const;
  const inOrderCurrency = (m: Money, what: string) => {
    if (m.currency !== order.currency)
      throw new BadInputError(
        `${what} of order ${order.orderRef} is in ${m.currency} but the order is in ${order.currency}`,
        'ERR_CURRENCY_MISMATCH',
        { shopId: order.shopId, orderRef: order.orderRef },
      );
    return m;
  };
  if (order.shippingFee && order.shippingFee.amountMinor !== 0) {
    charges.push({
      kind: 'shipping',
      amount: inOrderCurrency(order.shippingFee, 'the shipping fee'),
      tax: resolveSaleTax(order.shopId, destination, order.shippingTaxRate ?? 0, policy, marketplaceName),
    });
  }
  for (const [kind, discount] of [
    ['seller_discount', order.sellerDiscount],
    ['marketplace_discount', order.marketplaceDiscount],
  ] as const) {
    if (!discount || discount.amountMinor === 0) continue;
    const m = inOrderCurrency(discount, 'a discount');
    charges.push({ kind, amount: { ...m, amountMinor: -Math.abs(m.amountMinor) }, tax: none });
  }
  return charges;
}

/**
 * Marketplace order → ERP draft: lines at the marketplace unit price and currency with the ERP tax
 * for the line's rate and destination (R5), shipping and discounts as lines, what the buyer paid as
 * the total to reach, the order reference kept for search-before-create (R8), and a note that shows
 * shop, region and pricing source. Throws ERR_NO_SALE_TAX (parked) for a rate the policy cannot map.
 */
export function toErpOrderDraft(
  order: Order,
  customer: CustomerRef,
  products: ReadonlyMap<string, number>,
  mapping: SkuMapping = EMPTY_SKU_MAPPING,
  taxPolicy: SaleTaxPolicy = DEFAULT_SALE_TAX_POLICY,
  marketplaceName = DEFAULT_MARKETPLACE_NAME,
): ErpOrderDraft {
  const destination = orderDestination(order);
  const lines = resolveOrderLines(order, products, mapping).map(({ line, quantity, sku, productId }) => {
    if (line.unitPrice !== null && line.unitPrice.currency !== order.currency) {
      throw new BadInputError(
        `line ${line.lineId} of order ${order.orderRef} is priced in ${line.unitPrice.currency} but the order is in ${order.currency}`,
        'ERR_CURRENCY_MISMATCH',
        { shopId: order.shopId, orderRef: order.orderRef, lineId: line.lineId },
      );
    }
    return {
      productId,
      sku,
      lineId: line.lineId,
      quantity,
      unitPrice: line.unitPrice,
      taxRate: line.taxRate,
      tax: resolveSaleTax(order.shopId, destination, line.taxRate, taxPolicy, marketplaceName),
      title: line.title,
    };
  });
  const priced = order.pricing === 'marketplace_amounts';
  return {
    orderRef: order.orderRef,
    shopId: order.shopId,
    region: order.region,
    partnerId: customer.partnerId,
    deliveryPartnerId: customer.deliveryPartnerId,
    currency: order.currency,
    lines,
    charges: chargesOf(order, destination, taxPolicy, marketplaceName),
    expectedTotal: priced && order.customerPaid ? order.customerPaid : null,
    note: erpOrderNote(order, marketplaceName),
    pricedByEstimate: order.pricing === 'estimated_list_price',
  };
}
