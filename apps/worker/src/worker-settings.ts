import { readJsonFile } from '@temu-odoo/config';
import { z } from 'zod';
import { DEFAULT_SALE_TAX_POLICY, skuMapping, validateChannelShares } from '@temu-odoo/core';
import type { WorkerEnv } from './worker-env.js';
import type { WorkerSettings } from './worker-deps.js';
import { scaledRetention } from '@temu-odoo/coordination';
import { returnPolicyFromEnv } from './returns/returns-env.js';
import { listingMappingSchema, listingSettings } from './listing/listing-settings.js';

const mappingFileSchema = z.object({
  bySkuId: z.record(z.string(), z.string()).optional(),
  bySellerSku: z.record(z.string(), z.string()).optional(),
  carriers: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  taxes: z
    .object({
      /** Create a dedicated marketplace tax for an unmapped rate (default), or park the order. */
      createMissing: z.boolean().optional(),
      /** Destinations (`US`, `US-CA`, `DE`) whose tax the marketplace collects and remits. */
      marketplaceCollected: z.array(z.string().regex(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/)).optional(),
      rules: z
        .array(
          z.object({
            shopId: z.string().min(1).default('*'),
            country: z.string().regex(/^[A-Za-z]{2}$/),
            state: z.string().min(1).optional(),
            ratePercent: z.number().positive().max(100),
            odooTax: z.string().min(1),
          }),
        )
        .optional(),
    })
    .optional(),
  listing: listingMappingSchema.optional(),
});

/** The mapping tables of R17 (SKUs, carriers) and the sale-tax policy (R5), from MAPPING_FILE. */
export function loadMappingFile(file: string | undefined): z.output<typeof mappingFileSchema> {
  if (!file) return {};
  return readJsonFile('MAPPING_FILE', file, mappingFileSchema);
}

/** Settings from the parsed env; invalid allocation shares stop the worker at start-up (R9). */
export function workerSettings(env: WorkerEnv): WorkerSettings {
  try {
    validateChannelShares(env.STOCK_ALLOCATION);
  } catch (err) {
    throw new Error(`Invalid environment: STOCK_ALLOCATION: ${(err as Error).message}`);
  }
  const mapping = loadMappingFile(env.MAPPING_FILE);
  return {
    batchSize: env.ODOO_BATCH_SIZE,
    flushDelayMs: env.ODOO_FLUSH_DELAY_MS,
    backfillDays: env.ORDER_BACKFILL_DAYS,
    pollOverlapMs: Math.max(1_000, env.ORDER_POLL_OVERLAP_MINUTES * 60_000),
    stockSyncMinutes: env.STOCK_SYNC_MINUTES,
    stockSyncFastMinutes: env.STOCK_SYNC_FAST_MINUTES,
    channelShares: env.STOCK_ALLOCATION,
    safety: { default: env.SAFETY_STOCK },
    oversellWindowMs: env.OVERSELL_WINDOW_HOURS * 3_600_000,
    skuMapping: skuMapping(mapping),
    taxPolicy: {
      createMissing: mapping.taxes?.createMissing ?? DEFAULT_SALE_TAX_POLICY.createMissing,
      marketplaceCollected: mapping.taxes?.marketplaceCollected ?? [],
      rules: (mapping.taxes?.rules ?? []).map((r) => ({
        shopId: r.shopId,
        country: r.country.toUpperCase(),
        state: r.state ?? null,
        ratePercent: r.ratePercent,
        erpTaxName: r.odooTax,
      })),
    },
    carriers: new Map(Object.entries(mapping.carriers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
    defaultCarrierId: env.TEMU_DEFAULT_CARRIER_ID ?? null,
    retention: scaledRetention(env.STATE_RETENTION_SCALE),
    returnPolicy: returnPolicyFromEnv(env),
    listing: listingSettings(mapping.listing),
  };
}
