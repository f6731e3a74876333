import { BadInputError } from '../errors.js';
import type { Order } from '../order.js';
import type { OrderAmounts } from '../ports.js';
import type { MarketplaceSku } from '../stock.js';

/**
 * The pricing enrichment policy. An order is priced from the marketplace's computed amounts when
 * the shop may read them (`marketplace_amounts`: prices exclude tax, taxes per line); otherwise each
 * line is estimated at its SKU's listed price (`estimated_list_price`), so the operator sees which
 * orders were priced by estimate. Reading amounts or listings is the caller's I/O.
 */
export function enrichWithAmounts(order: Order, amounts: OrderAmounts): Order {
  const byLine = new Map(amounts.lines.map((l) => [l.lineId, l]));
  return {
    ...order,
    currency: amounts.currency,
    shippingFee: amounts.shippingFee,
    shippingTaxRate: amounts.shippingTaxRate ?? null,
    sellerDiscount: amounts.sellerDiscount ?? null,
    marketplaceDiscount: amounts.marketplaceDiscount ?? null,
    customerPaid: amounts.total,
    pricing: 'marketplace_amounts',
    lines: order.lines.map((line) => {
      const priced = byLine.get(line.lineId);
      return priced
        ? { ...line, unitPrice: priced.unitPrice, taxAmount: priced.taxAmount, taxRate: priced.taxRate }
        : line;
    }),
  };
}

/** True when a line's SKU is not in the known listing: the caller refreshes the listing first. */
export function needsListingRefresh(
  order: Pick<Order, 'lines'>,
  listed: ReadonlyMap<string, unknown>,
): boolean {
  return order.lines.some((l) => !listed.has(l.skuId));
}

/**
 * Each line at its SKU's listed price (tax unknown), the order marked `estimated_list_price`. A
 * line whose SKU has no listed price parks the order (ERR_NO_PRICE): an unpriced ERP order would
 * be worse than a late one.
 */
export function enrichWithListPrices(order: Order, listed: ReadonlyMap<string, MarketplaceSku>): Order {
  let currency = order.currency;
  const lines = order.lines.map((line) => {
    const sku = listed.get(line.skuId);
    if (!sku || sku.listPriceMinor === null || !sku.currency) {
      throw new BadInputError(
        `no listed marketplace price for SKU ${line.skuId} (order ${order.orderRef}, shop ${order.shopId}) to estimate the order's price: grant the shop the amounts permission or list the SKU with a price`,
        'ERR_NO_PRICE',
      );
    }
    currency = sku.currency;
    return {
      ...line,
      unitPrice: { amountMinor: sku.listPriceMinor, currency: sku.currency },
      taxAmount: null,
      taxRate: null,
    };
  });
  return { ...order, currency, lines, pricing: 'estimated_list_price' };
}
