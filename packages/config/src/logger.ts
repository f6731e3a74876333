import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Every place a secret can sit in a log record. pino's redaction works on paths, so the list covers
 * the secret at the top level, one level down (e.g. `{ temu: { appSecret } }`) and in request-like
 * objects (`headers.authorization`, Temu's `app_secret`/`access_token`/`sign` body params).
 */
const SECRET_KEYS = [
  'app_secret',
  'appSecret',
  'access_token',
  'accessToken',
  'sign',
  'password',
  'apiKey',
  'api_key',
  'secret',
  'token',
  'authorization',
  'Authorization',
  'TEMU_APP_SECRET',
  'TEMU_ACCESS_TOKEN',
  'ODOO_PASSWORD',
  'DASHBOARD_PASSWORD',
];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.headers.authorization',
  'err.options.headers.authorization',
];

export const REDACTED = '[redacted]';

export type { Logger };

export interface LoggerFactoryOptions {
  service: string;
  level?: string;
  /** Where records go; defaults to stdout. Tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

/** One root logger per app, base fields `{service}`; children per job add queue/job/shop fields. */
export function createLogger({ service, level = 'info', destination }: LoggerFactoryOptions): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Removes secret-looking values from free text (error messages, URLs) that redaction by path cannot
 * reach: `access_token=...`, `"app_secret":"..."`, `Bearer ...`, `sign=...`.
 */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`)
    .replace(
      /("?(?:app_secret|access_token|sign|password|api_key)"?\s*[:=]\s*"?)([^"&,\s}]+)/gi,
      `$1${REDACTED}`,
    );
}
