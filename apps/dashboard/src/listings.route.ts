import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { listingReportShops, readListingReport, type ListingReportEntry } from '@temu-odoo/queues';
import { escapeHtml as h } from './html-escape.js';
import { withTimeout } from './with-timeout.js';

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}ul{margin:0;padding-left:1.2rem}`;

function failingRow(e: ListingReportEntry): string {
  const reasons = e.issues.map((i) => `<li><b>${h(i.field)}</b>: ${h(i.reason)}</li>`).join('');
  const refused = e.publishError ? `<li><b>Temu</b>: ${h(e.publishError)}</li>` : '';
  return `<tr><td>${h(e.code)}</td><td>${h(e.title)}</td><td><ul>${reasons}${refused}</ul></td><td>${h(new Date(e.checkedAtMs).toISOString())}</td></tr>`;
}

function shopSection(shopId: string, entries: ListingReportEntry[]): string {
  const failing = entries.filter((e) => !e.passed || e.publishError);
  const published = entries.filter((e) => e.goodsId !== null).length;
  const table = failing.length
    ? `<table><tr><th>product</th><th>title</th><th>what to fix</th><th>checked</th></tr>${failing.map(failingRow).join('')}</table>`
    : '<p>Every checked product passes.</p>';
  const atListPrice = entries.filter((e) => e.priceNote);
  const listPrices = atListPrice.length
    ? `<p>Published at the list price (the pricing engine had no price):</p><ul>${atListPrice.map((e) => `<li>${h(e.code)}: ${h(e.priceNote!)}</li>`).join('')}</ul>`
    : '';
  return `<h2>Shop ${h(shopId)}</h2><p>${entries.length} checked · ${entries.length - failing.length} pass · ${failing.length} to fix · ${published} published on Temu</p>${table}${listPrices}`;
}

/**
 * `/ops/listings`: the last listing check of every shop (written by the worker's `listing.check`),
 * the failing products with the field to fix and the reason. Bounded like `/ops` while Redis is down.
 */
export function listingsRoute(redis: Redis, prefix: string, timeoutMs = 5_000): RequestHandler {
  return async (_req, res) => {
    let sections: string;
    try {
      sections = await withTimeout(
        (async () => {
          const shops = await listingReportShops(redis, prefix);
          const parts = await Promise.all(
            shops.map(async (s) => shopSection(s, await readListingReport(redis, prefix, s))),
          );
          return (
            parts.join('') ||
            '<p>No listing check has run yet (<code>pnpm ops check-listings --shop &lt;id&gt;</code>).</p>'
          );
        })(),
        timeoutMs,
        `Redis did not answer within ${timeoutMs} ms`,
      );
    } catch (err) {
      res
        .status(503)
        .type('text/plain')
        .send(`Redis unavailable: ${(err as Error).message}\n`);
      return;
    }
    res
      .type('html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>temu-odoo listings</title><style>${STYLE}</style></head><body><h1>Listing checks</h1><p><a href="/ops">Operations</a></p>${sections}</body></html>`,
      );
  };
}
