// Shared jest setup: native ESM (got and p-retry are ESM-only), TypeScript through SWC,
// workspace packages resolved to their sources so tests need no build step.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

/** @returns {import('jest').Config} */
export function jestConfig() {
  return {
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'es6' },
        },
      ],
    },
    moduleNameMapper: {
      '^@temu-odoo/([^/]+)$': [
        path.join(root, 'packages/$1/src/index.ts'),
        path.join(root, 'apps/$1/src/index.ts'),
      ],
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    testTimeout: 30_000,
    maxWorkers: 1,
  };
}
