import { z } from 'zod';
import { httpUrl } from './env-fragments.js';
import { readJsonFile } from './json-file.js';

/**
 * The shops this fleet serves. One shop can be described by the TEMU_* shorthand; several come from
 * TEMU_SHOPS_FILE (a JSON array of these objects). Secrets stay in this object, never in job data.
 */
export const shopSchema = z.object({
  shopId: z.string().regex(/^[A-Za-z0-9_-]+$/, { message: 'expected letters, digits, "_" or "-"' }),
  region: z.enum(['US', 'EU', 'GLOBAL', 'PARTNER', 'CN']),
  /** local = seller-fulfilled (bg.local.* stock); semi = semi-managed (PARTNER gateway stock). */
  shopType: z.enum(['local', 'semi']).default('local'),
  /**
   * How Temu sells this shop's goods (issue 16): local = seller-fulfilled, semi = semi-managed,
   * full = fully-managed (consignment: Temu buys and sells from its own warehouses; replenishment plans).
   */
  sellingModel: z.enum(['local', 'semi', 'full']).default('local'),
  gatewayUrl: httpUrl('an http:// or https:// URL of a Temu gateway'),
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  accessToken: z.string().min(1),
  /**
   * Temu's id of this shop (mall id, as Temu's webhooks carry it). Needed when several shops share
   * an app key: their webhooks are routed by it (a number in Temu's JSON; kept as a string).
   */
  mallId: z
    .union([z.string().regex(/^\d+$/, { message: 'expected digits' }), z.number().int().nonnegative()])
    .transform(String)
    .optional(),
  /** Odoo warehouse whose free stock feeds this shop (default: the first warehouse). */
  odooWarehouseId: z.number().int().positive().optional(),
});

export type ShopConfig = z.output<typeof shopSchema>;

export function loadShops(env: {
  TEMU_SHOPS_FILE?: string | undefined;
  TEMU_SHOP_ID: string;
  TEMU_REGION: ShopConfig['region'];
  TEMU_GATEWAY_URL: string;
  TEMU_APP_KEY: string;
  TEMU_APP_SECRET: string;
  TEMU_ACCESS_TOKEN: string;
}): ShopConfig[] {
  if (!env.TEMU_SHOPS_FILE) {
    return [
      shopSchema.parse({
        shopId: env.TEMU_SHOP_ID,
        region: env.TEMU_REGION,
        gatewayUrl: env.TEMU_GATEWAY_URL,
        appKey: env.TEMU_APP_KEY,
        appSecret: env.TEMU_APP_SECRET,
        accessToken: env.TEMU_ACCESS_TOKEN,
      }),
    ];
  }
  return readShopsFile(env.TEMU_SHOPS_FILE);
}

/** TEMU_SHOPS_FILE read and checked as a whole (errors name the variable, never quote secrets). */
export function readShopsFile(file: string): ShopConfig[] {
  const shops = readJsonFile('TEMU_SHOPS_FILE', file, z.array(shopSchema).min(1));
  const ids = new Set<string>();
  for (const shop of shops) {
    if (ids.has(shop.shopId)) throw new Error(`TEMU_SHOPS_FILE: shop id ${shop.shopId} appears twice`);
    ids.add(shop.shopId);
  }
  return shops;
}
