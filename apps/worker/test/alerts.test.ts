import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { limitCondition, tokenExpiryConditions, type AlertCondition } from '@temu-odoo/core';
import { createRedisConnection, deleteKeysByPrefix } from '@temu-odoo/queues';
import { AlertBook } from '../src/alerts/alert-book.js';
import { EmailChannel, WebhookChannel } from '../src/alerts/alert-channels.js';
import { AlertDispatcher } from '../src/alerts/alert-dispatcher.js';
import { sendTestAlerts, testNotices } from '../src/alerts/test-alerts.js';
import { startSmtpReceiver, startWebhookReceiver } from './support/alert-receivers.js';
import { silentLog } from './support/in-process-worker.js';

/** Alerts end to end on real Redis, a real HTTP receiver and a real SMTP server on 127.0.0.1. */
const prefix = `test-alerts-${process.pid}-${Date.now()}`;
const T0 = 1_750_000_000_000;
let redis: Redis;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let email: EmailChannel;

beforeAll(async () => {
  redis = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
  hook = await startWebhookReceiver();
  smtp = await startSmtpReceiver();
  email = new EmailChannel({ smtpUrl: smtp.url, from: 'alerts@example.test', to: ['ops@example.test'] });
});
afterAll(async () => {
  email.close();
  await hook.close();
  await smtp.close();
  await deleteKeysByPrefix(redis, prefix);
  await redis.quit();
});

const parked = (n: number): AlertCondition => limitCondition('fleet', 'parked-jobs', n, 50, `${n} parked`);

