import type { Redis } from 'ioredis';
import type { Logger, ShopConfig } from '@temu-odoo/config';
import { systemClock, type ErpPort } from '@temu-odoo/core';
import { currentJobSignal, type QueueRegistry, type TemuQuotaLimiter } from '@temu-odoo/queues';
import { TemuClient, TemuMarketplace } from '@temu-odoo/temu-connector';
import { OrderLocks } from './orders/order-locks.js';
import { UpsertBuffer } from './orders/upsert-buffer.js';
import { ShopState } from './shop-state.js';
import { countTemuCall } from './seller-metrics/daily-counters.js';
import type { ShopContext, WorkerDeps, WorkerSettings } from './worker-deps.js';

export interface BuildDepsInput {
  shops: ShopConfig[];
  erp: ErpPort;
  redis: Redis;
  prefix: string;
  registry: QueueRegistry;
  settings: WorkerSettings;
  log: Logger;
  /** One shared limiter per app key (quotas are per app key, across replicas). */
  limiterFor: (appKey: string) => TemuQuotaLimiter;
}

/**
 * Per shop: a Temu client that takes a slot of the shared quota before every request and, on a
 * throttle answer, blocks the endpoint group for every replica and surfaces the throttle at once
 * (the queue then pauses without spending an attempt, R18).
 */
export function buildWorkerDeps(input: BuildDepsInput): WorkerDeps {
  const shops = new Map<string, ShopContext>();
  for (const config of input.shops) {
    const limiter = input.limiterFor(config.appKey);
    const client = new TemuClient({
      baseUrl: config.gatewayUrl,
      appKey: config.appKey,
      appSecret: config.appSecret,
      accessToken: config.accessToken,
      retry: { retryThrottled: false },
      // The running job's signal: a job released at shutdown stops calling Temu and waiting for quota.
      signal: currentJobSignal,
      beforeRequest: async (group) => {
        await limiter.acquire(group, currentJobSignal());
        // Calls per group and minute, for the health page's quota use (#14).
        await countTemuCall(input.redis, input.prefix, group);
      },
      onThrottle: (group, ms) => void limiter.block(group, ms).catch(() => undefined),
    });
    shops.set(config.shopId, {
      config,
      market: new TemuMarketplace({ shopId: config.shopId, client }),
      state: new ShopState(input.redis, input.prefix, config.shopId, input.settings.retention),
    });
  }
  return {
    shops,
    erp: input.erp,
    redis: input.redis,
    prefix: input.prefix,
    registry: input.registry,
    buffer: new UpsertBuffer(input.redis, input.prefix),
    locks: new OrderLocks(input.redis, input.prefix),
    settings: input.settings,
    clock: systemClock,
    log: input.log,
  };
}
