import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { temuMoney } from './shared.schemas.js';

/**
 * `temu.aftersales.parentaftersales.detail.get` (docs/temu-api.md "Returns and refunds"): one case
 * with its `refundSummary`, which the credit note follows. Money is read as order amounts are
 * (integers of minor units); 130010004 when the case is unknown.
 */
export const afterSalesDetailCall = defineCall({
  type: 'temu.aftersales.parentaftersales.detail.get',
  request: z.object({ parentOrderSn: z.string().min(1), parentAfterSalesSn: z.string().min(1) }),
  response: z.object({
    parentAfterSalesSn: z.string(),
    parentAfterSalesStatus: z.number().int().nullish(),
    refundSummary: z
      .object({
        buyerTotalRefund: temuMoney.nullish(),
        retailPriceRefundTaxExcl: temuMoney.nullish(),
        shippingAmountRefundTaxExcl: temuMoney.nullish(),
        discountFromTEMURefund: temuMoney.nullish(),
        discountFromSellerRefund: temuMoney.nullish(),
        taxTotalRefund: temuMoney.nullish(),
      })
      .nullish(),
  }),
});

export type TemuAfterSalesDetail = z.output<typeof afterSalesDetailCall.response>;
