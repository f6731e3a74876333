import { describe, expect, it } from '@jest/globals';
import { BadInputError } from '../../src/errors.js';
import { money } from '../../src/money.js';
import type { CaseRefund } from '../../src/returns/return-case.js';
import { refundCharges, refundClosingMinor } from '../../src/returns/credit-note-rules.js';

const usd = (minor: number) => money(minor, 'USD');

/**
 * One unit of two refunded on an order with 4.99 shipping, 1.00 seller and 0.60 marketplace
 * discount, shares in proportion to the units (half, rounded half up): goods 12.49 + tax 0.91 +
 * shipping 2.50 − 0.50 − 0.30 = 15.10.
 */
const halfRefund: CaseRefund = {
  total: usd(1510),
  shipping: usd(250),
  sellerDiscount: usd(50),
  marketplaceDiscount: usd(30),
};

describe('refundCharges', () => {
  it('gives the shipping share positive and the discount shares negative, as on the invoice', () => {
    expect(refundCharges(halfRefund)).toEqual([
      { kind: 'shipping', amount: usd(250) },
      { kind: 'seller_discount', amount: usd(-50) },
      { kind: 'marketplace_discount', amount: usd(-30) },
    ]);
  });

  it('leaves zero shares out (a goods-only refund credits no charge line)', () => {
    expect(
      refundCharges({ ...halfRefund, shipping: usd(0), sellerDiscount: usd(0), marketplaceDiscount: usd(0) }),
    ).toEqual([]);
  });

  it('reads a discount reported negative as the same share', () => {
    expect(refundCharges({ ...halfRefund, sellerDiscount: usd(-50) })[1]).toEqual({
      kind: 'seller_discount',
      amount: usd(-50),
    });
  });

  it('refuses a share in another currency than the refund', () => {
    expect(() => refundCharges({ ...halfRefund, shipping: money(250, 'EUR') })).toThrow(BadInputError);
  });
});

describe('refundClosingMinor', () => {
  it('is 0 when the ERP note already equals the refund', () => {
    expect(refundClosingMinor('C1', halfRefund, usd(1510), 1)).toBe(0);
  });

  it('closes a tax-rounding cent in either direction (ERP 15.09 → +1, 15.11 → −1)', () => {
    expect(refundClosingMinor('C1', halfRefund, usd(1509), 1)).toBe(1);
    expect(refundClosingMinor('C1', halfRefund, usd(1511), 1)).toBe(-1);
  });

  it('allows one cent per taxed line: 3 taxed lines close up to 3 cents (15.07 → +3)', () => {
    expect(refundClosingMinor('C1', halfRefund, usd(1507), 3)).toBe(3);
  });

  it('refuses a larger gap, naming both amounts: 12.49 credited vs 15.10 refunded is not rounding', () => {
    expect(() => refundClosingMinor('C1', halfRefund, usd(1249), 2)).toThrow(
      /case C1: the marketplace refunded 1510 USD .* comes to 1249/,
    );
  });

  it('refuses a note in another currency', () => {
    expect(() => refundClosingMinor('C1', halfRefund, money(1510, 'EUR'), 1)).toThrow(BadInputError);
  });
});
