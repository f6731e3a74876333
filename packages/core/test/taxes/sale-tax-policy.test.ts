import { describe, expect, it } from '@jest/globals';
import { isIntegrationError } from '../../src/errors.js';
import { destinationOf, resolveSaleTax, type SaleTaxPolicy } from '../../src/taxes/sale-tax-policy.js';

const CA = destinationOf('us', 'ca');
const FR = destinationOf('FR', 'Île-de-France');
const policy = (over: Partial<SaleTaxPolicy> = {}): SaleTaxPolicy => ({
  rules: [],
  createMissing: true,
  marketplaceCollected: [],
  ...over,
});

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('destinationOf', () => {
  it('keeps the state only where Temu reports taxes per state (US)', () => {
    expect(CA).toEqual({ country: 'US', state: 'CA' });
    expect(FR).toEqual({ country: 'FR', state: null });
    // Temu gives US states by name (regionName2 "California").
    expect(destinationOf('US', 'California')).toEqual({ country: 'US', state: 'CA' });
    expect(destinationOf('US', 'new  york')).toEqual({ country: 'US', state: 'NY' });
  });
});

describe('resolveSaleTax', () => {
  it('a rate of 0 forces no tax; an unknown rate (priced by estimate) leaves the ERP defaults', () => {
    expect(resolveSaleTax('shop-a', CA, 0, policy())).toEqual({ kind: 'none' });
    expect(resolveSaleTax('shop-a', CA, null, policy())).toEqual({ kind: 'erp_default' });
  });

  it('uses the mapped ERP tax: shop + state beats shop + country beats any shop', () => {
    const rules = [
      { shopId: '*', country: 'US', ratePercent: 7.25, erpTaxName: 'any shop US 7.25' },
      { shopId: 'shop-a', country: 'US', ratePercent: 7.25, erpTaxName: 'shop-a US 7.25' },
      { shopId: 'shop-a', country: 'US', state: 'CA', ratePercent: 7.25, erpTaxName: 'shop-a CA 7.25' },
      { shopId: 'shop-a', country: 'US', state: 'NY', ratePercent: 7.25, erpTaxName: 'shop-a NY 7.25' },
    ];
    // 0.0725 as a fraction = 7.25 % (the float 0.0725 × 100 is 7.249999…; kept to 4 decimals → 7.25).
    expect(resolveSaleTax('shop-a', CA, 0.0725, policy({ rules }))).toEqual({
      kind: 'named',
      erpTaxName: 'shop-a CA 7.25',
      ratePercent: 7.25,
    });
    expect(resolveSaleTax('shop-a', destinationOf('US', 'TX'), 0.0725, policy({ rules }))).toMatchObject({
      erpTaxName: 'shop-a US 7.25',
    });
    expect(resolveSaleTax('shop-b', CA, 0.0725, policy({ rules }))).toMatchObject({
      erpTaxName: 'any shop US 7.25',
    });
  });

  it('a rate no rule maps gets a dedicated marketplace tax named after shop, destination and rate', () => {
    // Named after the marketplace the caller names ('Temu' from the connector) …
    expect(resolveSaleTax('shop-a', CA, 0.0725, policy(), 'Temu')).toEqual({
      kind: 'dedicated',
      tax: {
        name: 'Temu shop-a US-CA 7.25%',
        ratePercent: 7.25,
        country: 'US',
        collectedByMarketplace: false,
      },
    });
    // … or a neutral word when it does not.
    expect(resolveSaleTax('shop-eu', FR, 0.2, policy())).toMatchObject({
      tax: { name: 'Marketplace shop-eu FR 20%', ratePercent: 20, country: 'FR' },
    });
  });

  it('where the marketplace collects the tax, the dedicated tax says so (own account)', () => {
    const byState = policy({ marketplaceCollected: ['US-CA'] });
    expect(resolveSaleTax('shop-a', CA, 0.0725, byState, 'Temu')).toMatchObject({
      tax: { name: 'Temu shop-a US-CA 7.25% (collected by Temu)', collectedByMarketplace: true },
    });
    expect(resolveSaleTax('shop-a', destinationOf('US', 'TX'), 0.0725, byState)).toMatchObject({
      tax: { collectedByMarketplace: false },
    });
    expect(resolveSaleTax('shop-a', CA, 0.0725, policy({ marketplaceCollected: ['us'] }))).toMatchObject({
      tax: { collectedByMarketplace: true },
    });
  });

  it('parks the order with the rate, destination and shop when creating taxes is switched off', () => {
    const err = thrown(() => resolveSaleTax('shop-x', CA, 0.0725, policy({ createMissing: false })));
    expect(isIntegrationError(err) && err.kind).toBe('bad_input');
    expect(isIntegrationError(err) && err.code).toBe('ERR_NO_SALE_TAX');
    expect(err.message).toMatch(/^no ERP sale tax for 7\.25% \(US-CA\) in shop shop-x: map it under "taxes"/);
  });

  it('refuses a negative rate as bad input', () => {
    expect(thrown(() => resolveSaleTax('s', CA, -0.1, policy())).message).toMatch(/not a rate/);
  });
});
