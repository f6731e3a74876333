/**
 * A listing world for the e2e test and the bench: both sandboxes on free ports, real Redis under a
 * unique prefix, a worker's dependencies built as main builds them (Odoo adapters, Temu connector
 * with the shared quota limiter) and a WorkerRunner serving the `temu-products` queue. Products are
 * created in the Odoo sandbox over JSON-RPC, as a seller would (fixtures product_images_categories).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { createLogger, loadShops, parseEnv } from '@temu-odoo/config';
import { parsePricingConfig } from '@temu-odoo/core';
import { OdooConnection, OdooErp, OdooListingProducts } from '@temu-odoo/odoo-client';
import { startOdooSandbox, type RunningOdooSandbox } from '@temu-odoo/odoo-sandbox';
import {
  QueueRegistry,
  TemuQuotaLimiter,
  WorkerRunner,
  createRedisConnection,
  deleteKeysByPrefix,
  type JobInput,
  type QueueName,
} from '@temu-odoo/queues';
import { startTemuSandbox, type RunningTemuSandbox } from '@temu-odoo/temu-sandbox';
import { buildWorkerDeps } from '../../apps/worker/src/build-worker-deps.js';
import { buildProcessors } from '../../apps/worker/src/processors/index.js';
import type { ListingRunSummary } from '../../apps/worker/src/listing/run-listing.js';
import { workerEnvSchema } from '../../apps/worker/src/worker-env.js';
import { workerSettings } from '../../apps/worker/src/worker-settings.js';
import type { WorkerDeps } from '../../apps/worker/src/worker-deps.js';
import { uniquePrefix } from './fleet.js';

export const LISTING_SHOP = 'shop-listing';

/**
 * The shop's pricing (README "Pricing", its worked example): publishing takes the engine's price.
 * Cost 10.00 → landed 11.00 (+10 %), + shipping 3.00 + fee 0.50 = 14.50; fees 12 + 2 + 5 = 19 %,
 * margin 20 % → ⌈14.50 ÷ 0.61⌉ = 23.78 → ending .99 → 23.99.
 */
export const LISTING_PRICING = {
  commission: { defaultRate: 0.12 },
  paymentFeeRate: 0.02,
  advertisingRate: 0.05,
  targetMargin: 0.2,
  minMargin: 0.05,
  fixedFeeMinor: 50,
  landedCostUplift: { defaultRate: 0.1 },
  shipping: { defaultMinor: 300 },
  priceEnding: { everyMinor: 100, endingMinor: 99 },
};
const CREDS = {
  appKey: 'listing0app0key00000000000000000',
  appSecret: 'listing-app-secret-0123456789abcdef',
  accessToken: 'listing-access-token-abcdefghijklmnopqrstuvwxyz01',
};

/** One Odoo product template to create; `variants` are Colour values (each its own SKU). */
export interface ListingSeed {
  name: string;
  category: string;
  /** Colour value → internal reference (null: left without one). */
  variants: Array<{ colour: string; code: string | null }>;
  /** Product-level attributes (no_variant): name → value. */
  attributes?: Record<string, string>;
  listPrice?: number;
  /** Odoo cost (`standard_price`), what the pricing engine prices from; default 10.00. */
  cost?: number;
  weightKg?: number;
  image?: Buffer | null;
  /** Extra images (eCommerce's product.image records; the world needs `withWebsiteSale`). */
  gallery?: Buffer[];
}

export interface ListingWorld {
  temu: RunningTemuSandbox;
  odoo: RunningOdooSandbox;
  redis: Redis;
  prefix: string;
  deps: WorkerDeps;
  /** The Odoo connection the worker's adapters use (its counter counts every Odoo call). */
  odooConnection: OdooConnection;
  /** A separate connection standing for the seller editing products in Odoo. */
  seller: OdooConnection;
  registry: QueueRegistry;
  categoryIds: Map<string, number>;
  createProducts(seeds: ListingSeed[]): Promise<Map<string, number>>;
  run<N extends 'listing.check' | 'listing.publish'>(
    name: N,
    data: JobInput<N>,
    timeoutMs?: number,
  ): Promise<ListingRunSummary>;
  close(): Promise<void>;
}

