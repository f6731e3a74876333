import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import type { ReturnLabelErpPort } from '@temu-odoo/core';
import { returnLabelEnv, returnLabelSetupFromEnv } from '../src/returns/return-label-env.js';

/** RETURN_LABEL_* (README "Returns and refunds"): off by default, a half configuration refused by name. */
const schema = z.object(returnLabelEnv);
/** Never called here: only the setup's wiring is under test. */
const erp: ReturnLabelErpPort = {
  findReturnLabelAttachment: () => Promise.reject(new Error('not used')),
  attachReturnLabel: () => Promise.reject(new Error('not used')),
};
const WAREHOUSE = JSON.stringify({ name: 'R', street: '1 Main St', city: 'X', zip: '12345', country: 'US' });

describe('return label settings', () => {
  it('unset or empty (as compose passes an unset variable): no label buying', () => {
    expect(returnLabelSetupFromEnv(schema.parse({}), erp)).toBeNull();
    expect(
      returnLabelSetupFromEnv(
        schema.parse({ RETURN_LABEL_PROVIDER_URL: '', RETURN_LABEL_WEIGHT_GRAMS: '' }),
        erp,
      ),
    ).toBeNull();
  });

  it('a provider URL without key, carriers and warehouse names all three', () => {
    const env = schema.parse({ RETURN_LABEL_PROVIDER_URL: 'https://api.easypost.com' });
    expect(() => returnLabelSetupFromEnv(env, erp)).toThrow(
      'RETURN_LABEL_PROVIDER_URL is set but RETURN_LABEL_API_KEY, RETURN_LABEL_CARRIERS, RETURN_LABEL_WAREHOUSE are not',
    );
  });

  it('carriers map provider names (case-insensitive) to Temu ids; a bad pair is named', () => {
    const base = {
      RETURN_LABEL_PROVIDER_URL: 'https://api.easypost.com',
      RETURN_LABEL_API_KEY: 'k',
      RETURN_LABEL_WAREHOUSE: WAREHOUSE,
    };
    const setup = returnLabelSetupFromEnv(
      schema.parse({ ...base, RETURN_LABEL_CARRIERS: 'USPS=1001, UPS=1002' }),
      erp,
    );
    expect([...setup!.carriers]).toEqual([
      ['usps', '1001'],
      ['ups', '1002'],
    ]);
    expect(setup!.weightGrams).toBe(1000);
    expect(setup!.warehouse).toMatchObject({ street: '1 Main St', street2: null, country: 'US' });
    expect(() =>
      returnLabelSetupFromEnv(schema.parse({ ...base, RETURN_LABEL_CARRIERS: 'USPS' }), erp),
    ).toThrow(/RETURN_LABEL_CARRIERS must list .* \(got 'USPS'\)/);
    expect(() =>
      returnLabelSetupFromEnv(
        schema.parse({ ...base, RETURN_LABEL_CARRIERS: 'USPS=1', RETURN_LABEL_WAREHOUSE: '{"name":"R"}' }),
        erp,
      ),
    ).toThrow(/RETURN_LABEL_WAREHOUSE must be a JSON address/);
  });
});