describe('alert dispatch', () => {
  it('sends one alert per condition until it clears, then one "resolved", to webhook and e-mail', async () => {
    const dispatcher = new AlertDispatcher(
      new AlertBook(redis, `${prefix}:a`),
      [new WebhookChannel(hook.url), email],
      silentLog,
    );
    const before = hook.bodies.length;
    // 51 > 50 fires; 60 is the same condition still active: nothing new; 10 clears it.
    expect((await dispatcher.evaluate('fleet', [parked(51)], [], T0)).map((n) => n.status)).toEqual([
      'firing',
    ]);
    expect(await dispatcher.evaluate('fleet', [parked(60)], [], T0 + 60_000)).toEqual([]);
    expect((await dispatcher.evaluate('fleet', [parked(10)], [], T0 + 120_000)).map((n) => n.status)).toEqual(
      ['resolved'],
    );
    expect(await dispatcher.evaluate('fleet', [parked(10)], [], T0 + 180_000)).toEqual([]);
    const got = hook.bodies.slice(before);
    expect(got.map((b) => b.text)).toEqual([
      '[WARNING] temu-odoo fleet: parked-jobs\n51 parked',
      '[RESOLVED] temu-odoo fleet: parked-jobs\n10 parked',
    ]);
    // Slack's incoming-webhook shape: text plus attachments with a colour.
    expect(got[1]!.attachments).toEqual([{ color: 'good', fallback: '10 parked', text: '10 parked' }]);
    const mails = smtp.mails.filter((m) => m.raw.includes('parked-jobs'));
    expect(mails).toHaveLength(2);
    expect(mails[0]!.to).toEqual(['ops@example.test']);
    expect(mails[0]!.raw).toMatch(/Subject: \[WARNING\] temu-odoo fleet: parked-jobs/);
  });

  it('resolves an owned key that is no longer reported (an overdue order that shipped)', async () => {
    const book = new AlertBook(redis, `${prefix}:b`);
    const overdue: AlertCondition = {
      scope: 's',
      key: 'overdue:PO-1',
      active: true,
      severity: 'critical',
      summary: 'PO-1 late',
    };
    expect((await book.transitions('s', [overdue], ['overdue:'], T0)).map((n) => n.status)).toEqual([
      'firing',
    ]);
    const later = await book.transitions('s', [], ['overdue:'], T0 + 1);
    expect(later.map((n) => [n.key, n.status, n.summary])).toEqual([
      ['overdue:PO-1', 'resolved', 'PO-1 late'],
    ]);
  });

  it('fires the token thresholds at 30, 7 and 1 days, each once', async () => {
    const book = new AlertBook(redis, `${prefix}:c`);
    const keysAt = async (days: number) =>
      (await book.transitions('shop-t', tokenExpiryConditions('shop-t', days), [], T0)).map(
        (n) => `${n.key}:${n.status}`,
      );
    expect(await keysAt(45)).toEqual([]);
    expect(await keysAt(30)).toEqual(['token-expiry:30d:firing']);
    expect(await keysAt(20)).toEqual([]);
    expect(await keysAt(7)).toEqual(['token-expiry:7d:firing']);
    expect(await keysAt(1)).toEqual(['token-expiry:1d:firing']);
    // A new token (365 days): all three resolve.
    expect(await keysAt(365)).toEqual([
      'token-expiry:30d:resolved',
      'token-expiry:7d:resolved',
      'token-expiry:1d:resolved',
    ]);
  });

  it('holds notices beyond the hourly budget for a later evaluation instead of losing them', async () => {
    const book = new AlertBook(redis, `${prefix}:d`, 2);
    const three = ['x', 'y', 'z'].map((k) => limitCondition('s', k, 1, 0, k));
    // Budget 2 per hour: x and y go now, z waits; in the next hour z goes.
    expect((await book.transitions('s', three, [], T0)).map((n) => n.key)).toEqual(['x', 'y']);
    expect((await book.transitions('s', three, [], T0 + 60_000)).map((n) => n.key)).toEqual([]);
    expect((await book.transitions('s', three, [], T0 + 3_600_000)).map((n) => n.key)).toEqual(['z']);
  });

  it('gives a notice back when no channel took it, so it is sent on the next evaluation', async () => {
    const dispatcher = new AlertDispatcher(
      new AlertBook(redis, `${prefix}:e`),
      [new WebhookChannel(hook.url)],
      silentLog,
    );
    hook.status.code = 503;
    await expect(dispatcher.evaluate('fleet', [parked(99)], [], T0)).rejects.toThrow(
      /alert fleet\/parked-jobs not delivered \(webhook: alert webhook at 127\.0\.0\.1:\d+ answered HTTP 503\)/,
    );
    hook.status.code = 200;
    expect((await dispatcher.evaluate('fleet', [parked(99)], [], T0 + 1)).map((n) => n.status)).toEqual([
      'firing',
    ]);
  });

  it('keeps alerts in the book when no channel is configured, without failing the job', async () => {
    const dispatcher = new AlertDispatcher(new AlertBook(redis, `${prefix}:f`), [], silentLog);
    expect((await dispatcher.evaluate('fleet', [parked(70)], [], T0)).map((n) => n.status)).toEqual([
      'firing',
    ]);
    expect([...(await new AlertBook(redis, `${prefix}:f`).open('fleet')).keys()]).toEqual(['parked-jobs']);
  });

  it('test mode sends one alert of each kind to the webhook and the mailbox', async () => {
    const expected = testNotices(T0).map((n) => n.key);
    // metric, at risk, overdue, token 30/7/1, parked jobs, backlog, throttling, Odoo unreachable.
    expect(expected).toEqual([
      'metric:shipByCompliance:7d',
      'orders-at-risk',
      'overdue:PO-TEST-OVERDUE',
      'token-expiry:30d',
      'token-expiry:7d',
      'token-expiry:1d',
      'parked-jobs',
      'backlog:odoo',
      'temu-throttled:orders',
      'odoo-unreachable',
    ]);
    const hooksBefore = hook.bodies.length;
    const mailsBefore = smtp.mails.length;
    expect(await sendTestAlerts([new WebhookChannel(hook.url), email], T0)).toEqual({
      webhook: 10,
      email: 10,
    });
    const keys = hook.bodies.slice(hooksBefore).map((b) => (b.alert as { key: string }).key);
    expect(keys).toEqual(expected);
    expect(smtp.mails.length - mailsBefore).toBe(10);
  });
});
