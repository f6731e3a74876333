import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFleet, uniquePrefix, waitUntil, type Fleet } from '../../../tools/lib/fleet.js';
import { startWebhookReceiver } from './support/alert-receivers.js';

/**
 * Issue 14, "an expiring token alerts at the configured thresholds", through the real job path:
 * the Temu sandbox's token is given an expiry through its control API, `auth.check` jobs go through
 * BullMQ to a worker process (ALERT_WEBHOOK_URL set), which reads the token's expiry from the
 * sandbox and alerts a local webhook receiver at 30 and 7 days left, once per threshold.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let fleet: Fleet;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let checks = 0;

beforeAll(async () => {
  hook = await startWebhookReceiver();
  fleet = await startFleet({
    prefix: uniquePrefix('token-expiry'),
    shopId: 'shop-token',
    workerEnv: { ALERT_WEBHOOK_URL: hook.url },
  });
  fleet.startWorker();
  await fleet.waitForWorkers(1, 90_000);
}, 120_000);

afterAll(async () => {
  await fleet?.stop();
  await hook?.close();
}, 60_000);

/** The sandbox token lapses `ms` from now; one `auth.check` job runs to completion. */
async function checkWithTokenExpiringIn(ms: number): Promise<{ daysToExpiry: number }> {
  await fleet.temuControl('POST', 'tokens/update', { expiresAt: new Date(Date.now() + ms).toISOString() });
  const job = await fleet.registry.enqueue(
    'auth.check',
    { shopId: fleet.shopId },
    // Its own id per check: a repeated id would be ignored by BullMQ while the first job is kept.
    { jobId: `auth-check-${++checks}` },
  );
  return waitUntil(
    async () =>
      (await job.isCompleted())
        ? ((await fleet.registry.queue('temu-products').getJob(job.id!))?.returnvalue as {
            daysToExpiry: number;
          })
        : null,
    30_000,
    `auth.check #${checks}`,
  );
}

const tokenAlerts = () =>
  hook.bodies
    .map((b) => b.alert as { key: string; status: string })
    .filter((a) => a.key.startsWith('token-expiry:'))
    .map((a) => [a.key, a.status]);

describe('token expiry alerts through auth.check', () => {
  it('alerts at 30 days, then at 7 days, each once, and resolves when a new token lasts a year', async () => {
    // 20 days + 1 h left: floor(20.04) = 20 days ≤ 30 → the 30-day alert; 20 > 7 → not the 7-day one.
    expect(await checkWithTokenExpiringIn(20 * DAY + HOUR)).toMatchObject({ daysToExpiry: 20 });
    expect(tokenAlerts()).toEqual([['token-expiry:30d', 'firing']]);

    // 5 days + 1 h left: 5 ≤ 7 → the 7-day alert; the 30-day one is still firing, not sent again.
    expect(await checkWithTokenExpiringIn(5 * DAY + HOUR)).toMatchObject({ daysToExpiry: 5 });
    expect(tokenAlerts()).toEqual([
      ['token-expiry:30d', 'firing'],
      ['token-expiry:7d', 'firing'],
    ]);

    // Checked again at the same expiry: both thresholds already alerted, nothing new.
    expect(await checkWithTokenExpiringIn(5 * DAY + HOUR)).toMatchObject({ daysToExpiry: 5 });
    expect(tokenAlerts()).toHaveLength(2);

    // The seller re-authorised (a year ahead: 365 > 30): both conditions clear, "resolved" once each.
    expect(await checkWithTokenExpiringIn(365 * DAY + HOUR)).toMatchObject({ daysToExpiry: 365 });
    expect(tokenAlerts()).toEqual([
      ['token-expiry:30d', 'firing'],
      ['token-expiry:7d', 'firing'],
      ['token-expiry:30d', 'resolved'],
      ['token-expiry:7d', 'resolved'],
    ]);
  }, 90_000);
});
