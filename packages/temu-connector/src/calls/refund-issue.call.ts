import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';

/** `openApiRefundType` 1 is the only documented value: a full refund (docs/temu-api.md §12). */
export const FULL_REFUND = 1;

/**
 * `temu.aftersales.refund.issue` (docs/temu-api.md §12): the seller issues the refund of a case
 * (refund-only request, or a return the warehouse received). No partial refund and no refusal exist
 * in the API. The answer is the bare envelope; errors 130010004 (no such case) and 130010005
 * (operation not allowed in the case's status).
 */
export const refundIssueCall = defineCall({
  type: 'temu.aftersales.refund.issue',
  request: z.object({
    parentAfterSalesSn: z.string().min(1),
    parentOrderSn: z.string().min(1),
    openApiRefundType: z.literal(FULL_REFUND).default(FULL_REFUND),
  }),
  response: z.unknown().transform(() => ({ issued: true as const })),
});
