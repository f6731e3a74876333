import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalInt, optionalText } from './shared.schemas.js';

/**
 * `bg.order.shippinginfo.v2.get` (docs/temu-api.md §8.5): receiver address. `mail` is a relay address and
 * phones are relay numbers; quota 6 successful calls per order per day per app key — cache it.
 */
export const orderShippingInfoCall = defineCall({
  type: 'bg.order.shippinginfo.v2.get',
  request: z.object({ parentOrderSn: z.string().min(1) }),
  response: z.object({
    receiptName: z.string(),
    receiptAdditionalName: optionalText,
    mobile: optionalText,
    backupMobile: optionalText,
    mail: optionalText,
    /** Country. */
    regionName1: z.string(),
    /** State / province. */
    regionName2: optionalText,
    /** City. */
    regionName3: optionalText,
    regionName4: optionalText,
    addressLine1: optionalText,
    addressLine2: optionalText,
    addressLine3: optionalText,
    addressLineAll: optionalText,
    postCode: optionalText,
    taxCode: optionalText,
    taxCodeType: optionalText,
    nationalAddress: optionalText,
    addressExtra: z
      .object({
        firstName: optionalText,
        lastName: optionalText,
        additionalFirstName: optionalText,
        additionalLastName: optionalText,
        contactlessDropPoint: optionalText,
      })
      .nullish(),
    warning: z.object({ isRestriction: z.boolean().nullish(), reason: optionalInt }).nullish(),
  }),
});

export type TemuShippingInfo = z.output<typeof orderShippingInfoCall.response>;
