import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { createRedisConnection, deleteKeysByPrefix } from '@temu-odoo/queues';
import { SellerMetricsStore } from '../src/seller-metrics/seller-metrics.store.js';

/** The Redis ledger behind the seller metrics, on real Redis under a prefix of its own. */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Today: day buckets expire in real time (EXPIREAT), so the history is laid out around now. */
const D = Math.floor(Date.now() / DAY);
const at = (day: number, hours = 0) => day * DAY + hours * HOUR;
const NOW = at(D, 9);

let redis: Redis;
const prefix = `test-sm-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  redis = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
});
afterAll(async () => {
  await deleteKeysByPrefix(redis, prefix);
  await redis.quit();
});

describe('SellerMetricsStore', () => {
  it('counts each event once however often it is recorded, and windows the buckets', async () => {
    const store = new SellerMetricsStore(redis, prefix, 'shop-a');
    // 4 orders due D−1 at 12:00: A and B confirmed on time (08:00), C late (13:00), E never.
    const events = [
      ...['A', 'B', 'C', 'E'].map((orderRef) => ({
        orderRef,
        event: { kind: 'imported' as const, shipByMs: at(D - 1, 12) },
      })),
      { orderRef: 'A', event: { kind: 'confirmed' as const, atMs: at(D - 1, 8) } },
      { orderRef: 'B', event: { kind: 'shipped' as const, atMs: at(D - 1, 7) } },
      { orderRef: 'B', event: { kind: 'confirmed' as const, atMs: at(D - 1, 8) } },
      { orderRef: 'C', event: { kind: 'confirmed' as const, atMs: at(D - 1, 13) } },
    ];
    expect(await store.record(events, NOW)).toBe(4); // A, B, C changed; E imported → 4 orders
    // The same events again (a retried job) change nothing.
    expect(await store.record(events, NOW)).toBe(0);
    // E passed its ship-by unshipped: counted once, however many evaluations see it.
    expect(await store.record([{ orderRef: 'E', event: { kind: 'overdue', atMs: NOW } }], NOW)).toBe(1);
    expect(await store.record([{ orderRef: 'E', event: { kind: 'overdue', atMs: NOW + HOUR } }], NOW)).toBe(
      0,
    );
    // Due on D−1: A, B on time, C late, E overdue → compliance 2/4 = 0.5. Shipped 3 (A, B, C),
    // late 1 (C at 13:00 > 12:00) → 1/3; uploaded 3/3.
    const m = (await store.metrics(NOW, [7, 30]))[7]!;
    expect(m.shipByCompliance).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    expect(m.lateShipmentRate).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
    expect(m.trackingUploadRate).toEqual({ value: 1, numerator: 3, denominator: 3 });
    // Only E is still unshipped.
    expect(await store.openOrdersDueBy(NOW + DAY)).toEqual([{ orderRef: 'E', shipByMs: at(D - 1, 12) }]);
    // Seven days on (D+6), D−1 has left the 7-day window (D … D+6) but not the 30-day one.
    const later = await store.metrics(at(D + 6, 1), [7, 30]);
    expect(later[7]!.shipByCompliance.denominator).toBe(0);
    expect(later[30]!.shipByCompliance.denominator).toBe(4);
  });

  it('lets Redis expire day buckets 31 days after their day', async () => {
    const store = new SellerMetricsStore(redis, prefix, 'shop-ttl');
    const today = Math.floor(Date.now() / DAY);
    await store.record([{ orderRef: 'X', event: { kind: 'delivered', atMs: today * DAY + 1 } }]);
    const ttl = await redis.ttl(`${prefix}:state:shop:{shop-ttl}:sm:day:${today}`);
    // Expires at the start of day today+31: between 30 and 31 days from now.
    expect(ttl).toBeGreaterThan(30 * 86_400);
    expect(ttl).toBeLessThanOrEqual(31 * 86_400);
  });

  it('forgets the facts of orders past the retention, a page at a time', async () => {
    const store = new SellerMetricsStore(redis, prefix, 'shop-prune');
    await store.record(
      [
        { orderRef: 'OLD', event: { kind: 'imported', shipByMs: at(D - 40) } },
        { orderRef: 'NEW', event: { kind: 'imported', shipByMs: at(D - 2) } },
      ],
      NOW,
    );
    expect(await store.prune(NOW)).toBe(1); // OLD: ship-by 40 days ago > 31 days
    expect(await redis.hkeys(`${prefix}:state:shop:{shop-prune}:sm:facts`)).toEqual(['NEW']);
    expect((await store.openOrdersDueBy(NOW)).map((o) => o.orderRef)).toEqual(['NEW']);
  });
});
