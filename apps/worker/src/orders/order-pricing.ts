import { BadInputError, type Order, type OrderAmounts } from '@temu-odoo/core';
import type { ShopContext } from '../worker-deps.js';
import { refreshSkus } from '../products/refresh-skus.js';

/** Temu's computed amounts onto the order's lines (prices exclude tax; taxes per line). */
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

/**
 * Shops without the amounts permission: each line at the SKU's listed Temu price, and the order
 * marked `estimated_list_price` so the operator sees which orders were priced by estimate.
 */
export async function enrichWithEstimate(order: Order, shop: ShopContext): Promise<Order> {
  let skus = new Map((await shop.state.skus()).map((s) => [s.skuId, s]));
  if (order.lines.some((l) => !skus.has(l.skuId))) {
    skus = new Map((await refreshSkus(shop)).map((s) => [s.skuId, s]));
  }
  let currency = order.currency;
  const lines = order.lines.map((line) => {
    const sku = skus.get(line.skuId);
    if (!sku || sku.listPriceMinor === null || !sku.currency) {
      throw new BadInputError(
        `no listed Temu price for SKU ${line.skuId} (order ${order.orderRef}, shop ${order.shopId}) to estimate the order's price: grant the shop the amounts permission or list the SKU with a price`,
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
