import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalInt, optionalText, temuId } from './shared.schemas.js';

/** `bg.logistics.shipment.v2.get` (docs/temu-api.md §9.1 A.4): what was shipped for a parent order. */
export const shipmentGetCall = defineCall({
  type: 'bg.logistics.shipment.v2.get',
  request: z.object({ parentOrderSn: z.string().min(1), orderSn: z.string().min(1).optional() }),
  response: z.object({
    shipmentInfoDTO: z.array(
      z.object({
        carrierId: temuId.nullish(),
        carrierName: optionalText,
        trackingNumber: z.string(),
        orderSn: optionalText,
        goodsId: temuId.nullish(),
        skuId: temuId.nullish(),
        quantity: optionalInt,
        packageSn: optionalText,
        packageDeliveryType: optionalInt,
        trackingWarningLabel: optionalInt,
        subPackageShipmentInfoList: z.array(z.unknown()).nullish(),
      }),
    ),
  }),
});
