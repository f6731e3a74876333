import type { Redis } from 'ioredis';
import type { Logger, ShopConfig } from '@temu-odoo/config';
import {
  BadInputError,
  type Clock,
  type ErpPort,
  type MarketplacePort,
  type SafetyStockConfig,
  type SaleTaxPolicy,
  type SkuMapping,
} from '@temu-odoo/core';
import type { QueueRegistry } from '@temu-odoo/queues';
import type { OrderLocks } from './orders/order-locks.js';
import type { UpsertBuffer } from './orders/upsert-buffer.js';
import type { ShopState } from './shop-state.js';
import type { StateRetention } from './state-retention.js';
import type { HealthDeps } from './seller-metrics/health-deps.js';

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
}

export interface ShopContext {
  config: ShopConfig;
  market: MarketplacePort;
  state: ShopState;
}

/** Everything processors need, built once by main (and by tests with sandboxes). */
export interface WorkerDeps {
  shops: Map<string, ShopContext>;
  erp: ErpPort;
  redis: Redis;
  prefix: string;
  registry: QueueRegistry;
  buffer: UpsertBuffer;
  locks: OrderLocks;
  settings: WorkerSettings;
  clock: Clock;
  log: Logger;
  /** Seller metrics, ship-by risk and alerts (issue 14); absent: default horizon, no alerts sent. */
  health?: HealthDeps;
}

export function shopOf(deps: WorkerDeps, shopId: string): ShopContext {
  const shop = deps.shops.get(shopId);
  if (!shop) {
    throw new BadInputError(
      `unknown shop ${shopId}: this worker serves ${[...deps.shops.keys()].join(', ')} (TEMU_SHOP_ID / TEMU_SHOPS_FILE)`,
      'ERR_UNKNOWN_SHOP',
    );
  }
  return shop;
}
