import { z } from 'zod';
import { issueAuthCode } from '../handlers/auth.handler.js';
import { ControlError, parseInput } from './control-error.js';
import type { ControlRoute } from './route.js';
import { shipmentState, skuState } from './views.js';

const catalogSchema = z.array(
  z.object({
    goodsId: z
      .string()
      .regex(/^\d{1,20}$/)
      .optional(),
    goodsName: z.string().min(1),
    catId: z.number().int().positive().optional(),
    skus: z
      .array(
        z.object({
          skuId: z
            .string()
            .regex(/^\d{1,20}$/)
            .optional(),
          sellerSku: z.string().min(1),
          priceMinor: z.number().int().min(0),
          currency: z.string().length(3),
          stock: z.number().int().min(0).max(1_000_000),
        }),
      )
      .min(1),
  }),
);

export const seedSchema = z.object({
  seed: z.number().int().optional(),
  orderCount: z.number().int().min(0).max(10_000).optional(),
  catalog: catalogSchema.optional(),
  pendingToUnshippedMs: z.number().min(0).optional(),
  amountCalculationMs: z.number().min(0).optional(),
  amountScopeGranted: z.boolean().optional(),
  priceScopeGranted: z.boolean().optional(),
});

export { catalogSchema };

const summary = (r: {
  state: { goods: Map<unknown, unknown>; skus: Map<unknown, unknown>; orders: Map<unknown, unknown> };
}) => ({
  goods: r.state.goods.size,
  skus: r.state.skus.size,
  orders: r.state.orders.size,
});

export const shopRoutes: ControlRoute[] = [
  {
    method: 'POST',
    path: 'seed',
    handle: ({ runtime, body }) => {
      const input = parseInput(seedSchema, body);
      try {
        runtime.reseed(input);
      } catch (err) {
        throw new ControlError(400, err instanceof Error ? err.message : String(err));
      }
      return summary(runtime);
    },
  },
  {
    method: 'POST',
    path: 'reset',
    handle: ({ runtime }) => {
      runtime.reset();
      return summary(runtime);
    },
  },
  {
    method: 'GET',
    path: 'state/skus',
    handle: ({ runtime }) => ({ skus: [...runtime.state.skus.values()].map(skuState) }),
  },
  {
    method: 'GET',
    path: 'state/shipments',
    handle: ({ runtime }) => ({ shipments: runtime.state.shipments.map(shipmentState) }),
  },
  {
    method: 'POST',
    path: 'auth/codes',
    handle: ({ runtime, body }) => {
      const input = parseInput(z.object({ appKey: z.string().min(1).optional() }), body);
      const appKey = input.appKey ?? runtime.state.config.appKey;
      if (!runtime.state.apps.has(appKey)) throw new ControlError(400, `appKey: unknown app ${appKey}`);
      const { code, expiresAtMs } = issueAuthCode(runtime.state, appKey);
      return { code, expiresAt: new Date(expiresAtMs).toISOString() };
    },
  },
  {
    method: 'POST',
    path: 'tokens/update',
    handle: ({ runtime, body }) => {
      const input = parseInput(
        z.object({
          accessToken: z.string().min(1).optional(),
          expired: z.boolean().optional(),
          grantScopes: z.array(z.string()).optional(),
          revokeScopes: z.array(z.string()).optional(),
          /** When the token lapses (ISO time), for token-expiry alerts (#14); `expired` revokes outright. */
          expiresAt: z.iso.datetime({ offset: true }).optional(),
        }),
        body,
      );
      const token = runtime.state.tokens.get(input.accessToken ?? runtime.state.config.accessToken);
      if (!token) throw new ControlError(404, 'accessToken: no such token');
      if (input.expired !== undefined) token.revoked = input.expired;
      for (const s of input.grantScopes ?? []) token.scopes.add(s);
      for (const s of input.revokeScopes ?? []) token.scopes.delete(s);
      if (input.expiresAt !== undefined) token.expiresAt = Math.floor(Date.parse(input.expiresAt) / 1000);
      return {
        expired: token.revoked,
        expiresAt: new Date(token.expiresAt * 1000).toISOString(),
        scopes: [...token.scopes].sort(),
      };
    },
  },
  {
    method: 'POST',
    path: 'apps',
    handle: ({ runtime, body }) => {
      const input = parseInput(z.object({ appKey: z.string().min(1), appSecret: z.string().min(1) }), body);
      runtime.state.apps.set(input.appKey, input.appSecret);
      return { appKey: input.appKey };
    },
  },
];
