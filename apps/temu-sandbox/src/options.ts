import { TEMU_DEFAULTS } from '@temu-odoo/config';
import type { Logger } from '@temu-odoo/config';
import { demoCatalog, type SandboxCatalogItem } from './data/catalog.js';
import type { SandboxMarket, SandboxRegion } from './envelope.js';
import { REGIONS } from './data/regions.js';
import type { EndpointGroup } from './api-types.js';
import {
  resolveRateLimits,
  type RateLimitConfig,
  type RateLimitOverrides,
  type RateLimiter,
} from './rate-limiter.js';

export interface TemuSandboxOptions {
  /** 0 = a free port; default TEMU_SANDBOX_PORT or 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Credentials accepted by the gateway; defaults TEMU_DEFAULTS from @temu-odoo/config. */
  appKey?: string;
  appSecret?: string;
  accessToken?: string;
  /** Seed of the deterministic shop data (default 1). */
  seed?: number;
  /** Goods and SKUs of the shop (default `demoCatalog()`). */
  catalog?: SandboxCatalogItem[];
  /** Parent orders seeded at start (default 20, spread over every status). */
  orderCount?: number;
  /** Pending orders become unshipped after this delay (default 30 000 ms). */
  pendingToUnshippedMs?: number;
  /** Amounts of freshly created orders answer 140020008 for this long (default 2 000 ms). */
  amountCalculationMs?: number;
  /** Goods added over the API stay 4-Incomplete (price evaluation) this long (default 1 000 ms). */
  listingReviewMs?: number;
  /** Per app key req/s and per endpoint group req/min (defaults: docs/temu-api.md §6 and mission R18). */
  rateLimits?: RateLimitOverrides;
  /** false ⇒ the token lacks `bg.order.amount.query` and it answers 3000032 (default true). */
  amountScopeGranted?: boolean;
  /** false ⇒ the token lacks the whitelisted price APIs, which answer 3000032 (default true). */
  priceScopeGranted?: boolean;
  /** How long Temu takes to review a price order (default 0: decided at the next price call). */
  priceReviewLatencyMs?: number;
  /** Where order events are pushed (docs/temu-api.md §14); also settable with POST /_sandbox/webhooks. */
  webhookUrl?: string;
  /** Gateway region: request id prefix, region id and currency (default US). */
  region?: SandboxRegion;
  /**
   * The market the shop sells in when it is not the gateway region's own: `UK` (region 210, GBP,
   * 20 % VAT, served by the EU gateway). Default: the region's market.
   */
  market?: SandboxMarket;
  /** Optional logger (pino); the sandbox is silent without one. */
  logger?: Logger;
  /**
   * One limiter shared by several sandboxes in a process, each serving one shop: Temu counts an app
   * key's quota over every shop that uses it, so shops sharing an app key must share its windows
   * (benchmarks of many shops). Default: a limiter of this sandbox's own.
   */
  sharedLimiter?: RateLimiter;
  /** Called for every admitted gateway call (benchmarks measure rates across sandboxes with it). */
  onAdmitted?: (appKey: string, group: EndpointGroup, nowMs: number) => void;
}

export interface SandboxConfig {
  appKey: string;
  appSecret: string;
  accessToken: string;
  seed: number;
  catalog: SandboxCatalogItem[];
  orderCount: number;
  pendingToUnshippedMs: number;
  amountCalculationMs: number;
  amountScopeGranted: boolean;
  priceScopeGranted: boolean;
  priceReviewLatencyMs: number;
  listingReviewMs: number;
  region: SandboxRegion;
  market: SandboxMarket;
  rateLimits: RateLimitConfig;
}

export function defaultPort(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TEMU_SANDBOX_PORT;
  if (raw === undefined || raw === '') return 4010;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`TEMU_SANDBOX_PORT: expected a port number 0–65535 (got ${JSON.stringify(raw)})`);
  }
  return port;
}

export function resolveConfig(opts: TemuSandboxOptions): SandboxConfig {
  const market = opts.market ?? opts.region ?? 'US';
  const region = opts.region ?? (market === 'UK' ? 'EU' : market);
  if (market === 'UK' && region !== 'EU')
    throw new Error(`temu-sandbox: the UK market is served by the EU gateway, not ${region}`);
  const config: SandboxConfig = {
    appKey: opts.appKey ?? TEMU_DEFAULTS.TEMU_APP_KEY,
    appSecret: opts.appSecret ?? TEMU_DEFAULTS.TEMU_APP_SECRET,
    accessToken: opts.accessToken ?? TEMU_DEFAULTS.TEMU_ACCESS_TOKEN,
    seed: opts.seed ?? 1,
    catalog: opts.catalog ?? demoCatalog(REGIONS[market].currency),
    orderCount: opts.orderCount ?? 20,
    pendingToUnshippedMs: opts.pendingToUnshippedMs ?? 30_000,
    amountCalculationMs: opts.amountCalculationMs ?? 2_000,
    amountScopeGranted: opts.amountScopeGranted ?? true,
    priceScopeGranted: opts.priceScopeGranted ?? true,
    priceReviewLatencyMs: opts.priceReviewLatencyMs ?? 0,
    listingReviewMs: opts.listingReviewMs ?? 1_000,
    region,
    market,
    rateLimits: resolveRateLimits(opts.rateLimits),
  };
  for (const [name, value] of [
    ['orderCount', config.orderCount],
    ['pendingToUnshippedMs', config.pendingToUnshippedMs],
    ['amountCalculationMs', config.amountCalculationMs],
    ['priceReviewLatencyMs', config.priceReviewLatencyMs],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) throw new Error(`temu-sandbox: ${name} must be a number ≥ 0`);
  }
  return config;
}
