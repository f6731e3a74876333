import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Recorded real-Odoo exchanges, kept in the repository (`<repo>/fixtures/odoo`, see its README). */
export const FIXTURES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../fixtures/odoo',
);

export interface Exchange {
  step: string;
  request: {
    jsonrpc: '2.0';
    method: string;
    params: { service: string; method: string; args: unknown[] };
    id: number;
  };
  response: {
    jsonrpc: '2.0';
    id: number;
    result?: unknown;
    error?: { code: number; message: string; data: { name: string; message: string } };
  };
}

export function loadFlow(version: '17.0' | '18.0', flow: string): { db: string; exchanges: Exchange[] } {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, version, `${flow}.json`), 'utf8')) as {
    db: string;
    exchanges: Exchange[];
  };
}

export const FIXTURE_VERSIONS = ['17.0', '18.0'] as const;
