import { describe, expect, it } from '@jest/globals';
import { parseRetryAfterMs } from '../src/retry-after.js';

// now = 2026-01-01T00:00:00Z, written as an epoch by hand: Date.UTC(2026, 0, 1).
const NOW = Date.UTC(2026, 0, 1);

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds (2.5 s = 2500 ms) and the first of repeated headers', () => {
    expect(parseRetryAfterMs('2.5', NOW)).toBe(2500);
    expect(parseRetryAfterMs(['3', '9'], NOW)).toBe(3000);
  });

  it('reads an HTTP date as the time left until it, never below zero', () => {
    // 00:00:07 is 7 s after NOW; a date in the past means "now".
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:07 GMT', NOW)).toBe(7000);
    expect(parseRetryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfterMs('-4', NOW)).toBe(0);
  });

  it('gives undefined for a missing, empty or unreadable header', () => {
    expect(parseRetryAfterMs(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfterMs('  ', NOW)).toBeUndefined();
    expect(parseRetryAfterMs('soon', NOW)).toBeUndefined();
  });
});
