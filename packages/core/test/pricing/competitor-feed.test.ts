import { describe, expect, it } from '@jest/globals';
import { parseCompetitorFeed } from '../../src/pricing/competitor-feed.js';

describe('parseCompetitorFeed', () => {
  it('reads CSV rows in any column order, reports the bad ones and keeps the rest', () => {
    const csv = [
      'competitor,sku,price,currency,seen_at',
      'shopA,MUG-1,22.50,usd,2026-11-27T10:00:00Z',
      '"Shop, B",MUG-1,19.9,EUR,2026-11-26',
      'shopC,MUG-2,abc,USD,2026-11-26',
      'shopD,MUG-2,10.00,US,2026-11-26',
      'shopE,,10.00,USD,2026-11-26',
      'shopF,MUG-3,10.00,USD,yesterday',
      '',
    ].join('\n');
    const feed = parseCompetitorFeed(csv, 'csv');
    expect(feed.offers).toEqual([
      // 22.50 USD = 2250 cents; 19.9 EUR = 1990 cents
      {
        sku: 'MUG-1',
        competitor: 'shopA',
        price: { amountMinor: 2250, currency: 'USD' },
        seenAtMs: Date.UTC(2026, 10, 27, 10),
      },
      {
        sku: 'MUG-1',
        competitor: 'Shop, B',
        price: { amountMinor: 1990, currency: 'EUR' },
        seenAtMs: Date.UTC(2026, 10, 26),
      },
    ]);
    expect(feed.rejected).toEqual([
      { row: 4, reason: 'price "abc" is not a positive decimal' },
      { row: 5, reason: 'currency "US" is not an ISO 4217 code' },
      { row: 6, reason: 'missing sku' },
      { row: 7, reason: 'seen_at "yesterday" is not a date' },
    ]);
  });

  it('reads JSON rows, seenAt accepted', () => {
    const feed = parseCompetitorFeed(
      JSON.stringify([
        { sku: 'MUG-1', competitor: 'a', price: 12.3, currency: 'JPY', seenAt: '2026-11-27' },
        { sku: 'MUG-1', competitor: 'b', price: '12.30', currency: 'USD', seen_at: '2026-11-27' },
        'nonsense',
      ]),
      'json',
    );
    // 12.3 JPY has no minor unit: 12; 12.30 USD = 1230
    expect(feed.offers.map((o) => [o.competitor, o.price.amountMinor, o.price.currency])).toEqual([
      ['a', 12, 'JPY'],
      ['b', 1230, 'USD'],
    ]);
    expect(feed.rejected).toEqual([{ row: 3, reason: 'missing sku, competitor, price, currency, seen_at' }]);
  });

  it('throws for a file that is not a feed (a semicolon CSV has one column)', () => {
    expect(() => parseCompetitorFeed('sku;price\nA;1', 'csv')).toThrow(
      'competitor feed: the CSV header lacks sku, competitor, price, currency, seen_at',
    );
    expect(() => parseCompetitorFeed('{"sku":1}', 'json')).toThrow(
      'competitor feed: expected a JSON array of rows',
    );
  });
});
