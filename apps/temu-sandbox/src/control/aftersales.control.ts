import { z } from 'zod';
import { ControlError, parseInput } from './control-error.js';
import type { ControlRoute } from './route.js';
import { afterSalesState } from './views.js';

/**
 * The buyer's and Temu's side of a case's lifecycle (docs/temu-api.md §12), driven by tests and the
 * demo. The seller's side (agree a cancellation, issue a refund) goes through the Open API.
 * Each step names the statuses it may start from; anything else is 409.
 */
const STEPS = {
  /** The buyer picks the seller's return label (8): the seller must upload one. */
  use_merchant_label: { from: [10], to: 8 },
  /** The buyer hands the parcel to the carrier (2). */
  ship_back: { from: [10, 8], to: 2 },
  /** The parcel reached the return warehouse (3): the seller decides on the refund. */
  receive: { from: [2], to: 3 },
  /** Temu reviews the case itself (11). */
  review: { from: [1, 3, 10], to: 11 },
  /** The buyer withdraws (6). */
  withdraw: { from: [1, 8, 10], to: 6 },
  /** Temu denies the refund (7). */
  deny: { from: [1, 3, 11], to: 7 },
} as const;

const advanceSchema = z.object({ step: z.enum(Object.keys(STEPS) as [keyof typeof STEPS]) });

export const afterSalesRoutes: ControlRoute[] = [
  {
    method: 'POST',
    path: 'aftersales/:parentAfterSalesSn/advance',
    handle: ({ runtime, params, body }) => {
      const { step } = parseInput(advanceSchema, body);
      const c = runtime.state.afterSales.get(params.parentAfterSalesSn!);
      if (!c) throw new ControlError(404, `no after-sales case ${params.parentAfterSalesSn}`);
      const rule = STEPS[step];
      if (c.kind === 'cancel' || !(rule.from as readonly number[]).includes(c.status))
        throw new ControlError(
          409,
          `${step} needs a ${c.kind === 'cancel' ? 'refund or return' : ''} case in status ${rule.from.join('/')}; ${c.parentAfterSalesSn} is a ${c.kind} in ${c.status}`,
        );
      if (step === 'ship_back' && c.status === 8 && !c.returnLabel)
        throw new ControlError(
          409,
          `${c.parentAfterSalesSn} waits for the seller's label (temu.aftersales.upload.returnlabel)`,
        );
      c.status = rule.to;
      c.updateAtMs = Date.now();
      runtime.state.afterSalesChanged(c);
      return { afterSales: afterSalesState(c) };
    },
  },
];
