import { describe, expect, it } from '@jest/globals';
import { BadInputError } from '../../src/errors.js';
import {
  fixedSafetyStock,
  safetyStockFor,
  channelTarget,
  validateChannelShares,
  velocitySafetyStock,
} from '../../src/stock/allocation.js';
import type { SafetyStockConfig } from '../../src/stock/allocation.js';

describe('validateChannelShares', () => {
  it('accepts the mission example 40/35/25 and returns a frozen copy', () => {
    const shares = validateChannelShares({ temu: 0.4, own_site: 0.35, other: 0.25 });
    expect(shares).toEqual({ temu: 0.4, own_site: 0.35, other: 0.25 });
    expect(Object.isFrozen(shares)).toBe(true);
  });

  it('accepts a total under 100% (the rest is kept back)', () => {
    expect(validateChannelShares({ temu: 0.5 })).toEqual({ temu: 0.5 });
  });

  it('rejects shares summing over 100%, naming them', () => {
    expect(() => validateChannelShares({ temu: 0.5, own_site: 0.35, other: 0.25 })).toThrow(
      new BadInputError('channel shares sum to 110%, more than 100%: temu=0.5, own_site=0.35, other=0.25'),
    );
  });

  it('rejects percentages written as whole numbers with a hint', () => {
    expect(() => validateChannelShares({ temu: 40, own_site: 35 })).toThrow(
      'channel share temu=40 must be a fraction between 0 and 1 (write 40% as 0.4); shares: temu=40, own_site=35',
    );
  });

  it('rejects negative, NaN and empty shares', () => {
    expect(() => validateChannelShares({ temu: -0.1 })).toThrow(
      'channel share temu=-0.1 must be a fraction between 0 and 1',
    );
    expect(() => validateChannelShares({ temu: Number.NaN })).toThrow('channel share temu=NaN');
    expect(() => validateChannelShares({})).toThrow('channel shares are empty');
  });

  it('tolerates float noise in a total of exactly 100%', () => {
    expect(() => validateChannelShares({ a: 0.1, b: 0.2, c: 0.7 })).not.toThrow();
  });
});

describe('channelTarget', () => {
  it('applies floor(max(0, free − safety) × share)', () => {
    expect(channelTarget({ freeQuantity: 100, safetyStock: 10, share: 0.4 })).toBe(36);
    expect(channelTarget({ freeQuantity: 17, safetyStock: 2, share: 0.4 })).toBe(6); // 6.0
    expect(channelTarget({ freeQuantity: 18, safetyStock: 2, share: 0.4 })).toBe(6); // 6.4 rounds down
  });

  it('does not lose a unit to float error (100 × 0.29 is 28.999…)', () => {
    expect(channelTarget({ freeQuantity: 100, safetyStock: 0, share: 0.29 })).toBe(29);
    expect(channelTarget({ freeQuantity: 10, safetyStock: 0, share: 0.7 })).toBe(7);
  });

  it('gives 0 for zero or negative stock and when safety stock eats everything', () => {
    expect(channelTarget({ freeQuantity: 0, safetyStock: 0, share: 1 })).toBe(0);
    expect(channelTarget({ freeQuantity: -5, safetyStock: 0, share: 1 })).toBe(0);
    expect(channelTarget({ freeQuantity: 5, safetyStock: 8, share: 1 })).toBe(0);
  });

  it('handles fractional free quantities (units of measure) by rounding down', () => {
    expect(channelTarget({ freeQuantity: 12.5, safetyStock: 0.5, share: 0.5 })).toBe(6);
    expect(channelTarget({ freeQuantity: 2.9, safetyStock: 0, share: 1 })).toBe(2);
  });

  it('is unbounded above by default and clamps to the range the channel accepts', () => {
    expect(channelTarget({ freeQuantity: 5_000_000, safetyStock: 0, share: 1 })).toBe(5_000_000);
    expect(channelTarget({ freeQuantity: 5_000_000, safetyStock: 0, share: 1, max: 1_000_000 })).toBe(
      1_000_000,
    );
    expect(channelTarget({ freeQuantity: 500, safetyStock: 0, share: 1, max: 200 })).toBe(200);
    expect(channelTarget({ freeQuantity: 0, safetyStock: 0, share: 1, min: 1 })).toBe(1);
  });

  it('rejects a share outside 0..1 and non-finite inputs', () => {
    expect(() => channelTarget({ freeQuantity: 10, safetyStock: 0, share: 40 })).toThrow(
      'share must be a fraction between 0 and 1, got 40',
    );
    expect(() => channelTarget({ freeQuantity: Number.NaN, safetyStock: 0, share: 1 })).toThrow(
      'freeQuantity must be a finite number',
    );
  });
});

describe('safety stock', () => {
  it('fixed: rounds fractions up and rejects negatives', () => {
    expect(fixedSafetyStock(3)).toBe(3);
    expect(fixedSafetyStock(2.2)).toBe(3);
    expect(() => fixedSafetyStock(-1)).toThrow('safety stock must not be negative, got -1');
  });

  it('velocity: ceil(average daily units × days of cover)', () => {
    expect(velocitySafetyStock({ unitsSoldInWindow: 30, windowDays: 30, daysOfCover: 3 })).toBe(3);
    expect(velocitySafetyStock({ unitsSoldInWindow: 10, windowDays: 7, daysOfCover: 7 })).toBe(10);
    expect(velocitySafetyStock({ unitsSoldInWindow: 10, windowDays: 30, daysOfCover: 4 })).toBe(2); // 1.33 → 2
    expect(velocitySafetyStock({ unitsSoldInWindow: 1, windowDays: 30, daysOfCover: 1 })).toBe(1); // 0.03 → 1
  });

  it('velocity: 0 with no history', () => {
    expect(velocitySafetyStock({ unitsSoldInWindow: null, windowDays: 30, daysOfCover: 5 })).toBe(0);
    expect(velocitySafetyStock({ unitsSoldInWindow: 0, windowDays: 30, daysOfCover: 5 })).toBe(0);
  });

  it('velocity: rejects a window of zero days', () => {
    expect(() => velocitySafetyStock({ unitsSoldInWindow: 5, windowDays: 0, daysOfCover: 5 })).toThrow(
      'windowDays must be positive, got 0',
    );
  });

  it('safetyStockFor picks the per-SKU rule, else the default, and asks velocity for its window', () => {
    const config: SafetyStockConfig = {
      default: { kind: 'velocity', windowDays: 14, daysOfCover: 3 },
      perSku: { 'MUG-RED': { kind: 'fixed', quantity: 5 } },
    };
    const asked: Array<[string, number]> = [];
    const lookup = (sku: string, windowDays: number) => {
      asked.push([sku, windowDays]);
      return sku === 'PLATE-BLUE' ? 28 : null;
    };
    expect(safetyStockFor('MUG-RED', config, lookup)).toBe(5);
    expect(safetyStockFor('PLATE-BLUE', config, lookup)).toBe(6); // 28/14 × 3
    expect(safetyStockFor('NEW-ITEM', config, lookup)).toBe(0);
    expect(asked).toEqual([
      ['PLATE-BLUE', 14],
      ['NEW-ITEM', 14],
    ]);
  });
});
