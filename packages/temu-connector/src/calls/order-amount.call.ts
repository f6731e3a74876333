import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { temuMoney } from './shared.schemas.js';

const money = temuMoney.nullish();

/**
 * `bg.order.amount.query` (docs/temu-api.md §8.6, whitelisted API): amounts are integers of minor units;
 * tax rates are rate × 10,000,000. `140020008` = still being calculated (not_ready).
 */
export const orderAmountCall = defineCall({
  type: 'bg.order.amount.query',
  request: z.object({ parentOrderSn: z.string().min(1) }),
  response: z.object({
    parentOrderMap: z.object({
      parentOrderSn: z.string().nullish(),
      basePriceTotal: money,
      retailPriceTotal: money,
      retailPriceTotalTaxIncl: money,
      retailPriceTotalTaxExcl: money,
      shippingAmountTotal: money,
      shipAmountTotalTaxIncl: money,
      taxTotal: money,
      taxTotalAfterDiscount: money,
      productTaxAmount: money,
      shipTaxAmount: money,
      temuTaxTotal: money,
      discountFromSeller: money,
      discountFromTEMU: money,
      totalDiscount: money,
      refundsTotal: money,
      customerPaid: money,
      estimatedRevenue: money,
      estimatedRevenueDeduction: money,
    }),
    orderList: z.array(
      z.object({
        orderSn: z.string().min(1),
        quantity: z.number().int().nullish(),
        basePrice: money,
        unitBasePrice: money,
        unitRetailPrice: money,
        unitRetailPriceVatIncl: money,
        unitRetailPriceVatExcl: money,
        retailPriceTotalTaxIncl: money,
        shipAmountTotalTaxIncl: money,
        productTaxAmount: money,
        shipTaxAmount: money,
        productTaxRate: z.number().nullish(),
        shipTaxRate: z.number().nullish(),
        discountFromSeller: money,
        discountFromTEMU: money,
      }),
    ),
    warning: z.array(z.unknown()).nullish(),
  }),
});

export type TemuOrderAmounts = z.output<typeof orderAmountCall.response>;
