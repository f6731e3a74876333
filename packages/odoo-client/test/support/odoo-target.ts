import fs from 'node:fs';
import { describe } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OdooConnection, type OdooConnectionOptions } from '../../src/index.js';

export interface SeedProduct {
  defaultCode: string;
  name: string;
  barcode?: string;
  listPrice: number;
  qtyOnHand: number;
}

/** Where the contract suite runs: a sandbox it starts, or the real Odoo named in the environment. */
export interface OdooTarget {
  label: string;
  /** Version asked of the sandbox; null for a real server. */
  version: string | null;
  options: OdooConnectionOptions;
  /** Control API base (`${url}/_sandbox`) — sandboxes only. */
  controlUrl: string | null;
  close(): Promise<void>;
}

export function realOdooFromEnv(env = process.env): OdooConnectionOptions | null {
  const { ODOO_URL, ODOO_DB, ODOO_USERNAME, ODOO_PASSWORD, ODOO_PROTOCOL } = env;
  if (!ODOO_URL || !ODOO_DB || !ODOO_USERNAME || !ODOO_PASSWORD) return null;
  const protocol = ODOO_PROTOCOL === 'jsonrpc' || ODOO_PROTOCOL === 'json2' ? ODOO_PROTOCOL : 'auto';
  return { url: ODOO_URL, db: ODOO_DB, username: ODOO_USERNAME, password: ODOO_PASSWORD, protocol };
}

interface SandboxHandle {
  url: string;
  db: string;
  close(): Promise<void>;
}
type StartSandbox = (o: Record<string, unknown>) => Promise<SandboxHandle>;

// Relative import of the sandbox app (a test-only dependency, never a package dependency). The
// path is computed so typechecking does not depend on the sandbox's sources.
const SANDBOX = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../apps/odoo-sandbox/src/index.ts',
);

/** Whether the sandbox app's entry point exists in this checkout. */
export function sandboxAvailable(): boolean {
  return fs.existsSync(SANDBOX);
}

/**
 * `describe.each` over the sandbox as Odoo 16–19, or once (version `null`) against the real Odoo
 * from env; skipped when neither is there. The versions of the recordings most contracts run as.
 */
export function describeEachOdoo16to19() {
  const real = realOdooFromEnv() !== null;
  const targets: Array<string | null> = real ? [null] : ['16.0', '17.0', '18.0', '19.0'];
  return real || sandboxAvailable() ? describe.each(targets) : describe.skip.each(targets);
}

/**
 * The real Odoo from the environment, or a sandbox of `version` whose user has a password and a
 * separate API key; the client is given the API key (which /jsonrpc accepts too), under `protocol`.
 */
export async function startTarget(
  version: string | null,
  products: SeedProduct[],
  protocol: 'auto' | 'jsonrpc' | 'json2' = 'auto',
  /** More sandbox options (e.g. `withWebsiteSale`); ignored for a real Odoo. */
  sandboxOptions: Record<string, unknown> = {},
): Promise<OdooTarget> {
  const real = realOdooFromEnv();
  if (real) {
    await seedRealOdoo(real, products);
    return {
      label: `real Odoo at ${real.url}`,
      version: null,
      options: real,
      controlUrl: null,
      close: async () => {},
    };
  }
  const mod = (await import(pathToFileURL(SANDBOX).href)) as { startOdooSandbox: StartSandbox };
  const apiKey = 'c0ffee0123456789abcdef0123456789abcdef01';
  const credentials = { db: 'contract', username: 'admin' };
  const sb = await mod.startOdooSandbox({
    port: 0,
    version,
    ...credentials,
    password: 'contract-login-password',
    apiKey,
    products,
    ...sandboxOptions,
  });
  return {
    label: `sandbox ${version} (${protocol})`,
    version,
    options: { url: sb.url, ...credentials, password: apiKey, protocol },
    controlUrl: `${sb.url.replace(/\/+$/, '')}/_sandbox`,
    close: () => sb.close(),
  };
}

/** On a real server the suite creates its own products (unique SKUs per run) and stock, like the fixtures' setup flow. */
async function seedRealOdoo(options: OdooConnectionOptions, products: SeedProduct[]): Promise<void> {
  const conn = new OdooConnection(options);
  await conn.connect();
  const d = conn.dialect;
  const ids = await conn.create(
    'product.product',
    products.map((p) => ({
      name: p.name,
      default_code: p.defaultCode,
      list_price: p.listPrice,
      ...(p.barcode ? { barcode: p.barcode } : {}),
      ...d.storableProductVals(),
    })),
  );
  const [wh] = await conn.searchRead<{ lot_stock_id: [number, string] }>(
    'stock.warehouse',
    [],
    ['lot_stock_id'],
    { limit: 1, order: 'id asc' },
  );
  const quants = await conn.create(
    'stock.quant',
    products.map((p, i) => ({
      product_id: ids[i],
      location_id: wh!.lot_stock_id[0],
      inventory_quantity: p.qtyOnHand,
    })),
    { inventory_mode: true },
  );
  await conn.action('stock.quant', 'action_apply_inventory', quants, { inventory_mode: true });
}
