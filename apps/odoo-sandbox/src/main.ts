/** `pnpm sandbox:odoo`: the Odoo sandbox alone, in the foreground. */
import { z } from 'zod';
import {
  createLogger,
  exitOnSignalWhileStarting,
  exitOnStartupError,
  logEnv,
  ODOO_DEFAULTS,
  parseEnv,
  readJsonFile,
} from '@temu-odoo/config';
import { demoProducts, ODOO_VERSIONS, startOdooSandbox, type SandboxProductSeed } from './index.js';

const envSchema = z.object({
  ...logEnv,
  ODOO_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(8069),
  /** Interface to bind: loopback by default; 0.0.0.0 in a container so other containers reach it. */
  ODOO_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  ODOO_SANDBOX_VERSION: z.enum(ODOO_VERSIONS).default('18.0'),
  ODOO_DB: z.string().min(1).default(ODOO_DEFAULTS.ODOO_DB),
  ODOO_USERNAME: z.string().min(1).default(ODOO_DEFAULTS.ODOO_USERNAME),
  ODOO_PASSWORD: z.string().min(1).default(ODOO_DEFAULTS.ODOO_PASSWORD),
  /** The user's API key (JSON-2's only secret, 19+); default: ODOO_PASSWORD. */
  ODOO_SANDBOX_API_KEY: z.string().min(1).optional(),
  ODOO_SANDBOX_PRODUCTS_FILE: z.string().optional(),
  ODOO_SANDBOX_TAX_ROUNDING: z.enum(['round_per_line', 'round_globally']).default('round_per_line'),
});

const productSeedSchema = z.array(
  z
    .object({
      defaultCode: z.string().min(1),
      name: z.string().min(1),
      barcode: z.string().optional(),
      listPriceMinor: z.number().int().nonnegative().optional(),
      listPrice: z.number().nonnegative().optional(),
      qtyOnHand: z.number().nonnegative(),
      type: z.enum(['storable', 'consumable', 'service']).optional(),
    })
    .strict(),
);

function loadProducts(file: string | undefined): SandboxProductSeed[] {
  if (!file) return demoProducts();
  return readJsonFile('ODOO_SANDBOX_PRODUCTS_FILE', file, productSeedSchema);
}

async function main(): Promise<void> {
  const handOverSignals = exitOnSignalWhileStarting('odoo-sandbox');
  const env = parseEnv(envSchema);
  const logger = createLogger({ service: 'odoo-sandbox', level: env.LOG_LEVEL });
  const products = loadProducts(env.ODOO_SANDBOX_PRODUCTS_FILE);
  const sandbox = await startOdooSandbox({
    port: env.ODOO_SANDBOX_PORT,
    host: env.ODOO_SANDBOX_HOST,
    version: env.ODOO_SANDBOX_VERSION,
    db: env.ODOO_DB,
    username: env.ODOO_USERNAME,
    password: env.ODOO_PASSWORD,
    ...(env.ODOO_SANDBOX_API_KEY ? { apiKey: env.ODOO_SANDBOX_API_KEY } : {}),
    products,
    taxRounding: env.ODOO_SANDBOX_TAX_ROUNDING,
    logger,
  });
  logger.info(
    { url: sandbox.url, version: sandbox.version, db: sandbox.db, products: products.length },
    'odoo sandbox listening',
  );
  const stop = (signal: string) => {
    logger.info({ signal }, 'odoo sandbox stopping');
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  handOverSignals();
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => exitOnStartupError(err, 'odoo-sandbox'));
