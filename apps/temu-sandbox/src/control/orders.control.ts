import { z } from 'zod';
import { openAfterSales } from '../data/aftersales.js';
import {
  PARENT_LABELS,
  PARENT_STATUSES,
  type MalformedKind,
  type ParentOrder,
  type SkuRecord,
} from '../data/model.js';
import {
  cancelLines,
  changeAddress,
  confirmPending,
  deliverLines,
  TransitionError,
} from '../data/order-actions.js';
import { createOrder } from '../data/order-factory.js';
import type { SandboxState } from '../state.js';
import { ControlError, parseInput } from './control-error.js';
import type { ControlRoute } from './route.js';
import { afterSalesState, orderState } from './views.js';

const status = z
  .number()
  .int()
  .refine((v) => (PARENT_STATUSES as readonly number[]).includes(v), {
    message: 'expected 1, 2, 3, 4, 5, 41 or 51',
  });
const malformed = z.union([z.boolean(), z.enum(['missing_order_sn', 'bad_quantity', 'missing_status'])]);
const line = z.object({ sku: z.string().min(1), quantity: z.number().int().min(1).max(1000).default(1) });

const createSchema = z.object({
  count: z.number().int().min(1).max(500).default(1),
  status: status.default(1),
  sku: z.string().min(1).optional(),
  quantity: z.number().int().min(1).max(1000).optional(),
  lines: z.array(line).min(1).max(20).optional(),
  buyerKey: z.string().min(1).optional(),
  labels: z.array(z.enum(PARENT_LABELS)).optional(),
  malformed: malformed.optional(),
  /** Backdates the orders (a shop's history, e.g. for a 30-day backfill); never in the future. */
  createdAtMs: z.number().int().nonnegative().optional(),
  /** Fixed order money (minor units) instead of the random shipping fee and no discounts. */
  shippingMinor: z.number().int().min(0).optional(),
  sellerDiscountMinor: z.number().int().min(0).optional(),
  temuDiscountMinor: z.number().int().min(0).optional(),
});

const transitionSchema = z.object({
  to: z.enum(['unshipped', 'delivered', 'cancelled', 'partially_cancelled', 'address_changed']),
  orderSns: z.array(z.string()).optional(),
  quantity: z.number().int().min(1).optional(),
});

const afterSalesSchema = z.object({
  parentOrderSn: z.string().min(1),
  kind: z.enum(['cancel', 'refund', 'return']).default('refund'),
  orderSns: z.array(z.string()).optional(),
  quantity: z.number().int().min(1).optional(),
  /** The buyer's reason on every line (e.g. "damaged"), read by the inspection rule. */
  reason: z.string().min(1).max(200).optional(),
  /**
   * A cancellation Temu granted after the goods left (the buyer asked before shipment, Temu agreed
   * once the parcel was on its way): opened refunded (5) on shipped lines; the parcel comes back to
   * the seller, who handles it as a return.
   */
  afterShipment: z.boolean().default(false),
});

/** A SKU by seller code (`DEMO-0001-RED`) or Temu skuId. */
function resolveSku(state: SandboxState, ref: string): SkuRecord {
  const sku = /^\d+$/.test(ref) ? state.sku(BigInt(ref)) : state.skuBySellerCode(ref);
  if (!sku)
    throw new ControlError(
      400,
      `sku: no SKU ${JSON.stringify(ref)} (use a seller SKU code or a skuId from GET /_sandbox/state/skus)`,
    );
  return sku;
}

function parentOf(state: SandboxState, sn: string | undefined): ParentOrder {
  const parent = sn ? state.orders.get(sn) : undefined;
  if (!parent) throw new ControlError(404, `no parent order ${sn}`);
  return parent;
}

function malformedKind(value: z.infer<typeof malformed> | undefined): MalformedKind | null {
  if (value === undefined || value === false) return null;
  return value === true ? 'missing_order_sn' : value;
}

