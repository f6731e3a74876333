import type { Redis } from 'ioredis';
import type { Logger, ShopConfig } from '@temu-odoo/config';
import {
  BadInputError,
  systemClock,
  type ConsignmentErpPort,
  type ErpPort,
  type ErpPricingPort,
  type ListingErpPort,
  type ReturnsErpPort,
} from '@temu-odoo/core';
import { currentJobSignal, type QueueRegistry, type TemuQuotaLimiter } from '@temu-odoo/queues';
import {
  TemuClient,
  TemuConsignment,
  TemuListing,
  TemuMarketplace,
  TemuPricing,
  TemuSemiMarketplace,
  TemuWarehouseSales,
} from '@temu-odoo/temu-connector';
import { OrderLocks, ShopState, UpsertBuffer } from '@temu-odoo/coordination';
import { countTemuCall } from './seller-metrics/daily-counters.js';
import type { ShopContext, WorkerDeps, WorkerSettings } from './worker-deps.js';
import type { PricingSetup, ShopPricingFile } from './pricing/pricing-setup.js';

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
  /** Pricing (PRICING_FILE) and the ERP side it reads and writes; absent → no pricing. */
  pricing?: { erp: ErpPricingPort; shops: Map<string, ShopPricingFile>; reviewPollMs: number };
  /** After-sales in the ERP; main passes the same OdooErp as `erp`. */
  returnsErp?: ReturnsErpPort;
  /** The ERP side of the listing jobs (Odoo products, images, to-dos); without it they park. */
  listingErp?: ListingErpPort;
  /** Consignment sale orders (fully-managed shops); main passes OdooErp's. */
  consignmentErp?: ConsignmentErpPort;
}

/**
 * Per shop: a Temu client that takes a slot of the shared quota before every request and, on a
 * throttle answer, blocks the endpoint group for every replica and surfaces the throttle at once
 * (the queue then pauses without spending an attempt, R18).
 */
export function buildWorkerDeps(input: BuildDepsInput): WorkerDeps {
  const shops = new Map<string, ShopContext>();
  const pricing: PricingSetup | undefined = input.pricing
    ? { erp: input.pricing.erp, shops: new Map(), reviewPollMs: input.pricing.reviewPollMs }
    : undefined;
  const listings = new Map<string, TemuListing>();
  const addShop = (config: ShopConfig) => {
    const limiter = input.limiterFor(config.appKey);
    // Every gateway of a shop spends the same app key's quotas (one limiter per app key).
    const clientOn = (baseUrl: string, accessToken: string) =>
      new TemuClient({
        baseUrl,
        appKey: config.appKey,
        appSecret: config.appSecret,
        accessToken,
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
    const client = clientOn(config.gatewayUrl, config.accessToken);
    // Selling models (README "Selling models"): semi keeps stock on the PARTNER gateway.
    const market =
      config.sellingModel === 'semi'
        ? new TemuSemiMarketplace({
            shopId: config.shopId,
            client,
            partnerClient: clientOn(
              config.partnerGatewayUrl!,
              config.partnerAccessToken ?? config.accessToken,
            ),
            warehouseId: config.semiWarehouseId!,
            ...(config.supplierId ? { supplierId: config.supplierId } : {}),
          })
        : new TemuMarketplace({ shopId: config.shopId, client });
    const consignment =
      config.sellingModel === 'full'
        ? new TemuConsignment({
            shopId: config.shopId,
            client,
            deliveryAddressId: config.deliveryAddressId!,
            deliveryAddressType: config.deliveryAddressType ?? 4,
            expressCompany:
              config.expressCompanyId && config.expressCompanyName
                ? { id: config.expressCompanyId, name: config.expressCompanyName }
                : null,
          })
        : undefined;
    listings.set(config.shopId, new TemuListing({ client }));
    shops.set(config.shopId, {
      config,
      market,
      returns: market,
      ...(consignment ? { consignment } : {}),
      state: new ShopState(input.redis, input.prefix, config.shopId, input.settings.retention),
      ...(config.sellingModel === 'full' ? { warehouseSales: new TemuWarehouseSales(client) } : {}),
    });
    const shopPricing = input.pricing?.shops.get(config.shopId);
    if (pricing && shopPricing)
      pricing.shops.set(config.shopId, { ...shopPricing, market: new TemuPricing(config.shopId, client) });
  };
  for (const config of input.shops) addShop(config);
  /**
   * The shops file changed (ShopsWatcher): new and changed shops get fresh clients (a rotated token
   * is used from the next call), removed ones go, so their jobs park naming the shops served.
   * Running jobs keep the context they already hold.
   */
  const setShops = (next: ShopConfig[]) => {
    const keep = new Set(next.map((s) => s.shopId));
    for (const id of [...shops.keys()]) {
      if (keep.has(id)) continue;
      shops.delete(id);
      listings.delete(id);
      pricing?.shops.delete(id);
    }
    for (const config of next)
      if (JSON.stringify(shops.get(config.shopId)?.config) !== JSON.stringify(config)) addShop(config);
  };
  return {
    shops,
    setShops,
    erp: input.erp,
    redis: input.redis,
    prefix: input.prefix,
    registry: input.registry,
    buffer: new UpsertBuffer(input.redis, input.prefix),
    locks: new OrderLocks(input.redis, input.prefix),
    settings: input.settings,
    clock: systemClock,
    log: input.log,
    ...(pricing ? { pricing } : {}),
    ...(input.returnsErp ? { returnsErp: input.returnsErp } : {}),
    ...(input.consignmentErp ? { consignmentErp: input.consignmentErp } : {}),
    ...(input.listingErp
      ? {
          listing: {
            erp: input.listingErp,
            settings: input.settings.listing,
            marketplaceFor: (shopId: string) => {
              const listing = listings.get(shopId);
              if (!listing) throw new BadInputError(`unknown shop ${shopId}`, 'ERR_UNKNOWN_SHOP');
              return listing;
            },
          },
        }
      : {}),
  };
}
