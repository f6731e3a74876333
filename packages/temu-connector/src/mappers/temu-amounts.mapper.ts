import { BadInputError } from '@temu-odoo/core';
import type { OrderAmounts } from '@temu-odoo/core';
import type { TemuOrderAmounts } from '../calls/order-amount.call.js';
import { minorMoney, taxRateFraction } from './money.mapper.js';

/**
 * `bg.order.amount.query` → OrderAmounts (docs/temu-api.md §8.6). The unit price is the buyer's retail price
 * excluding VAT; tax is the product tax of the whole line; the tax rate is rate × 10^7 on the wire.
 * The shipping fee (tax excluded), its rate and the seller/Temu discounts become their own ERP lines;
 * `customerPaid` is the total the ERP order must reach (docs/temu-api.md "Order amounts").
 */
export function mapTemuAmounts(result: TemuOrderAmounts): OrderAmounts {
  const parent = result.parentOrderMap;
  const lines = result.orderList.map((line) => {
    const unitPrice = minorMoney(line.unitRetailPriceVatExcl ?? line.unitRetailPrice);
    if (unitPrice === null) {
      throw new BadInputError(
        `Temu amounts of order ${line.orderSn} carry no unit price (unitRetailPriceVatExcl)`,
        'ERR_TEMU_BAD_AMOUNTS',
      );
    }
    return {
      lineId: line.orderSn,
      unitPrice,
      taxAmount: minorMoney(line.productTaxAmount),
      taxRate: taxRateFraction(line.productTaxRate),
    };
  });
  const total = minorMoney(parent.customerPaid ?? parent.retailPriceTotalTaxIncl);
  const currency = total?.currency ?? lines[0]?.unitPrice.currency;
  if (currency === undefined) {
    throw new BadInputError(
      `Temu amounts of ${parent.parentOrderSn ?? 'an order'} name no currency`,
      'ERR_TEMU_BAD_AMOUNTS',
    );
  }
  for (const line of lines) {
    if (line.unitPrice.currency !== currency) {
      throw new BadInputError(
        `Temu amounts mix ${currency} and ${line.unitPrice.currency} (order ${line.lineId})`,
        'ERR_TEMU_BAD_AMOUNTS',
      );
    }
  }
  const shipRate = result.orderList.map((l) => taxRateFraction(l.shipTaxRate)).find((r) => r !== null);
  return {
    currency,
    lines,
    shippingFee: minorMoney(parent.shippingAmountTotal ?? parent.shipAmountTotalTaxIncl),
    shippingTaxRate: shipRate ?? null,
    sellerDiscount: minorMoney(parent.discountFromSeller),
    marketplaceDiscount: minorMoney(parent.discountFromTEMU),
    total,
    revenue: revenueOf(parent),
  };
}

/** `estimatedRevenue` (what Temu pays the seller), its deduction and the order's tax (settlement per order). */
function revenueOf(parent: TemuOrderAmounts['parentOrderMap']): OrderAmounts['revenue'] {
  const sellerRevenue = minorMoney(parent.estimatedRevenue);
  if (sellerRevenue === null) return null;
  return {
    sellerRevenue,
    deduction: minorMoney(parent.estimatedRevenueDeduction),
    taxTotal: minorMoney(parent.taxTotal),
  };
}
