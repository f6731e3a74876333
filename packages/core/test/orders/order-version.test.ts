import { describe, expect, it } from '@jest/globals';
import { compareOrderVersions, isNewerVersion } from '../../src/orders/order-version.js';

describe('order versions', () => {
  it('orders by update time first, whatever the status', () => {
    // A later second wins even with a lower rank (ranks are compared only within one second).
    expect(
      compareOrderVersions(
        { updatedAtMs: 2_000, status: 'pending' },
        { updatedAtMs: 1_000, status: 'cancelled' },
      ),
    ).toBeGreaterThan(0);
  });

  it('orders two changes of the same second by status rank', () => {
    const at = 1_750_000_000_000;
    expect(
      compareOrderVersions({ updatedAtMs: at, status: 'shipped' }, { updatedAtMs: at, status: 'unshipped' }),
    ).toBeGreaterThan(0);
    expect(
      compareOrderVersions(
        { updatedAtMs: at, status: 'unshipped' },
        { updatedAtMs: at, status: 'cancelled' },
      ),
    ).toBeLessThan(0);
    expect(
      compareOrderVersions({ updatedAtMs: at, status: 'shipped' }, { updatedAtMs: at, status: 'shipped' }),
    ).toBe(0);
  });

  it('a same-second change of lower rank is not newer than what was written', () => {
    const at = 1_750_000_000_000;
    expect(
      isNewerVersion({ updatedAtMs: at, status: 'unshipped' }, { updatedAtMs: at, status: 'shipped' }),
    ).toBe(false);
    expect(
      isNewerVersion({ updatedAtMs: at, status: 'delivered' }, { updatedAtMs: at, status: 'shipped' }),
    ).toBe(true);
    expect(isNewerVersion({ updatedAtMs: at, status: 'shipped' }, undefined)).toBe(true);
  });
});
