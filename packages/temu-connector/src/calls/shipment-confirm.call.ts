import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalText, wireId } from './shared.schemas.js';

/** `carrierId` travels as given (the documented example sends a string, docs/temu-api.md §3.3). */
const carrierId = z.union([
  z.string().regex(/^\d+$/, 'expected a numeric carrier id'),
  z.number().int().positive(),
]);

/** Temu tracking-only uploads: `0` one package per parent order, `1` one order in several packages, `2` several orders in one package (docs/temu-api.md §9.1). */
export const SEND_TYPES = { single: 0, split: 1, combined: 2 } as const;

/**
 * `bg.logistics.shipment.v2.confirm` (docs/temu-api.md §9.1 A.3). `120012004` = already shipped; duplicate
 * or reused tracking numbers answer `120014003`/`120014004`.
 */
export const shipmentConfirmCall = defineCall({
  type: 'bg.logistics.shipment.v2.confirm',
  request: z.object({
    sendType: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    sendRequestList: z
      .array(
        z.object({
          carrierId,
          trackingNumber: z.string().trim().min(1, 'a tracking number is required (120014001)'),
          selfShippingWarehouseId: z.string().min(1).optional(),
          orderSendInfoList: z
            .array(
              z.object({
                parentOrderSn: z.string().min(1),
                orderSn: z.string().min(1),
                quantity: z.number().int().positive(),
                goodsId: wireId.optional(),
                skuId: wireId.optional(),
              }),
            )
            .min(1),
          confirmAcceptance: z
            .array(z.enum(['DENY_CANCELLATION', 'DENY_ADDRESS_CHANGE', 'DENY_PARENT_RISK_WARNING']))
            .optional(),
          subSendRequests: z
            .array(
              z.object({
                carrierId,
                trackingNumber: z.string().min(1),
                selfShippingWarehouseId: z.string().min(1).optional(),
              }),
            )
            .max(10, 'at most 10 sub tracking numbers per package (120011098)')
            .optional(),
        }),
      )
      .min(1),
  }),
  response: z
    .object({ assistantAgreementText: optionalText, warningMessage: z.array(z.string()).nullish() })
    .nullish()
    .transform((r) => ({
      assistantAgreementText: r?.assistantAgreementText ?? null,
      warningMessage: r?.warningMessage ?? [],
    })),
});

export type ShipmentConfirmRequest = z.input<typeof shipmentConfirmCall.request>;