export async function startListingWorld(options: {
  label: string;
  categories: string[];
  mapping: Record<string, unknown>;
  listingReviewMs?: number;
  /** Queues served besides `temu-products` (e.g. stock and orders, to follow a product after publishing). */
  moreQueues?: QueueName[];
  /** Odoo with eCommerce (`website_sale`): products have gallery images. Default false. */
  withWebsiteSale?: boolean;
  /** Worker environment on top of the world's own (e.g. a short ODOO_FLUSH_DELAY_MS). */
  env?: Record<string, string>;
}): Promise<ListingWorld> {
  const temu = await startTemuSandbox({
    port: 0,
    ...CREDS,
    orderCount: 0,
    catalog: [],
    listingReviewMs: options.listingReviewMs ?? 200,
    rateLimits: { appKeyPerSecond: 1_000, groupPerMinute: { products: 100_000 } },
  });
  const odoo = await startOdooSandbox({
    port: 0,
    products: [],
    withWebsiteSale: options.withWebsiteSale ?? false,
  });
  const prefix = uniquePrefix(options.label);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = createRedisConnection(redisUrl, 'worker');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'listing-'));
  const mappingFile = path.join(dir, 'mapping.json');

  const seller = new OdooConnection({ url: odoo.url, db: 'odoo', username: 'admin', password: 'admin' });
  const categoryIds = new Map<string, number>();
  for (const name of options.categories)
    categoryIds.set(name, (await seller.create('product.category', [{ name }]))[0]!);
  // The mapping names Odoo categories by name; ids are resolved here for the keys given as "#Name".
  const categories = Object.fromEntries(
    Object.entries((options.mapping.categories ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k.startsWith('#') ? String(categoryIds.get(k.slice(1))) : k,
      v,
    ]),
  );
  fs.writeFileSync(mappingFile, JSON.stringify({ listing: { ...options.mapping, categories } }));

  const env = parseEnv(workerEnvSchema, {
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    TEMU_SHOP_ID: LISTING_SHOP,
    TEMU_GATEWAY_URL: temu.url,
    TEMU_APP_KEY: CREDS.appKey,
    TEMU_APP_SECRET: CREDS.appSecret,
    TEMU_ACCESS_TOKEN: CREDS.accessToken,
    ODOO_URL: odoo.url,
    MAPPING_FILE: mappingFile,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const odooConnection = new OdooConnection({
    url: env.ODOO_URL,
    db: env.ODOO_DB,
    username: env.ODOO_USERNAME,
    password: env.ODOO_PASSWORD,
  });
  const registry = new QueueRegistry({ connection: redis, prefix });
  const log = createLogger({ service: 'listing-world', level: 'silent' });
  const erp = new OdooErp(odooConnection);
  const deps = buildWorkerDeps({
    shops: loadShops(env),
    erp,
    pricing: {
      erp,
      shops: new Map([
        [
          LISTING_SHOP,
          {
            config: parsePricingConfig(LISTING_PRICING),
            competitorFeedFile: null,
            belowFloor: 'refuse' as const,
          },
        ],
      ]),
      reviewPollMs: 60_000,
    },
    listingErp: new OdooListingProducts(odooConnection, { publicUrl: odoo.url }),
    redis,
    prefix,
    registry,
    settings: workerSettings(env),
    log,
    limiterFor: (appKey) =>
      new TemuQuotaLimiter(redis, prefix, appKey, {
        perMinute: { orders: 1_000, inventory: 1_000, products: 100_000, shipping: 1_000, finance: 1_000 },
        perSecond: 1_000,
      }),
  });
  const runner = new WorkerRunner({
    connection: redis,
    prefix,
    queues: ['temu-products', ...(options.moreQueues ?? [])],
    processors: buildProcessors(deps),
    log,
  });
  runner.start();
  let seq = 0;

  const world: ListingWorld = {
    temu,
    odoo,
    redis,
    prefix,
    deps,
    odooConnection,
    seller,
    registry,
    categoryIds,
    async createProducts(seeds) {
      const attributeIds = new Map<string, number>();
      const valueIds = new Map<string, number>();
      const attribute = async (name: string, mode: 'always' | 'no_variant', value: string) => {
        if (!attributeIds.has(name))
          attributeIds.set(
            name,
            (await seller.create('product.attribute', [{ name, create_variant: mode }]))[0]!,
          );
        const key = `${name}\u0000${value}`;
        if (!valueIds.has(key))
          valueIds.set(
            key,
            (
              await seller.create('product.attribute.value', [
                { name: value, attribute_id: attributeIds.get(name) },
              ])
            )[0]!,
          );
        return { attributeId: attributeIds.get(name)!, valueId: valueIds.get(key)! };
      };
      const ids = new Map<string, number>();
      for (const seed of seeds) {
        const lines: unknown[] = [];
        const colours = await Promise.all(seed.variants.map((v) => attribute('Color', 'always', v.colour)));
        lines.push([
          0,
          0,
          { attribute_id: colours[0]!.attributeId, value_ids: [[6, 0, colours.map((c) => c.valueId)]] },
        ]);
        for (const [name, value] of Object.entries(seed.attributes ?? {})) {
          const a = await attribute(name, 'no_variant', value);
          lines.push([0, 0, { attribute_id: a.attributeId, value_ids: [[6, 0, [a.valueId]]] }]);
        }
        const [tmplId] = await seller.create('product.template', [
          {
            name: seed.name,
            type: 'consu',
            is_storable: true,
            list_price: seed.listPrice ?? 19.99,
            standard_price: seed.cost ?? 10,
            weight: seed.weightKg ?? 0.5,
            categ_id: categoryIds.get(seed.category),
            attribute_line_ids: lines,
            ...(seed.image ? { image_1920: seed.image.toString('base64') } : {}),
            ...(seed.gallery?.length
              ? {
                  product_template_image_ids: seed.gallery.map((img, i) => [
                    0,
                    0,
                    { name: `${seed.name} ${i + 2}`, image_1920: img.toString('base64') },
                  ]),
                }
              : {}),
          },
        ]);
        const variants = await seller.searchRead<{ id: number }>(
          'product.product',
          [['product_tmpl_id', '=', tmplId!]],
          ['id'],
          {
            order: 'id',
          },
        );
        for (const [i, v] of variants.entries()) {
          const code = seed.variants[i]?.code;
          if (code) await seller.write('product.product', [v.id], { default_code: code });
        }
        ids.set(seed.name, tmplId!);
      }
      return ids;
    },
    async run(name, data, timeoutMs = 120_000) {
      seq += 1;
      const job: Job = await registry.enqueue(name, data, { jobId: `${name}-${LISTING_SHOP}-${seq}` });
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const state = await job.getState();
        if (state === 'completed') {
          const done = await registry.queue('temu-products').getJob(job.id!);
          return done!.returnvalue as ListingRunSummary;
        }
        if (state === 'failed') {
          const failed = await registry.queue('temu-products').getJob(job.id!);
          throw new Error(`${name} failed: ${failed?.failedReason}`);
        }
        if (Date.now() > deadline)
          throw new Error(`${name} did not finish within ${timeoutMs} ms (state ${state})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await runner.close();
      await registry.close();
      await deleteKeysByPrefix(redis, prefix);
      await redis.quit();
      await temu.close();
      await odoo.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}
