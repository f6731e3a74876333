import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Recorded real-Odoo exchanges, kept in the repository (`<repo>/fixtures/odoo`, see its README). */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const FIXTURES_DIR = path.resolve(repoRoot, 'fixtures/odoo');

/** Replay order from the fixtures README (later flows use data of earlier ones). */
export const FLOW_ORDER = [
  'module_check',
  'auth',
  'setup',
  'order_create',
  'order_confirm_deliver',
  'order_invoice_pay',
  'order_cancel',
  'order_return',
  'errors',
  'stock_changes',
  'order_partial_delivery',
] as const;

/** Wave 2 flows the sandbox replays (fixtures README "Wave 2 flows"); each on its own fresh sandbox. */
export const WAVE2_FLOWS = [
  'taxes_fiscal_positions',
  'pricelists',
  'credit_note_refund',
  'stock_scrap_ageing',
  'product_images_categories',
] as const;

/**
 * Wave-2 flows the sandbox models only in part: the exchanges from this index on are not replayed.
 * pricelists: from #13 the recording reads and creates product categories (parent/child tree, cost
 * method) and prices a sale order from the pricelist, which the sandbox does not model yet.
 */
export const REPLAY_UP_TO: Partial<Record<string, number>> = { pricelists: 13 };

export interface Exchange {
  step: string;
  request: {
    jsonrpc: string;
    method: string;
    params: { service: string; method: string; args: unknown[] };
    id: unknown;
  };
  response: Record<string, unknown>;
  http_status: number;
}

export interface FixtureFile {
  db: string;
  odoo_version: string;
  exchanges: Exchange[];
}

export function loadFixture(version: string, flow: string): FixtureFile {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, version, `${flow}.json`), 'utf8')) as FixtureFile;
}
