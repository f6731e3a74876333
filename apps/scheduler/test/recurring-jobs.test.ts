import { describe, expect, it } from '@jest/globals';
import { parseEnv } from '@temu-odoo/config';
import { recurringJobs } from '../src/recurring-jobs.js';
import { schedulerEnvSchema } from '../src/scheduler-env.js';

describe('recurringJobs: the replenishment plan (issue 16)', () => {
  it('plans fully-managed shops once a day and leaves the others alone', () => {
    const env = parseEnv(schedulerEnvSchema, { TEMU_SHOP_ID: 'local-shop', LOG_LEVEL: 'silent' });
    const jobs = recurringJobs(env, ['local-shop', 'full-shop'], new Set(), new Set(['full-shop']));
    const plans = jobs.filter((j) => j.name === 'replenishment.plan');
    // 24 h × 3 600 000 ms.
    expect(plans).toEqual([
      {
        id: 'replenishment.plan:full-shop',
        name: 'replenishment.plan',
        everyMs: 86_400_000,
        data: { shopId: 'full-shop' },
      },
    ]);
    // Without the set (every caller before issue 16) nothing changes.
    expect(recurringJobs(env, ['full-shop']).some((j) => j.name === 'replenishment.plan')).toBe(false);
  });
});

describe('recurringJobs: settlement.reconcile (issue 11)', () => {
  it('matches payouts again per consumer shop, hourly by default or as configured', () => {
    const env = parseEnv(schedulerEnvSchema, { TEMU_SHOP_ID: 'local-shop', LOG_LEVEL: 'silent' });
    const jobs = recurringJobs(env, ['a', 'full-shop'], new Set(), new Set(['full-shop']));
    // 60 min × 60 000 ms; the fully-managed shop gets no payouts from consumer orders.
    expect(jobs.filter((j) => j.name === 'settlement.reconcile')).toEqual([
      {
        id: 'settlement.reconcile:a',
        name: 'settlement.reconcile',
        everyMs: 3_600_000,
        data: { shopId: 'a' },
      },
    ]);
    const often = parseEnv(schedulerEnvSchema, {
      TEMU_SHOP_ID: 'local-shop',
      LOG_LEVEL: 'silent',
      SETTLEMENT_RECONCILE_MINUTES: '5',
    });
    expect(recurringJobs(often, ['a']).find((j) => j.name === 'settlement.reconcile')?.everyMs).toBe(300_000);
  });
});
