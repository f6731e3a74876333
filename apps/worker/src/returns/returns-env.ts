import { z } from 'zod';
import { DEFAULT_RETURN_POLICY, type ReturnPolicy } from '@temu-odoo/core';

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

/** After-sales policy (R15), one env fragment so the worker's schema only spreads it. */
export const returnsEnv = {
  /** Agree buyers' pre-shipment cancellations on Temu without a person. */
  RETURNS_AGREE_CANCELLATIONS: flag(false),
  /** Issue the refund of refund-only requests without a person. */
  RETURNS_REFUND_WITHOUT_RETURN: flag(false),
  /** Issue the refund once Odoo received the returned goods. */
  RETURNS_REFUND_ON_RECEIPT: flag(true),
  /** Buyer reasons (comma-separated, case-insensitive substrings) whose returned goods go to scrap. */
  RETURNS_SCRAP_REASONS: z.string().default('damaged,defective,broken'),
  /** Days a return Temu reports received may wait for Odoo's receipt before a person is asked. */
  RETURNS_INSPECTION_DAYS: z.coerce.number().positive().max(90).default(3),
};

export type ReturnsEnv = { [K in keyof typeof returnsEnv]: z.output<(typeof returnsEnv)[K]> };

/** The inspection rule reads the buyer's reason: a listed word sends the whole line to scrap. */
export function returnPolicyFromEnv(env: ReturnsEnv): ReturnPolicy {
  const reasons = env.RETURNS_SCRAP_REASONS.split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  return {
    ...DEFAULT_RETURN_POLICY,
    agreeCancellations: env.RETURNS_AGREE_CANCELLATIONS,
    refundWithoutReturn: env.RETURNS_REFUND_WITHOUT_RETURN,
    refundOnReceipt: env.RETURNS_REFUND_ON_RECEIPT,
    inspectionOverdueMs: env.RETURNS_INSPECTION_DAYS * 86_400_000,
    scrapQuantity: (line) =>
      line.reason && reasons.some((r) => line.reason!.toLowerCase().includes(r)) ? line.quantity : 0,
  };
}
