import { API_TYPES, PRICE_TYPES, WHITELISTED_TYPES, type EndpointGroup } from './api-types.js';
import type {
  AfterSalesCase,
  AuthCode,
  ChildOrder,
  GoodsRecord,
  ParentOrder,
  Shipment,
  SkuRecord,
  TokenRecord,
} from './data/model.js';
import { deriveParentStatus } from './data/order-status.js';
import { REGIONS, type RegionProfile } from './data/regions.js';
import { FaultInjector } from './faults.js';
import { advancePriceOrders, defaultPriceReviewPolicy } from './data/price-orders.js';
import type { PriceOrder, PriceReviewPolicy } from './data/price-orders.js';
import type { SandboxConfig } from './options.js';
import { RateLimiter } from './rate-limiter.js';
import { Rng } from './rng.js';
import { SandboxStats } from './stats.js';

/** What webhooks are pushed for (docs/temu-api.md §14.3). */
export type SandboxEvent =
  | { kind: 'status'; parent: ParentOrder; children: ChildOrder[] }
  | { kind: 'address'; parent: ParentOrder }
  | { kind: 'aftersales'; afterSales: AfterSalesCase };

const MALL_ID = 634_418_212_233;
const YEAR_S = 365 * 24 * 3600;

/** Everything the sandbox knows: credentials, shop data, counters, limiter, statistics, faults. */
export class SandboxState {
  readonly region: RegionProfile;
  readonly mallId = MALL_ID;
  rng: Rng;
  apps = new Map<string, string>();
  tokens = new Map<string, TokenRecord>();
  codes = new Map<string, AuthCode>();
  goods = new Map<string, GoodsRecord>();
  skus = new Map<string, SkuRecord>();
  orders = new Map<string, ParentOrder>();
  children = new Map<string, ChildOrder>();
  shipments: Shipment[] = [];
  trackingNumbers = new Set<string>();
  afterSales = new Map<string, AfterSalesCase>();
  stockRequests = new Map<string, { fingerprint: string; result: unknown }>();
  addressQuota = new Map<string, number>();
  priceOrders: PriceOrder[] = [];
  priceReview: PriceReviewPolicy;
  /** Temu's recommended base price per skuId (temu.local.goods.recommendedprice.query), minor units. */
  recommendedPrices = new Map<string, number>();
  limiter: RateLimiter;
  stats = new SandboxStats();
  faults = new FaultInjector();
  webhookUrl: string | null = null;
  private listeners: ((event: SandboxEvent) => void)[] = [];
  private seq = 0;

  /** See TemuSandboxOptions.onAdmitted. */
  onAdmitted: ((appKey: string, group: EndpointGroup, nowMs: number) => void) | null = null;

  constructor(
    public config: SandboxConfig,
    sharedLimiter?: RateLimiter,
  ) {
    this.region = REGIONS[config.market];
    this.rng = new Rng(config.seed);
    this.limiter = sharedLimiter ?? new RateLimiter(config.rateLimits);
    this.priceReview = defaultPriceReviewPolicy(config.priceReviewLatencyMs);
    this.resetCredentials();
  }

  resetCredentials(): void {
    this.apps = new Map([[this.config.appKey, this.config.appSecret]]);
    this.tokens = new Map();
    this.codes = new Map();
    const scopes = this.defaultScopes();
    this.tokens.set(this.config.accessToken, {
      accessToken: this.config.accessToken,
      appKey: this.config.appKey,
      mallId: this.mallId,
      expiresAt: Math.floor(Date.now() / 1000) + YEAR_S,
      revoked: false,
      scopes,
    });
  }

  /** Scopes a freshly authorised token gets: everything, whitelisted calls as configured. */
  defaultScopes(): Set<string> {
    const scopes = new Set<string>(API_TYPES);
    for (const t of WHITELISTED_TYPES) {
      if (t === 'bg.order.amount.query' && !this.config.amountScopeGranted) scopes.delete(t);
      if (PRICE_TYPES.has(t) && !this.config.priceScopeGranted) scopes.delete(t);
    }
    return scopes;
  }

  clearShop(): void {
    this.rng = new Rng(this.config.seed);
    this.goods.clear();
    this.skus.clear();
    this.orders.clear();
    this.children.clear();
    this.shipments = [];
    this.trackingNumbers.clear();
    this.afterSales.clear();
    this.stockRequests.clear();
    this.addressQuota.clear();
    this.priceOrders = [];
    this.priceReview = defaultPriceReviewPolicy(this.config.priceReviewLatencyMs);
    this.recommendedPrices.clear();
    this.seq = 0;
  }

  /** A unique, increasing serial used inside generated numbers. */
  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** `PO-<regionId>-<17 digits>` / `<regionId>-<17 digits>` (docs/temu-api.md §8.1). */
  newParentOrderSn(): string {
    return `PO-${this.region.regionId}-${this.serial17()}`;
  }

  newOrderSn(): string {
    return `${this.region.regionId}-${this.serial17()}`;
  }

  private serial17(): string {
    return `${this.rng.digits(9)}${String(this.nextSeq()).padStart(6, '0')}92`;
  }

  newPackageSn(): string {
    return `PK-${this.rng.digits(13)}${String(this.nextSeq()).padStart(6, '0')}`;
  }

  newAfterSalesSn(prefix: 'PO' | 'AS'): string {
    return `${prefix === 'PO' ? 'PAS' : 'AS'}-${this.region.regionId}-${this.rng.digits(11)}${String(this.nextSeq()).padStart(6, '0')}`;
  }

  addOrder(order: ParentOrder): void {
    this.orders.set(order.parentOrderSn, order);
    for (const child of order.children) this.children.set(child.orderSn, child);
  }

  sku(skuId: bigint): SkuRecord | undefined {
    return this.skus.get(skuId.toString());
  }

  skuBySellerCode(code: string): SkuRecord | undefined {
    for (const sku of this.skus.values()) if (sku.sellerSku === code) return sku;
    return undefined;
  }

  /** Re-derives the parent status after line changes and notifies listeners (webhooks). */
  touch(parent: ParentOrder, changed: ChildOrder[], kind: 'status' | 'address' = 'status'): void {
    const before = parent.status;
    parent.status = deriveParentStatus(parent.children);
    parent.updatedAt = Math.floor(Date.now() / 1000);
    if (parent.status === 2 && before === 1 && parent.confirmAt === null) parent.confirmAt = parent.updatedAt;
    this.emit(kind === 'status' ? { kind, parent, children: changed } : { kind, parent });
  }

  afterSalesChanged(afterSales: AfterSalesCase): void {
    this.emit({ kind: 'aftersales', afterSales });
  }

  private emit(event: SandboxEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  onEvent(listener: (event: SandboxEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Price orders whose review is due are decided (lazily, on every price call). */
  advancePriceOrders(nowMs = Date.now()): void {
    advancePriceOrders(this.priceOrders, this.priceReview, (id) => this.sku(id), nowMs);
  }

  /** Pending → unshipped once the pending window has passed (docs/temu-api.md §8.1: automatic). */
  advanceLifecycle(nowMs = Date.now()): void {
    const nowS = Math.floor(nowMs / 1000);
    for (const parent of this.orders.values()) {
      if (parent.status !== 1 || parent.pendingFinishAtMs > nowMs) continue;
      const changed = parent.children.filter((c) => c.status === 1);
      for (const child of changed) child.status = 2;
      parent.confirmAt = nowS;
      this.touch(parent, changed);
    }
  }
}
