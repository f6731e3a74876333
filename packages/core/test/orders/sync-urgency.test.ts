import { describe, expect, it } from '@jest/globals';
import { syncUrgency } from '../../src/orders/sync-urgency.js';

describe('syncUrgency', () => {
  it('bulk catch-up (backfill, reconcile) yields; the live feed and an operator asking do not', () => {
    // The rule's table, written out: only the two bulk reasons read past windows in bulk.
    expect(syncUrgency('backfill')).toBe('catch-up');
    expect(syncUrgency('reconcile')).toBe('catch-up');
    expect(syncUrgency('poll')).toBe('fresh');
    expect(syncUrgency('webhook')).toBe('fresh');
    expect(syncUrgency('manual')).toBe('fresh');
  });
});
