import { z } from 'zod';
import { readJsonFile } from './json-file.js';

const days = (what: string) =>
  z
    .number()
    .int({ message: `expected whole days (${what})` })
    .min(0)
    .max(365);
const positiveInt = z.number().int().min(1);
const cartonRules = z.object({
  unitsPerCarton: positiveInt.optional(),
  cartonVolumeM3: z.number().positive().optional(),
});

/**
 * REPLENISHMENT_FILE (README "Forecasting and replenishment"): per fully-managed shop, the Temu
 * warehouse groups it ships to and the rules of the plan. Per-warehouse lead times override the
 * shop's; per-SKU carton rules override the shop's default carton.
 */
export const shopReplenishmentSchema = z.object({
  warehouses: z
    .array(
      z.object({
        /** Temu's warehouseGroupId (digits). */
        id: z.string().regex(/^\d{1,15}$/, { message: "expected Temu's warehouseGroupId (digits)" }),
        name: z.string().min(1),
        leadTimeDays: days('leadTimeDays').optional(),
      }),
    )
    .min(1, { message: 'list at least one Temu warehouse group to plan for' }),
  leadTimeDays: days('leadTimeDays'),
  safetyDays: days('safetyDays'),
  reviewDays: days('reviewDays').default(14),
  unitsPerCarton: positiveInt.default(1),
  cartonVolumeM3: z.number().positive().optional(),
  maxCartonsPerShipment: positiveInt,
  maxVolumeM3PerShipment: z.number().positive().optional(),
  skus: z.record(z.string().min(1), cartonRules).default({}),
  /**
   * After each plan, ask Temu to buy its shipments (job `replenishment.apply`) without an operator.
   * Off by default: a stock request commits the seller to supply, so a person looks first.
   */
  autoApply: z.boolean().default(false),
});

export const replenishmentFileSchema = z.object({
  shops: z.record(z.string().min(1), shopReplenishmentSchema),
});

export type ShopReplenishment = z.output<typeof shopReplenishmentSchema>;
export type ReplenishmentFile = z.output<typeof replenishmentFileSchema>;

export function loadReplenishment(file: string): ReplenishmentFile {
  return readJsonFile('REPLENISHMENT_FILE', file, replenishmentFileSchema);
}
