import type { Redis } from 'ioredis';
import type { Logger } from '@temu-odoo/config';
import type { TemuGroup } from '@temu-odoo/queues';
import type { ErpActivityPort } from '@temu-odoo/core';
import { AlertBook } from '../alerts/alert-book.js';
import { EmailChannel, WebhookChannel, type AlertChannel } from '../alerts/alert-channels.js';
import { AlertDispatcher } from '../alerts/alert-dispatcher.js';
import type { HealthDeps } from './health-deps.js';
import { checkEmailEnv, type HealthEnv } from './health-env.js';

const HOUR_MS = 3_600_000;

/** The configured alert channels (none configured: alerts are only logged and shown). */
export function alertChannels(env: HealthEnv): AlertChannel[] {
  checkEmailEnv(env);
  const channels: AlertChannel[] = [];
  if (env.ALERT_WEBHOOK_URL) channels.push(new WebhookChannel(env.ALERT_WEBHOOK_URL));
  if (env.ALERT_SMTP_URL)
    channels.push(
      new EmailChannel({ smtpUrl: env.ALERT_SMTP_URL, from: env.ALERT_EMAIL_FROM, to: env.ALERT_EMAIL_TO }),
    );
  return channels;
}

export function buildHealthDeps(input: {
  env: HealthEnv;
  redis: Redis;
  prefix: string;
  log: Logger;
  throttledForMs?: (group: TemuGroup) => Promise<number>;
  activities?: ErpActivityPort;
}): HealthDeps {
  const { env } = input;
  const channels = alertChannels(env);
  const book = new AlertBook(input.redis, input.prefix, env.ALERTS_PER_HOUR);
  return {
    risk: {
      horizonMs: env.SHIP_BY_HORIZON_HOURS * HOUR_MS,
      escalationMs: env.SHIP_BY_ESCALATION_HOURS * HOUR_MS,
    },
    // Without channels the book still records what is open (the health page shows it); nothing is sent.
    alerts: new AlertDispatcher(book, channels, input.log),
    activityUserId: env.SHIP_BY_ACTIVITY_USER_ID ?? null,
    limits: {
      parkedJobsMax: env.ALERT_PARKED_JOBS_MAX,
      backlogMinutes: env.ALERT_BACKLOG_MINUTES,
      throttledMinutes: env.ALERT_THROTTLED_MINUTES,
    },
    ...(input.throttledForMs ? { throttledForMs: input.throttledForMs } : {}),
    ...(input.activities ? { activities: input.activities } : {}),
  };
}
