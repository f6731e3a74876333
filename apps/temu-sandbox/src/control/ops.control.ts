import { z } from 'zod';
import { ENDPOINT_GROUPS } from '../api-types.js';
import { resolveRateLimits } from '../rate-limiter.js';
import { SandboxStats } from '../stats.js';
import { parseInput } from './control-error.js';
import type { ControlRoute } from './route.js';

const rate = z.number().min(0).max(1);

const faultSchema = z.object({
  throttleRate: rate.default(0),
  systemErrorRate: rate.default(0),
  http5xxRate: rate.default(0),
  dropConnectionRate: rate.default(0),
  latencyMs: z.number().int().min(0).max(120_000).default(0),
  durationMs: z.number().int().min(1).optional(),
  types: z.array(z.string()).min(1).optional(),
});

const groupLimits = z.object(
  Object.fromEntries(ENDPOINT_GROUPS.map((g) => [g, z.number().int().min(1).optional()])),
);

const rateLimitSchema = z.object({
  appKeyPerSecond: z.number().int().min(1).optional(),
  groupPerMinute: groupLimits.optional(),
  throttleHttp429: z.boolean().optional(),
});

export const opsRoutes: ControlRoute[] = [
  {
    method: 'POST',
    path: 'faults',
    handle: ({ runtime, body }) => {
      const { durationMs, types, ...rates } = parseInput(faultSchema, body);
      return { faults: runtime.state.faults.set({ ...rates, types: types ?? null }, durationMs) };
    },
  },
  {
    method: 'DELETE',
    path: 'faults',
    handle: ({ runtime }) => {
      runtime.state.faults.clear();
      return { faults: runtime.state.faults.current() };
    },
  },
  { method: 'GET', path: 'faults', handle: ({ runtime }) => ({ faults: runtime.state.faults.current() }) },
  {
    method: 'GET',
    path: 'stats',
    handle: ({ runtime }) => ({
      ...runtime.state.stats.snapshot(),
      rateLimits: runtime.state.limiter.config,
    }),
  },
  {
    method: 'POST',
    path: 'stats/reset',
    handle: ({ runtime }) => {
      runtime.state.stats = new SandboxStats();
      return runtime.state.stats.snapshot();
    },
  },
  {
    method: 'POST',
    path: 'rate-limits',
    handle: ({ runtime, body }) => {
      const input = parseInput(rateLimitSchema, body);
      const current = runtime.state.limiter.config;
      const groupPerMinute = Object.fromEntries(
        Object.entries(input.groupPerMinute ?? {}).filter(([, v]) => v !== undefined),
      ) as Partial<typeof current.groupPerMinute>;
      runtime.state.limiter.config = resolveRateLimits({
        appKeyPerSecond: input.appKeyPerSecond ?? current.appKeyPerSecond,
        groupPerMinute: { ...current.groupPerMinute, ...groupPerMinute },
        throttleHttp429: input.throttleHttp429 ?? current.throttleHttp429,
      });
      runtime.state.limiter.reset();
      return { rateLimits: runtime.state.limiter.config };
    },
  },
  {
    method: 'POST',
    path: 'webhooks',
    handle: ({ runtime, body }) => {
      const input = parseInput(
        z.object({ url: z.string().refine((v) => URL.canParse(v), { message: 'expected an http(s) URL' }) }),
        body,
      );
      runtime.state.webhookUrl = input.url;
      return { url: input.url };
    },
  },
  {
    method: 'DELETE',
    path: 'webhooks',
    handle: ({ runtime }) => {
      runtime.state.webhookUrl = null;
      return { url: null };
    },
  },
];
