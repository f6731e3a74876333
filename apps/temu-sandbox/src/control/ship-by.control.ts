import { z } from 'zod';
import type { SandboxState } from '../state.js';
import { ControlError, parseInput } from './control-error.js';
import type { ControlRoute } from './route.js';
import { orderState } from './views.js';

/**
 * Seller-metric situations for tests and the demo (issue 14): move an order's ship-by time
 * (`expectShipLatestTime`) to `inMinutes` from now — a few hours ahead makes it "at risk", a
 * negative value makes it late — for one order or for the newest `count` unshipped ones.
 * Failed deliveries are after-sales returns on shipped lines (`POST /_sandbox/aftersales`).
 */
const shipBySchema = z.object({
  inMinutes: z
    .number()
    .min(-30 * 24 * 60)
    .max(30 * 24 * 60),
  parentOrderSns: z.array(z.string().min(1)).min(1).max(500).optional(),
  count: z.number().int().min(1).max(500).optional(),
});

function unshippedNewest(state: SandboxState, count: number) {
  return [...state.orders.values()]
    .filter((o) => o.status === 2)
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, count);
}

export const shipByRoutes: ControlRoute[] = [
  {
    method: 'POST',
    path: 'orders/ship-by',
    handle: ({ runtime, body }) => {
      const input = parseInput(shipBySchema, body);
      const { state } = runtime;
      if (!input.parentOrderSns && !input.count)
        throw new ControlError(
          400,
          'give parentOrderSns (orders to move) or count (newest unshipped orders)',
        );
      const orders = input.parentOrderSns
        ? input.parentOrderSns.map((sn) => {
            const o = state.orders.get(sn);
            if (!o) throw new ControlError(404, `no parent order ${sn}`);
            return o;
          })
        : unshippedNewest(state, input.count!);
      const shipBy = Math.floor(Date.now() / 1000 + input.inMinutes * 60);
      for (const o of orders) {
        o.expectShipLatestAt = shipBy;
        // An update: the next poll (updateAtStart/End) sees the order again with its new ship-by.
        state.touch(o, []);
      }
      return { orders: orders.map(orderState) };
    },
  },
];
