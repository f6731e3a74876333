import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { orderShippingInfoCall } from './order-shipping-info.call.js';
import { temuId, wireId } from './shared.schemas.js';

/**
 * `temu.aftersales.returnlabel.prepare.get` (docs/temu-api.md "Returns and refunds"): where a
 * seller-label return may go (`availableReturnWarehouseList`) and the buyer's pick-up slots, while the
 * case waits for the seller's label (status 8). 130010005 otherwise.
 */
export const returnLabelPrepareCall = defineCall({
  type: 'temu.aftersales.returnlabel.prepare.get',
  request: z.object({ parentAfterSalesSn: z.string().min(1), parentOrderSn: z.string().min(1) }),
  response: z.object({
    availableReturnWarehouseList: z
      .array(z.object({ warehouseId: temuId, warehouseName: z.string().nullish() }))
      .nullish()
      .transform((v) => v ?? []),
    userPickUpTimezone: z.string().nullish(),
    merchantLatestPickUpTime: z.number().nullish(),
  }),
});

/**
 * `temu.aftersales.upload.returnlabel`: the seller's label for a status-8 case (carrier from
 * `temu.aftersales.carrier.get`, warehouse from prepare). Empty result; 130010006 label invalid,
 * 130010007 tracking number invalid, 130010005 not waiting for a label.
 */
export const returnLabelUploadCall = defineCall({
  type: 'temu.aftersales.upload.returnlabel',
  request: z.object({
    parentAfterSalesSn: z.string().min(1),
    parentOrderSn: z.string().min(1),
    returnLabelDTOList: z
      .array(
        z.object({
          carrierId: wireId,
          trackingNumber: z.string().min(1),
          returnLabelUrl: z.string().url(),
          mallWarehouseId: wireId.optional(),
        }),
      )
      .min(1),
  }),
  response: z.unknown().transform(() => ({ uploaded: true as const })),
});

/**
 * `temu.aftersales.returnaddress.get` (docs/temu-api.md "Return labels"): the buyer's address for
 * the seller's label, fields as `bg.order.shippinginfo.v2.get`'s. Only while a label is due:
 * 180021002 refund-only case, 180021003 label already uploaded, 180021004 no label needed.
 */
export const returnAddressCall = defineCall({
  type: 'temu.aftersales.returnaddress.get',
  request: z.object({ parentAfterSalesSn: z.string().min(1) }),
  response: orderShippingInfoCall.response.pick({
    receiptName: true,
    receiptAdditionalName: true,
    mobile: true,
    backupMobile: true,
    mail: true,
    regionName1: true,
    regionName2: true,
    regionName3: true,
    regionName4: true,
    addressLine1: true,
    addressLine2: true,
    addressLine3: true,
    addressLineAll: true,
    postCode: true,
  }),
});
