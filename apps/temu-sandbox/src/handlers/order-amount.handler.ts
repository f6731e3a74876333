import { ApiError, BUSINESS, GATEWAY_ERRORS } from '../error-codes.js';
import { RATE_SCALE, orderMoney } from '../data/order-money.js';
import type { Handler } from './handler.js';
import { findParent } from './orders.handler.js';
import { Params } from './params.js';

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
  const {
    lines,
    shipping,
    retailTotal,
    taxTotal,
    baseTotal,
    refundTotal,
    customerPaid,
    estimatedRevenue,
    sellerDiscount,
    temuDiscount,
  } = orderMoney(parent, rate);
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
      discountFromSeller: money(sellerDiscount),
      discountFromTEMU: money(temuDiscount),
      totalDiscount: money(sellerDiscount + temuDiscount),
      refundsTotal: money(refundTotal),
      customerPaid: money(customerPaid),
      estimatedRevenue: money(estimatedRevenue),
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
