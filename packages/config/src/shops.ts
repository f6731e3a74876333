import { z } from 'zod';
import { httpUrl } from './env-fragments.js';
import { readJsonFile } from './json-file.js';
import { SELLING_MODELS, sellingModelProblem } from './selling-models.js';

/**
 * The shops this fleet serves. One shop can be described by the TEMU_* shorthand; several come from
 * TEMU_SHOPS_FILE (a JSON array of these objects). Secrets stay in this object, never in job data.
 */
const shopFields = z.object({
  shopId: z.string().regex(/^[A-Za-z0-9_-]+$/, { message: 'expected letters, digits, "_" or "-"' }),
  region: z.enum(['US', 'EU', 'GLOBAL', 'PARTNER', 'CN']),
  /**
   * local = seller-fulfilled (bg.local.* stock); semi = semi-managed (virtual stock on the PARTNER
   * gateway); full = fully-managed / consignment (purchase and ship orders on the CN gateway).
   * README "Selling models"; validated against the gateways at start (selling-models.ts).
   */
  sellingModel: z.enum(SELLING_MODELS).optional(),
  /** Older name of `sellingModel` (local/semi only), still read so existing shops files keep working. */
  shopType: z.enum(['local', 'semi']).optional(),
  /** The shop's main gateway: regional (US/EU/GLOBAL) for local and semi, CN for full. */
  gatewayUrl: httpUrl('an http:// or https:// URL of a Temu gateway'),
  /** Semi-managed only: the PARTNER gateway that keeps virtual stock (docs/temu-api.md "Selling models"). */
  partnerGatewayUrl: httpUrl('an http:// or https:// URL of the Temu PARTNER gateway').optional(),
  /** Semi-managed only: token for the PARTNER gateway when the seller's re-authorisation gave another one. */
  partnerAccessToken: z.string().min(1).optional(),
  /** Semi-managed only: the Temu warehouse (btg `warehouseId`) whose virtual stock follows this shop's Odoo stock. */
  semiWarehouseId: z
    .string()
    .regex(/^\d+$/, { message: 'expected the digits of a Temu warehouseId' })
    .optional(),
  /** Semi-managed only: Temu's supplier id, sent as `openApiUser.supplierId` when given (its need is unverified). */
  supplierId: z.string().regex(/^\d+$/, { message: 'expected digits' }).optional(),
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
  /** Fully-managed only: the seller's shipping address id at Temu (`bg.mall.address.get`), for packing and ship orders. */
  deliveryAddressId: z.number().int().positive().optional(),
  /** Fully-managed only: where goods leave from (1 mainland, deprecated; 2 Hong Kong; 3 bonded zone; 4 mainland non-bonded, the default). */
  deliveryAddressType: z.number().int().min(1).max(4).optional(),
  /** Fully-managed only: Temu's express company id and name used for the seller's own carrier (deliverMethod 3). */
  expressCompanyId: z.number().int().positive().optional(),
  expressCompanyName: z.string().min(1).optional(),
  /** Odoo warehouse whose free stock feeds this shop (default: the first warehouse). */
  odooWarehouseId: z.number().int().positive().optional(),
});

/** A shop with its selling model settled (`sellingModel`, falling back to `shopType`, then local). */
export const shopSchema = shopFields.transform(({ shopType, ...shop }) => ({
  ...shop,
  sellingModel: shop.sellingModel ?? shopType ?? 'local',
}));

export type ShopConfig = z.output<typeof shopSchema>;

/** Refuses, in one line naming the shop and the fix, a shop whose gateways do not fit its selling model. */
export function assertShopGateways(shops: ShopConfig[], source: string): void {
  for (const shop of shops) {
    const problem = sellingModelProblem(shop);
    if (problem) throw new Error(`${source}: ${problem}`);
  }
}

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
    const single = [
      shopSchema.parse({
        shopId: env.TEMU_SHOP_ID,
        region: env.TEMU_REGION,
        gatewayUrl: env.TEMU_GATEWAY_URL,
        appKey: env.TEMU_APP_KEY,
        appSecret: env.TEMU_APP_SECRET,
        accessToken: env.TEMU_ACCESS_TOKEN,
      }),
    ];
    assertShopGateways(single, 'TEMU_REGION / TEMU_GATEWAY_URL');
    return single;
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
  assertShopGateways(shops, 'TEMU_SHOPS_FILE');
  return shops;
}
