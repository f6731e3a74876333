import {
  createLogger,
  exitOnSignalWhileStarting,
  exitOnStartupError,
  logEnv,
  parseEnv,
  readJsonFile,
  TEMU_DEFAULTS,
} from '@temu-odoo/config';
import { z } from 'zod';
import { catalogSchema } from './control/shop.control.js';
import { startTemuSandbox } from './server.js';

const env = z.object({
  ...logEnv,
  TEMU_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  TEMU_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  TEMU_APP_KEY: z.string().min(1).default(TEMU_DEFAULTS.TEMU_APP_KEY),
  TEMU_APP_SECRET: z.string().min(1).default(TEMU_DEFAULTS.TEMU_APP_SECRET),
  TEMU_ACCESS_TOKEN: z.string().min(1).default(TEMU_DEFAULTS.TEMU_ACCESS_TOKEN),
  TEMU_SANDBOX_SEED: z.coerce.number().int().default(1),
  TEMU_SANDBOX_ORDER_COUNT: z.coerce.number().int().min(0).default(20),
  TEMU_SANDBOX_ORDER_STREAM_PER_MINUTE: z.coerce.number().min(0).max(6000).default(0),
  TEMU_SANDBOX_CATALOG_FILE: z.string().optional(),
  TEMU_SANDBOX_WEBHOOK_URL: z.string().url().optional(),
  /** How long price orders stay under review (status 100) before the review decides: the demo shows them move. */
  TEMU_SANDBOX_PRICE_REVIEW_MS: z.coerce.number().int().min(0).max(3_600_000).default(3_000),
});

function loadCatalog(file: string | undefined) {
  if (!file) return undefined;
  return readJsonFile('TEMU_SANDBOX_CATALOG_FILE', file, catalogSchema);
}

async function main(): Promise<void> {
  const handOverSignals = exitOnSignalWhileStarting('temu-sandbox');
  const cfg = parseEnv(env);
  const logger = createLogger({ service: 'temu-sandbox', level: cfg.LOG_LEVEL });
  const sandbox = await startTemuSandbox({
    port: cfg.TEMU_SANDBOX_PORT,
    host: cfg.TEMU_SANDBOX_HOST,
    appKey: cfg.TEMU_APP_KEY,
    appSecret: cfg.TEMU_APP_SECRET,
    accessToken: cfg.TEMU_ACCESS_TOKEN,
    seed: cfg.TEMU_SANDBOX_SEED,
    orderCount: cfg.TEMU_SANDBOX_ORDER_COUNT,
    catalog: loadCatalog(cfg.TEMU_SANDBOX_CATALOG_FILE),
    webhookUrl: cfg.TEMU_SANDBOX_WEBHOOK_URL,
    priceReviewLatencyMs: cfg.TEMU_SANDBOX_PRICE_REVIEW_MS,
    logger,
  });
  if (cfg.TEMU_SANDBOX_ORDER_STREAM_PER_MINUTE > 0)
    sandbox.runtime.startStream(cfg.TEMU_SANDBOX_ORDER_STREAM_PER_MINUTE);
  logger.info(
    {
      url: sandbox.url,
      gateway: `${sandbox.url}/openapi/router`,
      control: `${sandbox.url}/_sandbox/`,
      appKey: cfg.TEMU_APP_KEY,
      orderStreamPerMinute: cfg.TEMU_SANDBOX_ORDER_STREAM_PER_MINUTE,
    },
    'temu sandbox listening',
  );
  const stop = (signal: string) => {
    logger.info({ signal }, 'temu sandbox stopping');
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'temu sandbox did not stop cleanly');
        process.exit(1);
      },
    );
  };
  handOverSignals();
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => exitOnStartupError(err, 'temu-sandbox'));
