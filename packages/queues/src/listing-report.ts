import type { Redis } from 'ioredis';
import { shopOfStateKey, shopStateKey } from './shop-state-keys.js';
import { scanKeys } from './scan-keys.js';

/** Per shop hash: product code → JSON `ListingReportEntry` (the last listing check of each product). */
export const LISTING_REPORT = 'listing-report';
/** Per shop hash: product code → JSON `{goodsId, skus[]}` of products published on Temu. */
export const LISTINGS = 'listings';

/** One product's last listing check, as the worker writes it and `/ops` and `pnpm ops` read it. */
export interface ListingReportEntry {
  code: string;
  erpId: number;
  title: string;
  passed: boolean;
  issues: Array<{ check: string; code: string; field: string; reason: string }>;
  checkedAtMs: number;
  /** Set once published: the Temu goods id. */
  goodsId: string | null;
  /** Temu refused the publication (its error). */
  publishError: string | null;
  /** Published (partly) at the list price because the pricing engine had no price: which SKUs, why. */
  priceNote?: string | null;
}

/** The shop's report, all products or the given codes, sorted by code. */
export async function readListingReport(
  redis: Redis,
  prefix: string,
  shopId: string,
  codes?: string[],
): Promise<ListingReportEntry[]> {
  const key = shopStateKey(prefix, shopId, LISTING_REPORT);
  const raw =
    codes === undefined
      ? Object.values(await redis.hgetall(key))
      : codes.length === 0
        ? []
        : (await redis.hmget(key, ...codes)).filter((v): v is string => v !== null);
  return raw.map((v) => JSON.parse(v) as ListingReportEntry).sort((a, b) => a.code.localeCompare(b.code));
}

/** Shops that have a listing report (a SCAN over the few per-shop report keys). */
export async function listingReportShops(redis: Redis, prefix: string): Promise<string[]> {
  const pattern = shopStateKey(prefix, '*', LISTING_REPORT);
  const shops = new Set<string>();
  for await (const keys of scanKeys(redis, pattern, 500)) {
    for (const k of keys) {
      const shop = shopOfStateKey(prefix, k, LISTING_REPORT);
      if (shop !== null) shops.add(shop);
    }
  }
  return [...shops].sort();
}
