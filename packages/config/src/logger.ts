import { pino, type Logger, type LoggerOptions } from 'pino';
import { REDACTED } from '@temu-odoo/core';
import { prettyDestination } from './pretty-log.js';

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

// One definition of the scrubber and its marker, in core (pure text functions); re-exported here.
export { REDACTED, scrubSecrets } from '@temu-odoo/core';

export type { Logger };

/** `json` for machines, `pretty` for a terminal, `auto` = pretty when stdout is a terminal. */
export type LogFormat = 'auto' | 'json' | 'pretty';

export interface LoggerFactoryOptions {
  service: string;
  level?: string;
  /** Where records go; defaults to stdout. Tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
  /**
   * Default: JSON when a destination is given, else LOG_FORMAT (validated at start by `logEnv`),
   * else `auto`. `pnpm start` sets LOG_FORMAT=pretty for the apps it runs.
   */
  format?: LogFormat;
}

function chooseFormat(format: LogFormat | undefined, hasDestination: boolean): 'json' | 'pretty' {
  const chosen = format ?? (hasDestination ? 'json' : ((process.env.LOG_FORMAT || 'auto') as LogFormat));
  if (chosen === 'auto') return process.stdout.isTTY ? 'pretty' : 'json';
  return chosen === 'pretty' ? 'pretty' : 'json';
}

/** Colours only for a terminal (or when FORCE_COLOR asks, as `pnpm start` does); never with NO_COLOR. */
function coloursWanted(): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}

/** One root logger per app, base fields `{service}`; children per job add queue/job/shop fields. */
export function createLogger({ service, level = 'info', destination, format }: LoggerFactoryOptions): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (chooseFormat(format, destination !== undefined) === 'pretty') {
    const out = destination ?? process.stdout;
    return pino(options, prettyDestination(out, { colours: destination ? false : coloursWanted() }));
  }
  return destination ? pino(options, destination) : pino(options);
}
