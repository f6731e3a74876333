import {
  BadInputError,
  checkProductListing,
  isIntegrationError,
  listingProblemsNote,
  publishChecked,
  type ImageMeasurement,
  type ListingDeps,
  type ListingErpPort,
  type ListingMarketplacePort,
  type ListingProduct,
} from '@temu-odoo/core';
import type { Logger } from '@temu-odoo/config';
import { shopOf, type WorkerDeps } from '../worker-deps.js';
import { ListingStore, type ListingReportEntry } from './listing-store.js';
import { categoryEntry, type ListingSettings } from './listing-settings.js';
import { measureImage } from './measure-image.js';
import { listingPrices, withPrices } from './listing-prices.js';

/** What the listing jobs need besides the common worker deps. */
export interface ListingContext {
  erp: ListingErpPort;
  settings: ListingSettings;
  /** One per shop, kept for the worker's life (it caches the category tree and templates). */
  marketplaceFor(shopId: string): ListingMarketplacePort;
}

export interface ListingRunSummary {
  checked: number;
  passed: number;
  failed: number;
  published: number;
  updated: number;
  publishErrors: number;
  /** Codes asked for that name no product in Odoo. */
  notFound: string[];
  /** Product codes this run checked (report keys). */
  checkedCodes: string[];
  failures: Array<{ code: string; reasons: string[] }>;
}

const CHECK_CONCURRENCY = 4;
const NOTE_HEADING = 'Temu listing check';

async function measureAll(product: ListingProduct): Promise<ImageMeasurement[]> {
  return Promise.all(
    product.images.map((img) =>
      img.base64
        ? measureImage(Buffer.from(img.base64, 'base64'), img.role, img.source)
        : Promise.resolve<ImageMeasurement>({
            ok: false,
            role: img.role,
            source: img.source,
            error: 'no image data',
          }),
    ),
  );
}

/** Standard Odoo has no package dimensions: the category's package size from the mapping fills them. */
function withPackageSize(product: ListingProduct, settings: ListingSettings): ListingProduct {
  const size = categoryEntry(settings, product)?.packageCm ?? null;
  if (!size) return product;
  return {
    ...product,
    variants: product.variants.map((v) => ({ ...v, dimensionsCm: v.dimensionsCm ?? size })),
  };
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/**
 * Checks the shop's products (or the given codes) against Temu's rules, writes the report and the
 * problems on each Odoo product, and with `publish` sends the passing ones to Temu (a failing one
 * never), recording their Temu ids in the SKU map at once. Temu refusing one product is reported on
 * it and does not stop the others; throttled or transient failures fail the job (it retries).
 */
export async function runListing(
  deps: WorkerDeps,
  shopId: string,
  options: { codes?: string[]; publish: boolean },
  log: Logger,
): Promise<ListingRunSummary> {
  shopOf(deps, shopId); // an unknown shop parks the job with the shops this worker serves
  const listing = deps.listing;
  if (!listing)
    throw new BadInputError(
      'listing jobs need the listing context (OdooListingProducts) in this worker',
      'ERR_LISTING_OFF',
    );
  const settings = listing.settings;
  const marketplace = listing.marketplaceFor(shopId);
  const store = new ListingStore(deps.redis, deps.prefix, shopId);
  const coreDeps: ListingDeps = {
    marketplace,
    rules: settings.rules,
    categoryFor: (p) => categoryEntry(settings, p)?.temuCategoryId ?? null,
    measureImages: measureAll,
  };

  const products = (await listing.erp.readListingProducts(options.codes ? { codes: options.codes } : {})).map(
    (p) => withPackageSize(p, settings),
  );
  const known = new Set(products.flatMap((p) => [p.code, ...p.variants.map((v) => v.sku)]));
  const notFound = (options.codes ?? []).filter((c) => !known.has(c));
  const checks = await mapLimited(products, CHECK_CONCURRENCY, (p) => checkProductListing(p, coreDeps));
  await listing.erp.setListingProblems(
    checks.map((c) => ({ erpId: c.erpId, note: listingProblemsNote(c, NOTE_HEADING) })),
  );

  const existing = await store.published(products.map((p) => p.code));
  const now = deps.clock.nowMs();
  const entries: ListingReportEntry[] = [];
  let published = 0;
  let updated = 0;
  let publishErrors = 0;
  for (const [i, product] of products.entries()) {
    const check = checks[i]!;
    const entry: ListingReportEntry = {
      code: product.code,
      erpId: product.erpId,
      title: product.title,
      passed: check.passed,
      issues: check.issues,
      checkedAtMs: now,
      goodsId: existing.get(product.code)?.goodsId ?? null,
      publishError: null,
    };
    entries.push(entry);
    if (!options.publish || !check.passed) continue;
    try {
      const listed = existing.get(product.code) ?? null;
      // A new goods goes on Temu at the pricing engine's price, else its list price (an update sends
      // no price).
      let toSend = product;
      if (!listed) {
        const prices = await listingPrices(deps, shopId, product, check.categoryId!);
        if (!prices.ok) {
          publishErrors++;
          entry.publishError = prices.reason;
          log.warn({ code: product.code, reason: prices.reason }, 'listing not published: no price');
          continue;
        }
        entry.priceNote = prices.listPriceNote;
        if (prices.listPriceNote)
          log.info({ code: product.code, note: prices.listPriceNote }, 'list price used');
        toSend = withPrices(product, prices.bySku);
      }
      const outcome = await publishChecked(toSend, check, marketplace, {
        existing: listed,
        imageUrls: product.images.map((img) => img.url).filter((u): u is string => Boolean(u)),
        // Published at 0: the next stock sweep pushes the real free stock through the SKU map.
        stockBySku: {},
        handlingDays: settings.handlingDays,
      });
      if (outcome.action === 'blocked') continue;
      await store.recordPublished(product.code, outcome.listing);
      await store.addToSkuMap(
        outcome.listing,
        new Map(toSend.variants.map((v) => [v.sku ?? '', v.price])),
        check.categoryId,
      );
      entry.goodsId = outcome.listing.goodsId;
      if (outcome.action === 'published') published++;
      else updated++;
      log.info(
        { code: product.code, goodsId: outcome.listing.goodsId, action: outcome.action },
        'listing published',
      );
    } catch (err) {
      if (!isIntegrationError(err) || err.retryable) {
        await store.saveReport(entries);
        throw err;
      }
      publishErrors++;
      entry.publishError = err.message;
      log.warn({ code: product.code, err: { message: err.message } }, 'Temu refused the listing');
    }
  }
  await store.saveReport(entries);
  const failures = entries.filter((e) => !e.passed);
  return {
    checked: entries.length,
    passed: entries.length - failures.length,
    failed: failures.length,
    published,
    updated,
    publishErrors,
    notFound,
    checkedCodes: entries.map((e) => e.code),
    failures: failures
      .slice(0, 50)
      .map((e) => ({ code: e.code, reasons: e.issues.map((i) => `${i.field}: ${i.reason}`) })),
  };
}
