import fs from 'node:fs';
import { z } from 'zod';
import { httpUrl } from './env-fragments.js';

/**
 * The shops this fleet serves. One shop can be described by the TEMU_* shorthand; several come from
 * TEMU_SHOPS_FILE (a JSON array of these objects). Secrets stay in this object, never in job data.
 */
export const shopSchema = z.object({
  shopId: z.string().regex(/^[A-Za-z0-9_-]+$/, { message: 'expected letters, digits, "_" or "-"' }),
  region: z.enum(['US', 'EU', 'GLOBAL', 'PARTNER', 'CN']),
  /** local = seller-fulfilled (bg.local.* stock); semi = semi-managed (PARTNER gateway stock). */
  shopType: z.enum(['local', 'semi']).default('local'),
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
  const raw = readShopsFile(env.TEMU_SHOPS_FILE);
  const parsed = z.array(shopSchema).min(1).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`TEMU_SHOPS_FILE: ${issue.path.join('.')}: ${issue.message}`);
  }
  const ids = new Set<string>();
  for (const shop of parsed.data) {
    if (ids.has(shop.shopId)) throw new Error(`TEMU_SHOPS_FILE: shop id ${shop.shopId} appears twice`);
    ids.add(shop.shopId);
  }
  return parsed.data;
}

/**
 * The file's JSON. A parse error names the line and column only: JSON.parse's own message quotes
 * a slice of the text, and in this file that slice is often an app secret or access token.
 */
function readShopsFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `TEMU_SHOPS_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const position = /position (\d+)/.exec((err as Error).message)?.[1];
    const where = position === undefined ? '' : ` (${lineAndColumn(text, Number(position))})`;
    throw new Error(`TEMU_SHOPS_FILE: ${file} is not valid JSON${where}; fix the file's syntax`);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}
