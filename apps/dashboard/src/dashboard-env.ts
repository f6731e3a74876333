import { z } from 'zod';
import { booleanFlag, dashboardEnv, logEnv, parseEnv, redisEnv } from '@temu-odoo/config';

export const dashboardEnvSchema = z.object({
  ...redisEnv,
  ...logEnv,
  ...dashboardEnv,
  /** Interface to bind; 0.0.0.0 in containers, 127.0.0.1 is enough on a laptop. */
  DASHBOARD_HOST: z.string().min(1).default('0.0.0.0'),
  /** Serve /metrics without basic auth (for a Prometheus that scrapes without credentials). */
  METRICS_PUBLIC: booleanFlag,
});

export type DashboardEnv = z.output<typeof dashboardEnvSchema>;

/** Thrown when the dashboard would start without a password and nobody opted in to that. */
export class MissingPasswordError extends Error {
  readonly code = 'ERR_DASHBOARD_NO_PASSWORD';
}

export const BLANK_PASSWORD_MESSAGE =
  'DASHBOARD_PASSWORD is only whitespace: set a real password (or unset it and set ' +
  'DASHBOARD_INSECURE_LOCAL=true to run without authentication on a local machine)';

export const MISSING_PASSWORD_MESSAGE =
  'the dashboard refuses to start without DASHBOARD_PASSWORD: set DASHBOARD_PASSWORD ' +
  '(and optionally DASHBOARD_USER, default "admin"), or set DASHBOARD_INSECURE_LOCAL=true ' +
  'to run it without authentication on a local machine';

/** Parses the env and applies the password rule (issue 2, item 6). The message is one line. */
export function loadDashboardEnv(env: Record<string, string | undefined> = process.env): DashboardEnv {
  const parsed = parseEnv(dashboardEnvSchema, env);
  const password = parsed.DASHBOARD_PASSWORD === '' ? undefined : parsed.DASHBOARD_PASSWORD;
  // Spaces look like a password in a compose file but guard nothing; say so rather than accept it.
  if (password !== undefined && password.trim() === '')
    throw new MissingPasswordError(BLANK_PASSWORD_MESSAGE);
  if (password === undefined && !parsed.DASHBOARD_INSECURE_LOCAL) {
    throw new MissingPasswordError(MISSING_PASSWORD_MESSAGE);
  }
  return { ...parsed, DASHBOARD_PASSWORD: password };
}
