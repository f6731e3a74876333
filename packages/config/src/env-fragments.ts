import { z } from 'zod';

/**
 * Env fragments shared by the apps. Each app composes the ones it needs:
 * `z.object({ ...redisEnv, ...logEnv, ...temuEnv })`.
 * Defaults match the embedded sandboxes so `pnpm start` needs no set-up.
 */

/**
 * A URL with one of `schemes` and a host. Only parsing is not enough: `ODOO_URL=ftp:x` and
 * `REDIS_URL=http://…` parse, then the app retries a connection that can never work, forever.
 */
export const urlWithScheme = (what: string, schemes: readonly string[]) =>
  z.string().refine(
    (v) => {
      if (!URL.canParse(v)) return false;
      const parsed = new URL(v);
      return schemes.includes(parsed.protocol) && parsed.hostname !== '';
    },
    { message: `expected ${what}` },
  );

const HTTP = ['http:', 'https:'] as const;
export const httpUrl = (what: string) => urlWithScheme(what, HTTP);

/** Minutes knob: production range is documented as 1–60, fractions are allowed for tests and demos. */
export const minutes = (fallback: number) =>
  z.coerce
    .number({ message: 'expected a number of minutes' })
    .positive({ message: 'expected a positive number of minutes' })
    .max(24 * 60, { message: 'expected at most 1440 minutes' })
    .default(fallback);

export const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''], { message: 'expected true or false' })
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

export const redisEnv = {
  REDIS_URL: urlWithScheme('a redis:// or rediss:// URL', ['redis:', 'rediss:']).default(
    'redis://127.0.0.1:6379',
  ),
  /** Key prefix of every queue; the queue name is wrapped in {} so one queue lives in one cluster slot. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/, { message: 'expected letters, digits, ":", "_" or "-"' })
    .default('temu-odoo'),
};

export const logEnv = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` (one record per line), `pretty` (for people), `auto`: pretty when stdout is a terminal. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
};

export const TEMU_DEFAULTS = {
  TEMU_APP_KEY: 'sandbox-app-key',
  TEMU_APP_SECRET: 'sandbox-app-secret',
  TEMU_ACCESS_TOKEN: 'sandbox-access-token',
} as const;

export const temuEnv = {
  TEMU_GATEWAY_URL: httpUrl('an http:// or https:// URL of a Temu gateway').default('http://127.0.0.1:4010'),
  TEMU_APP_KEY: z
    .string()
    .min(1, { message: 'expected the Temu app key' })
    .default(TEMU_DEFAULTS.TEMU_APP_KEY),
  TEMU_APP_SECRET: z
    .string()
    .min(1, { message: 'expected the Temu app secret' })
    .default(TEMU_DEFAULTS.TEMU_APP_SECRET),
  TEMU_ACCESS_TOKEN: z
    .string()
    .min(1, { message: 'expected the shop access token' })
    .default(TEMU_DEFAULTS.TEMU_ACCESS_TOKEN),
  /** Id of the single shop described by the TEMU_* shorthand. */
  TEMU_SHOP_ID: z.string().min(1).default('demo-shop'),
  TEMU_REGION: z.enum(['US', 'EU', 'GLOBAL', 'PARTNER', 'CN']).default('US'),
  /** Optional JSON file describing several shops; overrides the single-shop shorthand. */
  TEMU_SHOPS_FILE: z.string().optional(),
  /** How often the shops file is re-read besides file-change events (added shops need no restart). */
  TEMU_SHOPS_RELOAD_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
};

export const ODOO_DEFAULTS = {
  ODOO_DB: 'odoo',
  ODOO_USERNAME: 'admin',
  ODOO_PASSWORD: 'admin',
} as const;

export const odooEnv = {
  ODOO_URL: httpUrl('an http:// or https:// URL of the Odoo server').default('http://127.0.0.1:8069'),
  ODOO_DB: z.string().min(1, { message: 'expected the Odoo database name' }).default(ODOO_DEFAULTS.ODOO_DB),
  ODOO_USERNAME: z
    .string()
    .min(1, { message: 'expected the Odoo login' })
    .default(ODOO_DEFAULTS.ODOO_USERNAME),
  ODOO_PASSWORD: z
    .string()
    .min(1, { message: 'expected the Odoo password or API key' })
    .default(ODOO_DEFAULTS.ODOO_PASSWORD),
  ODOO_PROTOCOL: z.enum(['auto', 'jsonrpc', 'json2']).default('auto'),
};

export const dashboardEnv = {
  DASHBOARD_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DASHBOARD_USER: z.string().min(1).default('admin'),
  DASHBOARD_PASSWORD: z.string().optional(),
  /** Explicit opt-in to run the dashboard without a password, for a local machine only. */
  DASHBOARD_INSECURE_LOCAL: booleanFlag,
};
