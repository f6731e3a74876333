import type { Redis } from 'ioredis';
import type { Logger, ShopConfig, ShopReplenishment } from '@temu-odoo/config';
import {
  BadInputError,
  type Clock,
  type ConsignmentErpPort,
  type ConsignmentMarketplacePort,
  type ErpPort,
  type ErpTransferPort,
  type MarketplaceWarehouseSalesPort,
  type MarketplacePort,
  type ReturnPolicy,
  type ReturnsErpPort,
  type ReturnsMarketplacePort,
  type SafetyStockConfig,
  type SaleTaxPolicy,
  type SkuMapping,
} from '@temu-odoo/core';
import type { QueueRegistry } from '@temu-odoo/queues';
import type { OrderLocks, ShopState, StateRetention, UpsertBuffer } from '@temu-odoo/coordination';
import type { PricingSetup } from './pricing/pricing-setup.js';
import type { ListingContext } from './listing/run-listing.js';
import type { ListingSettings } from './listing/listing-settings.js';
import type { HealthDeps } from './seller-metrics/health-deps.js';
import type { ReturnLabelSetup } from './returns/return-label-env.js';

export interface WorkerSettings {
  batchSize: number;
  flushDelayMs: number;
  backfillDays: number;
  pollOverlapMs: number;
  stockSyncMinutes: number;
  stockSyncFastMinutes: number;
  channelShares: Record<string, number>;
  safety: SafetyStockConfig;
  oversellWindowMs: number;
  skuMapping: SkuMapping;
  /** Which Odoo tax a Temu rate gets per shop and destination (MAPPING_FILE "taxes"). */
  taxPolicy: SaleTaxPolicy;
  /** Odoo carrier name (lower case) → Temu carrierId. */
  carriers: Map<string, string>;
  defaultCarrierId: string | null;
  retention: StateRetention;
  /** After-sales policy (R15); the default when absent: nothing agreed or refunded without a person. */
  returnPolicy?: ReturnPolicy;
  /** Listing checks and publication (MAPPING_FILE "listing"). */
  listing: ListingSettings;
}

export interface ShopContext {
  config: ShopConfig;
  market: MarketplacePort;
  state: ShopState;
  /** After-sales on the marketplace (the Temu connector implements both ports). */
  returns?: ReturnsMarketplacePort;
  /** Fully-managed shops: sales counters and stock per Temu warehouse (replenishment, issue 16). */
  warehouseSales?: MarketplaceWarehouseSalesPort;
  /** Fully-managed shops only (issue 16): purchase and ship orders on the CN gateway. */
  consignment?: ConsignmentMarketplacePort;
}

/** Everything processors need, built once by main (and by tests with sandboxes). */
export interface WorkerDeps {
  shops: Map<string, ShopContext>;
  /** Replaces the shops served (the shops file changed); built by buildWorkerDeps. */
  setShops?: (shops: ShopConfig[]) => void;
  /**
   * Re-reads the shops file now (ShopsWatcher.check); true when the shops changed. A job for a shop
   * this worker does not know asks first, so a shop just added is not parked while the periodic
   * check has not come round yet.
   */
  refreshShops?: () => boolean;
  erp: ErpPort;
  redis: Redis;
  prefix: string;
  registry: QueueRegistry;
  buffer: UpsertBuffer;
  locks: OrderLocks;
  settings: WorkerSettings;
  clock: Clock;
  log: Logger;
  /** Pricing (PRICING_FILE); absent when the fleet does not price. */
  pricing?: PricingSetup;
  /** After-sales in the ERP (the Odoo client implements both ports). */
  returnsErp?: ReturnsErpPort;
  /** Buying the seller's return labels (RETURN_LABEL_PROVIDER_URL); absent: a person uploads them. */
  returnLabels?: ReturnLabelSetup;
  /** Listing checks and publication; absent in workers built without the listing ERP side. */
  listing?: ListingContext;
  /** Seller metrics, ship-by risk and alerts (issue 14); absent: default horizon, no alerts sent. */
  health?: HealthDeps;
  /** Replenishment rules per fully-managed shop (REPLENISHMENT_FILE) and the ERP that drafts transfers. */
  replenishment?: { shops: Record<string, ShopReplenishment>; erp: ErpTransferPort };
  /** Consignment sale orders and deliveries (issue 16); absent: fully-managed jobs park naming it. */
  consignmentErp?: ConsignmentErpPort;
}

export function shopOf(deps: WorkerDeps, shopId: string): ShopContext {
  let shop = deps.shops.get(shopId);
  if (!shop && deps.refreshShops?.()) shop = deps.shops.get(shopId);
  if (!shop) {
    throw new BadInputError(
      `unknown shop ${shopId}: this worker serves ${[...deps.shops.keys()].join(', ')} (TEMU_SHOP_ID / TEMU_SHOPS_FILE)`,
      'ERR_UNKNOWN_SHOP',
    );
  }
  return shop;
}
