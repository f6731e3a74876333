import { describe, expect, it } from '@jest/globals';
import { parseEnv } from '@temu-odoo/config';
import { recurringJobs } from '../src/recurring-jobs.js';
import { schedulerEnvSchema } from '../src/scheduler-env.js';

describe('schedules per selling model (issue 16)', () => {
  const env = parseEnv(schedulerEnvSchema, { ORDER_POLL_MINUTES: '5', SHIPPING_SCAN_MINUTES: '1' });
  const jobs = recurringJobs(env, ['local-shop', 'full-shop'], new Set(), new Set(['full-shop']));
  const of = (shopId: string) =>
    jobs.filter((j) => (j.data as { shopId?: string }).shopId === shopId).map((j) => [j.name, j.everyMs]);

  it('a fully-managed shop polls purchase orders, scans deliveries and plans replenishment, and nothing of consumer orders or stock', () => {
    // Order poll interval 5 min = 300 000 ms, shipping scan 1 min = 60 000 ms, token check every 6 h,
    // the replenishment plan daily (24 h = 86 400 000 ms).
    expect(of('full-shop')).toEqual([
      ['consignment.poll', 300_000],
      ['consignment.ship-scan', 60_000],
      ['auth.check', 21_600_000],
      ['replenishment.plan', 86_400_000],
    ]);
  });

  it('a local (or semi-managed) shop keeps its schedules, with no consignment job', () => {
    const names = of('local-shop').map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['orders.poll', 'stock.sweep', 'shipping.scan']));
    expect(names.filter((n) => String(n).startsWith('consignment.'))).toEqual([]);
  });
});
