import { ApiError, BUSINESS, GATEWAY_ERRORS } from '../error-codes.js';
import { currentQuantity } from '../data/order-status.js';
import type { Handler } from './handler.js';
import { findParent } from './orders.handler.js';
import { Params } from './params.js';

const RATE_SCALE = 10_000_000;

/**
 * bg.order.amount.query (docs/temu-api.md §8.6): money as `{amount, currency}` with integer minor units;
 * tax rates × 10^7. Seller receives the base price; the buyer pays retail + tax + shipping.
 */
export const orderAmount: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, GATEWAY_ERRORS.BAD_PARAMS[0]);
  const parent = findParent(state, p);
  if (nowMs < parent.amountReadyAtMs) {
    throw new ApiError(
      BUSINESS.AMOUNT_CALCULATING,
      'order amount is being calculated, please try again later',
    );
  }
  const money = (amount: number) => ({ amount, currency: parent.currency });
  const rate = state.region.taxRate;
  const lines = parent.children.map((c) => {
    const q = currentQuantity(c);
    const retail = c.unitRetailMinor * q;
    const tax = Math.round((retail * rate) / RATE_SCALE);
    return { c, q, retail, tax, base: c.unitBaseMinor * q, refund: c.unitRetailMinor * c.canceledQuantity };
  });
  const liveLines = lines.filter((l) => l.q > 0);
  const shipping = liveLines.length > 0 ? parent.shippingMinor : 0;
  const sum = (f: (l: (typeof lines)[number]) => number) => lines.reduce((a, l) => a + f(l), 0);
  const retailTotal = sum((l) => l.retail);
  const taxTotal = sum((l) => l.tax);
  const baseTotal = sum((l) => l.base);
  return {
    parentOrderMap: {
      parentOrderSn: parent.parentOrderSn,
      basePriceTotal: money(baseTotal),
      retailPriceTotal: money(retailTotal),
      retailPriceTotalTaxIncl: money(retailTotal + taxTotal),
      retailPriceTotalTaxExcl: money(retailTotal),
      shippingAmountTotal: money(shipping),
      shipAmountTotalTaxIncl: money(shipping),
      taxTotal: money(taxTotal),
      taxTotalAfterDiscount: money(taxTotal),
      productTaxAmount: money(taxTotal),
      shipTaxAmount: money(0),
      temuTaxTotal: money(0),
      discountFromSeller: money(0),
      discountFromTEMU: money(0),
      totalDiscount: money(0),
      refundsTotal: money(sum((l) => l.refund)),
      customerPaid: money(retailTotal + taxTotal + shipping),
      estimatedRevenue: money(baseTotal + shipping),
      estimatedRevenueDeduction: money(0),
    },
    orderList: lines.map(({ c, q, retail, tax, base }) => ({
      orderSn: c.orderSn,
      quantity: q,
      basePrice: money(base),
      unitBasePrice: money(c.unitBaseMinor),
      unitRetailPrice: money(c.unitRetailMinor),
      unitRetailPriceVatIncl: money(c.unitRetailMinor + Math.round((c.unitRetailMinor * rate) / RATE_SCALE)),
      unitRetailPriceVatExcl: money(c.unitRetailMinor),
      retailPriceTotalTaxIncl: money(retail + tax),
      shipAmountTotalTaxIncl: money(0),
      productTaxAmount: money(tax),
      shipTaxAmount: money(0),
      productTaxRate: rate,
      shipTaxRate: 0,
      discountFromSeller: money(0),
      discountFromTEMU: money(0),
    })),
    warning: [],
  };
};
