import { z } from 'zod';
import { httpUrl, urlWithScheme } from '@temu-odoo/config';

const hours = (fallback: number) =>
  z.coerce
    .number()
    .positive()
    .max(24 * 14)
    .default(fallback);
const emails = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email({ message: 'expected comma-separated e-mail addresses' })));

/** Environment of seller metrics, ship-by risk and alerts (README "Seller metrics and alerts"). */
export const healthEnv = {
  SHIP_BY_HORIZON_HOURS: hours(24),
  SHIP_BY_ESCALATION_HOURS: hours(4),
  /** Odoo res.users id the ship-by activities are assigned to (default: the integration's user). */
  SHIP_BY_ACTIVITY_USER_ID: z.coerce.number().int().positive().optional(),
  /** Slack-compatible incoming webhook (or any endpoint taking its JSON). */
  ALERT_WEBHOOK_URL: httpUrl('an http(s) URL for alert webhooks').optional(),
  /** `smtp://user:pass@host:587` or `smtps://…`; with ALERT_EMAIL_TO. */
  ALERT_SMTP_URL: urlWithScheme('an smtp:// or smtps:// URL', ['smtp:', 'smtps:']).optional(),
  ALERT_EMAIL_FROM: z.email({ message: 'expected an e-mail address' }).default('temu-odoo@localhost'),
  ALERT_EMAIL_TO: emails,
  ALERTS_PER_HOUR: z.coerce.number().int().positive().default(20),
  ALERT_PARKED_JOBS_MAX: z.coerce.number().int().min(0).default(50),
  ALERT_BACKLOG_MINUTES: z.coerce.number().positive().default(30),
  ALERT_THROTTLED_MINUTES: z.coerce.number().positive().default(15),
};

export const healthEnvSchema = z.object(healthEnv);
export type HealthEnv = z.output<typeof healthEnvSchema>;

/** Both or neither: an SMTP server without recipients (or the reverse) is a mistake to name at boot. */
export function checkEmailEnv(env: HealthEnv): void {
  if (Boolean(env.ALERT_SMTP_URL) !== env.ALERT_EMAIL_TO.length > 0) {
    throw new Error(
      'Invalid environment: ALERT_SMTP_URL and ALERT_EMAIL_TO go together: set both to send alert e-mails, or neither',
    );
  }
}