export const orderRoutes: ControlRoute[] = [
  {
    method: 'POST',
    path: 'orders',
    handle: ({ runtime, body }) => {
      const input = parseInput(createSchema, body);
      const { state } = runtime;
      const lines =
        input.lines?.map((l) => ({ sku: resolveSku(state, l.sku), quantity: l.quantity })) ??
        (input.sku ? [{ sku: resolveSku(state, input.sku), quantity: input.quantity ?? 1 }] : undefined);
      try {
        const orders = Array.from({ length: input.count }, () =>
          createOrder(state, {
            status: input.status as ParentOrder['status'],
            lines,
            buyerKey: input.buyerKey,
            labels: input.labels,
            malformed: malformedKind(input.malformed),
            fresh: true,
            ...(input.createdAtMs !== undefined
              ? { createdAtMs: Math.min(input.createdAtMs, Date.now()) }
              : {}),
            shippingMinor: input.shippingMinor,
            sellerDiscountMinor: input.sellerDiscountMinor,
            temuDiscountMinor: input.temuDiscountMinor,
          }),
        );
        return { orders: orders.map(orderState) };
      } catch (err) {
        throw new ControlError(400, err instanceof Error ? err.message : String(err));
      }
    },
  },
  {
    method: 'POST',
    path: 'orders/stream',
    handle: ({ runtime, body }) => {
      const input = parseInput(
        z.object({ perMinute: z.number().min(0).max(6000), status: status.optional() }),
        body,
      );
      runtime.startStream(
        input.perMinute,
        input.status ? { status: input.status as ParentOrder['status'] } : {},
      );
      return { perMinute: runtime.streamRate };
    },
  },
  {
    method: 'POST',
    path: 'orders/:parentOrderSn/transition',
    handle: ({ runtime, body, params }) => {
      const input = parseInput(transitionSchema, body);
      const { state } = runtime;
      const parent = parentOf(state, params.parentOrderSn);
      try {
        if (input.to === 'unshipped') confirmPending(state, parent);
        else if (input.to === 'delivered') deliverLines(state, parent, input.orderSns);
        else if (input.to === 'address_changed') changeAddress(state, parent);
        else if (input.to === 'cancelled')
          cancelLines(
            state,
            parent,
            input.orderSns?.map((orderSn) => ({ orderSn })),
          );
        else {
          const sns = input.orderSns ?? [
            parent.children.find((c) => c.status === 1 || c.status === 2)?.orderSn ?? '',
          ];
          cancelLines(
            state,
            parent,
            sns.map((orderSn) => ({ orderSn, quantity: input.quantity ?? 1 })),
          );
        }
      } catch (err) {
        if (err instanceof TransitionError) throw new ControlError(409, err.message);
        throw err;
      }
      return { order: orderState(parent) };
    },
  },
  {
    method: 'POST',
    path: 'aftersales',
    handle: ({ runtime, body }) => {
      const input = parseInput(afterSalesSchema, body);
      const { state } = runtime;
      const parent = parentOf(state, input.parentOrderSn);
      const children = input.orderSns
        ? input.orderSns.map((sn) => {
            const child = parent.children.find((c) => c.orderSn === sn);
            if (!child)
              throw new ControlError(400, `orderSns: ${sn} is not a line of ${parent.parentOrderSn}`);
            return child;
          })
        : parent.children.filter((c) => c.status !== 3);
      if (input.kind === 'cancel' && input.afterShipment) {
        if (!children.every((c) => c.status === 4 || c.status === 5))
          throw new ControlError(409, `afterShipment: ${parent.parentOrderSn} has lines not shipped yet`);
      } else if (input.kind === 'cancel') {
        if (!children.some((c) => c.status === 1 || c.status === 2)) {
          throw new ControlError(409, `${parent.parentOrderSn} has no unshipped line to cancel`);
        }
        parent.labels.add('pending_buyer_cancellation');
        state.touch(parent, []);
      } else if (!children.some((c) => c.status === 4 || c.status === 5)) {
        throw new ControlError(
          409,
          `${parent.parentOrderSn} has no shipped or delivered line for a ${input.kind}`,
        );
      }
      const c = openAfterSales(
        state,
        parent,
        input.kind,
        input.kind === 'return' ? 10 : input.afterShipment ? 5 : 1,
        children,
        input.quantity,
      );
      if (input.reason) for (const l of c.lines) l.reason = input.reason;
      state.afterSalesChanged(c);
      return { afterSales: afterSalesState(c) };
    },
  },
  {
    method: 'GET',
    path: 'state/orders',
    handle: ({ runtime, query }) => {
      const wanted = query.get('status');
      const orders = [...runtime.state.orders.values()].filter((o) => !wanted || String(o.status) === wanted);
      return { total: orders.length, orders: orders.map(orderState) };
    },
  },
  {
    method: 'GET',
    path: 'state/orders/:parentOrderSn',
    handle: ({ runtime, params }) => ({ order: orderState(parentOf(runtime.state, params.parentOrderSn)) }),
  },
  {
    method: 'GET',
    path: 'state/aftersales',
    handle: ({ runtime }) => ({ afterSales: [...runtime.state.afterSales.values()].map(afterSalesState) }),
  },
];
