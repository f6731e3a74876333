import { parseEnv } from '@temu-odoo/config';
import { sendTestAlerts } from './alerts/test-alerts.js';
import { alertChannels } from './seller-metrics/build-health-deps.js';
import { healthEnvSchema } from './seller-metrics/health-env.js';

/**
 * `pnpm --filter @temu-odoo/worker alerts:test`: sends one alert of each kind through the channels
 * configured by ALERT_WEBHOOK_URL / ALERT_SMTP_URL + ALERT_EMAIL_TO, and says how many went out.
 */
const env = parseEnv(healthEnvSchema);
const channels = alertChannels(env);
if (!channels.length) {
  console.error('No alert channel configured: set ALERT_WEBHOOK_URL, or ALERT_SMTP_URL with ALERT_EMAIL_TO');
  process.exit(2);
}
const sent = await sendTestAlerts(channels);
for (const c of channels) if ('close' in c && typeof c.close === 'function') c.close();
console.log(JSON.stringify({ sent }));
