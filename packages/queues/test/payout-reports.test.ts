import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import {
  MAX_KEPT_PAYOUTS,
  createRedisConnection,
  payoutReportRow,
  payoutReportShops,
  readPayoutReports,
  savePayoutReports,
  type PayoutReportEntry,
} from '../src/index.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from './redis-test-env.js';

const entry = (n: number, reconciled: boolean): PayoutReportEntry => ({
  payoutId: `P-${String(n).padStart(5, '0')}`,
  date: '2026-11-30',
  currency: 'USD',
  amountMinor: 1000,
  expectedMinor: reconciled ? 1000 : 600,
  differenceMinor: reconciled ? 0 : 400,
  orders: 2,
  ordersMatched: reconciled ? 2 : 1,
  reconciled,
  statementLineId: n,
  fileName: 'nov.csv',
  bankJournal: 'Bank',
  bookedAtMs: n,
  checkedAtMs: n,
  rechecks: 0,
  booking: null,
});

describe('payout reports (issue 11)', () => {
  const prefix = uniquePrefix('payouts');
  let redis: Redis;
  beforeAll(() => {
    redis = createRedisConnection(REDIS_URL, 'producer');
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('keeps every unreconciled payout and the newest reconciled ones, within the cap', async () => {
    // One unreconciled payout booked first (the oldest), then cap + 2 reconciled ones.
    const entries = [
      entry(0, false),
      ...Array.from({ length: MAX_KEPT_PAYOUTS + 2 }, (_, i) => entry(i + 1, true)),
    ];
    await savePayoutReports(redis, prefix, 'shop-1', entries);
    const kept = await readPayoutReports(redis, prefix, 'shop-1');
    // cap + 3 stored → 3 over the cap: the 3 oldest reconciled (P-00001..3) dropped, P-00000 kept.
    expect(kept).toHaveLength(MAX_KEPT_PAYOUTS);
    const ids = new Set(kept.map((e) => e.payoutId));
    expect(ids.has('P-00000')).toBe(true);
    expect(['P-00001', 'P-00002', 'P-00003', 'P-00004'].map((id) => ids.has(id))).toEqual([
      false,
      false,
      false,
      true,
    ]);
    expect(await payoutReportShops(redis, prefix)).toEqual(['shop-1']);
    // 10.00 paid, 6.00 expected → 4.00 difference, as the operator reads it.
    expect(payoutReportRow(entry(0, false))).toMatchObject({
      amount: '10 USD',
      expected: '6 USD',
      difference: '4 USD',
      reconciled: false,
    });
  });
});
