/**
 * Writes the shared demo catalogue in each sandbox's input format into a folder (default `demo/`):
 * `temu-catalog.json` (TEMU_SANDBOX_CATALOG_FILE) and `odoo-products.json` (ODOO_SANDBOX_PRODUCTS_FILE).
 * The Docker image runs it at build time so `docker compose up` seeds both sandboxes alike.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeDemoCatalog } from './lib/demo-catalog.js';

const dir = path.resolve(process.argv[2] ?? 'demo');
fs.mkdirSync(dir, { recursive: true });
const files = writeDemoCatalog(dir);
process.stdout.write(`${files.temu}\n${files.odoo}\n`);
