import { z } from 'zod';
import { listingRulesFrom, type ListingProduct, type ListingRules } from '@temu-odoo/core';

const dims = z.object({
  length: z.number().positive(),
  width: z.number().positive(),
  height: z.number().positive(),
});

/** MAPPING_FILE `listing`: where each Odoo category goes on Temu, and the check rules. */
export const listingMappingSchema = z.object({
  /** Odoo product category (id, name or complete name) → Temu leaf category and package size. */
  categories: z
    .record(
      z.string(),
      z.union([
        z.number().int().positive(),
        z.object({ temuCategoryId: z.number().int().positive(), packageCm: dims.optional() }),
      ]),
    )
    .optional(),
  /** Publish products that pass at the end of each check (default false: on demand only). */
  autoPublish: z.boolean().optional(),
  /** Handling days promised on Temu (`shipmentLimitDay`, default 2). */
  handlingDays: z.number().int().min(1).max(7).optional(),
  /** Overrides of the rules (DEFAULT_LISTING_RULES in core); lists replace the defaults. */
  rules: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

export interface ListingSettings {
  rules: ListingRules;
  categories: Map<
    string,
    { temuCategoryId: number; packageCm: { length: number; width: number; height: number } | null }
  >;
  autoPublish: boolean;
  handlingDays: number;
}

export function listingSettings(mapping: z.output<typeof listingMappingSchema> | undefined): ListingSettings {
  const categories = new Map(
    Object.entries(mapping?.categories ?? {}).map(([key, v]) => [
      key.trim().toLowerCase(),
      typeof v === 'number'
        ? { temuCategoryId: v, packageCm: null }
        : { temuCategoryId: v.temuCategoryId, packageCm: v.packageCm ?? null },
    ]),
  );
  return {
    rules: listingRulesFrom(mapping?.rules as Parameters<typeof listingRulesFrom>[0]),
    categories,
    autoPublish: mapping?.autoPublish ?? false,
    handlingDays: mapping?.handlingDays ?? 2,
  };
}

/** The mapping entry of a product's Odoo category: by id, then complete name, then last name part. */
export function categoryEntry(settings: ListingSettings, product: ListingProduct) {
  const name = product.erpCategoryName.trim().toLowerCase();
  return (
    (product.erpCategoryId !== null ? settings.categories.get(String(product.erpCategoryId)) : undefined) ??
    settings.categories.get(name) ??
    settings.categories.get(name.split('/').pop()!.trim())
  );
}
