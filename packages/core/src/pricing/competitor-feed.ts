import { fromDecimal } from '../money.js';
import type { CompetitorOffer } from './plan-prices.js';

/** A feed row that could not be used, with its line (CSV) or index (JSON, from 1) and why. */
export interface RejectedFeedRow {
  row: number;
  reason: string;
}

export interface CompetitorFeed {
  offers: CompetitorOffer[];
  rejected: RejectedFeedRow[];
}

const COLUMNS = ['sku', 'competitor', 'price', 'currency', 'seen_at'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * The seller's competitor feed, CSV (header `sku,competitor,price,currency,seen_at`, any order) or
 * JSON (an array of objects with those keys; `seenAt` also accepted). Prices are decimals in the
 * currency's major unit ("19.99"). A row that cannot be read is reported and the others are used.
 * A file that is not a feed at all (no header, not an array) throws.
 */
export function parseCompetitorFeed(text: string, format: 'csv' | 'json'): CompetitorFeed {
  return format === 'json' ? parseJsonFeed(text) : parseCsvFeed(text);
}

function parseJsonFeed(text: string): CompetitorFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`competitor feed: not JSON (${(err as Error).message})`, { cause: err });
  }
  if (!Array.isArray(data)) throw new Error('competitor feed: expected a JSON array of rows');
  const feed: CompetitorFeed = { offers: [], rejected: [] };
  data.forEach((raw: unknown, i) => {
    const row = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const value = (key: string) => {
      const v = row[key];
      return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
    };
    take(feed, i + 1, {
      sku: value('sku'),
      competitor: value('competitor'),
      price: value('price'),
      currency: value('currency'),
      seen_at: value('seen_at') ?? value('seenAt'),
    });
  });
  return feed;
}

function parseCsvFeed(text: string): CompetitorFeed {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const missing = COLUMNS.filter(
    (c) => !header.includes(c) && !(c === 'seen_at' && header.includes('seenat')),
  );
  if (missing.length > 0) throw new Error(`competitor feed: the CSV header lacks ${missing.join(', ')}`);
  const index = (c: Column) =>
    c === 'seen_at' && !header.includes(c) ? header.indexOf('seenat') : header.indexOf(c);
  const feed: CompetitorFeed = { offers: [], rejected: [] };
  for (let n = 1; n < lines.length; n++) {
    if (lines[n]!.trim() === '') continue;
    const cells = splitCsvLine(lines[n]!);
    const cell = (c: Column) => cells[index(c)]?.trim();
    take(feed, n + 1, {
      sku: cell('sku'),
      competitor: cell('competitor'),
      price: cell('price'),
      currency: cell('currency'),
      seen_at: cell('seen_at'),
    });
  }
  return feed;
}

function take(feed: CompetitorFeed, row: number, cells: Record<Column, string | undefined>): void {
  const empty = COLUMNS.filter((c) => !cells[c]);
  if (empty.length > 0) {
    feed.rejected.push({ row, reason: `missing ${empty.join(', ')}` });
    return;
  }
  const currency = cells.currency!.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    feed.rejected.push({ row, reason: `currency ${JSON.stringify(cells.currency)} is not an ISO 4217 code` });
    return;
  }
  if (!/^\d+(\.\d+)?$/.test(cells.price!) || Number(cells.price) <= 0) {
    feed.rejected.push({ row, reason: `price ${JSON.stringify(cells.price)} is not a positive decimal` });
    return;
  }
  const seenAtMs = Date.parse(cells.seen_at!);
  if (Number.isNaN(seenAtMs)) {
    feed.rejected.push({ row, reason: `seen_at ${JSON.stringify(cells.seen_at)} is not a date` });
    return;
  }
  feed.offers.push({
    sku: cells.sku!,
    competitor: cells.competitor!,
    price: fromDecimal(cells.price!, currency),
    seenAtMs,
  });
}

/** One CSV line into cells: commas separate, double quotes enclose, "" is a quote inside quotes. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
