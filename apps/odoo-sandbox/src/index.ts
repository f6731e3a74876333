/**
 * @temu-odoo/odoo-sandbox — a faithful local Odoo external API (JSON-RPC for 16–19, JSON-2 for 19)
 * for the models and flows the ERP adapter uses. See README.md.
 */
import { ODOO_DEFAULTS, type Logger } from '@temu-odoo/config';
import type { Clock } from './clock.js';
import { Faults } from './control/faults.js';
import { Stats } from './control/stats.js';
import type { SandboxProductSeed } from './product-seed.js';
import { freshStore, type SandboxState } from './sandbox-state.js';
import { listen } from './server.js';
import type { Store } from './store.js';
import { isOdooVersion, majorOf, ODOO_VERSIONS, type OdooVersion } from './version-fields.js';

export { demoProducts, type SandboxProductSeed } from './product-seed.js';
export type { OdooVersion } from './version-fields.js';
export type { Store } from './store.js';
export type { FaultInput, FaultState } from './control/faults.js';
export type { StatsSnapshot } from './control/stats.js';
export { ODOO_VERSIONS } from './version-fields.js';

export interface OdooSandboxOptions {
  /** 0 = a free port; default ODOO_SANDBOX_PORT or 8069. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default ODOO_SANDBOX_VERSION or '18.0'. */
  version?: OdooVersion;
  /** Defaults ODOO_DEFAULTS (db "odoo", admin/admin). */
  db?: string;
  username?: string;
  password?: string;
  /**
   * The user's API key: the only secret JSON-2 (19+) accepts, and accepted by /jsonrpc in place of
   * the password. Default: the password (a sandbox convenience; a real Odoo keeps them apart).
   */
  apiKey?: string;
  /** Catalogue to start with (default: none; `pnpm sandbox:odoo` seeds `demoProducts()`). */
  products?: SandboxProductSeed[];
  /** `delivery` installed (carrier_tracking_ref present). Default true; false = a database like the fixtures' before module_check. */
  withDeliveryModule?: boolean;
  /**
   * `website_sale` (eCommerce) installed: `product.image` and the templates' extra media
   * `product_template_image_ids` exist. Default false, as in a database without eCommerce, where
   * reading that field is "Invalid field" (docs/odoo-api.md, "Gallery images").
   */
  withWebsiteSale?: boolean;
  /**
   * The company's tax rounding (Accounting settings). The set-up is always Odoo's generic chart as
   * recorded: every new product gets the 15 % sale tax, no 7.25 % or 20 % tax exists.
   */
  taxRounding?: 'round_per_line' | 'round_globally';
  /** Time source for write_date, date_order, sequences' year… (default: the wall clock). */
  clock?: Clock;
  logger?: Logger;
}

export interface RunningOdooSandbox {
  url: string;
  port: number;
  version: OdooVersion;
  db: string;
  /** The live database (replaced by POST /_sandbox/reset, so read it through this getter). */
  readonly store: Store;
  close(): Promise<void>;
}

function resolveVersion(v: string | undefined): OdooVersion {
  const value = v ?? process.env.ODOO_SANDBOX_VERSION ?? '18.0';
  if (!isOdooVersion(value))
    throw new Error(
      `ODOO_SANDBOX_VERSION: expected one of ${ODOO_VERSIONS.join(', ')} (got ${JSON.stringify(value)})`,
    );
  return value;
}

function resolvePort(p: number | undefined): number {
  const value =
    p ?? (process.env.ODOO_SANDBOX_PORT !== undefined ? Number(process.env.ODOO_SANDBOX_PORT) : 8069);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`ODOO_SANDBOX_PORT: expected a port number 0-65535 (got ${String(value)})`);
  return value;
}

export async function startOdooSandbox(opts: OdooSandboxOptions = {}): Promise<RunningOdooSandbox> {
  const version = resolveVersion(opts.version);
  const host = opts.host ?? '127.0.0.1';
  const clock = opts.clock ?? (() => new Date());
  const base = {
    version,
    login: opts.username ?? ODOO_DEFAULTS.ODOO_USERNAME,
    products: opts.products ?? [],
    withDelivery: opts.withDeliveryModule ?? true,
    withWebsiteSale: opts.withWebsiteSale ?? false,
    taxRounding: opts.taxRounding ?? 'round_per_line',
    clock,
  };
  const password = opts.password ?? ODOO_DEFAULTS.ODOO_PASSWORD;
  const state: SandboxState = {
    ...base,
    store: freshStore(base),
    major: majorOf(version),
    db: opts.db ?? ODOO_DEFAULTS.ODOO_DB,
    password,
    apiKey: opts.apiKey ?? password,
    uid: 2,
    faults: new Faults(),
    stats: new Stats(),
    requests: new Stats(),
    ...(opts.logger ? { logger: opts.logger } : {}),
  };
  const { server, port } = await listen(state, host, resolvePort(opts.port));
  return {
    url: `http://${host}:${port}`,
    port,
    version,
    db: state.db,
    get store() {
      return state.store;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
