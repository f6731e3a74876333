import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadMappingFile } from '../src/worker-settings.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapping-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(content: unknown): string {
  const f = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(f, JSON.stringify(content));
  return f;
}

describe('MAPPING_FILE taxes', () => {
  it('reads rules, the create/park switch and marketplace-collected destinations', () => {
    const m = loadMappingFile(
      file({
        taxes: {
          createMissing: false,
          marketplaceCollected: ['US', 'de'],
          rules: [{ country: 'US', state: 'CA', ratePercent: 7.25, odooTax: 'CA 7.25%' }],
        },
      }),
    );
    expect(m.taxes).toEqual({
      createMissing: false,
      marketplaceCollected: ['US', 'de'],
      // A rule without a shop applies to every shop.
      rules: [{ shopId: '*', country: 'US', state: 'CA', ratePercent: 7.25, odooTax: 'CA 7.25%' }],
    });
  });

  it('refuses a rule it cannot apply, naming the field', () => {
    expect(() =>
      loadMappingFile(file({ taxes: { rules: [{ country: 'USA', ratePercent: 7.25, odooTax: 'x' }] } })),
    ).toThrow(/^MAPPING_FILE: taxes\.rules\.0\.country:/);
    expect(() =>
      loadMappingFile(file({ taxes: { rules: [{ country: 'US', ratePercent: -1, odooTax: 'x' }] } })),
    ).toThrow(/^MAPPING_FILE: taxes\.rules\.0\.ratePercent:/);
    expect(() => loadMappingFile(file({ taxes: { marketplaceCollected: ['United States'] } }))).toThrow(
      /^MAPPING_FILE: taxes\.marketplaceCollected\.0:/,
    );
  });
});
