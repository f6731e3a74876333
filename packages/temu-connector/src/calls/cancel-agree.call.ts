import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';

/**
 * `bg.aftersales.cancel.agree` (docs/temu-api.md §12): accept a buyer's cancellation request. Parameters
 * are not documented beyond the name; we send the case and its parent order. The result is the
 * bare envelope (any payload accepted).
 */
export const cancelAgreeCall = defineCall({
  type: 'bg.aftersales.cancel.agree',
  request: z.object({
    parentAfterSalesSn: z.string().min(1),
    parentOrderSn: z.string().min(1).optional(),
  }),
  response: z.unknown().transform(() => ({ agreed: true as const })),
});
