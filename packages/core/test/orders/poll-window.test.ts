import { describe, expect, it } from '@jest/globals';
import { DAY_MS } from '../../src/time.js';
import { nextPollWindow, splitWindow } from '../../src/orders/poll-window.js';

const NOW = 1_750_000_123_456; // not on a whole second
/** The resolution of the marketplace these tests model: whole seconds. */
const SECOND = 1_000;

describe('nextPollWindow', () => {
  it('first run: the backfill window, aligned to whole seconds', () => {
    expect(
      nextPollWindow({
        watermarkMs: null,
        nowMs: NOW,
        overlapMs: 60_000,
        backfillDays: 30,
        resolutionMs: SECOND,
      }),
    ).toEqual({
      fromMs: 1_750_000_123_000 - 30 * DAY_MS,
      toMs: 1_750_000_123_000,
    });
  });

  it('later: from watermark − overlap to now', () => {
    expect(
      nextPollWindow({
        watermarkMs: 1_749_999_823_000,
        nowMs: NOW,
        overlapMs: 120_000,
        backfillDays: 30,
        resolutionMs: SECOND,
      }),
    ).toEqual({
      fromMs: 1_749_999_703_000,
      toMs: 1_750_000_123_000,
    });
  });

  it('overlaps by at least one second, as Temu times are whole seconds', () => {
    expect(
      nextPollWindow({
        watermarkMs: 1_750_000_000_000,
        nowMs: NOW,
        overlapMs: 0,
        backfillDays: 1,
        resolutionMs: SECOND,
      }).fromMs,
    ).toBe(1_749_999_999_000);
  });

  it('treats a watermark in the future (clock skew) as now', () => {
    expect(
      nextPollWindow({
        watermarkMs: NOW + 3_600_000,
        nowMs: NOW,
        overlapMs: 60_000,
        backfillDays: 1,
        resolutionMs: SECOND,
      }),
    ).toEqual({
      fromMs: 1_750_000_063_000,
      toMs: 1_750_000_123_000,
    });
  });

  it('accepts fractional backfill days and rejects nonsense', () => {
    expect(
      nextPollWindow({ watermarkMs: null, nowMs: NOW, overlapMs: 0, backfillDays: 0.5, resolutionMs: SECOND })
        .fromMs,
    ).toBe(1_750_000_123_000 - 43_200_000);
    expect(() =>
      nextPollWindow({ watermarkMs: null, nowMs: NOW, overlapMs: 0, backfillDays: 0, resolutionMs: SECOND }),
    ).toThrow('backfillDays must be positive, got 0');
    expect(() =>
      nextPollWindow({ watermarkMs: 1, nowMs: NOW, overlapMs: -1, backfillDays: 1, resolutionMs: SECOND }),
    ).toThrow('overlapMs must not be negative, got -1');
  });
});

describe('splitWindow', () => {
  it('splits a 30-day backfill into 30 one-day chunks, oldest first, touching end to start', () => {
    const chunks = splitWindow({ fromMs: 0, toMs: 30 * DAY_MS }, SECOND);
    expect(chunks).toHaveLength(30);
    expect(chunks[0]).toEqual({ fromMs: 0, toMs: DAY_MS });
    expect(chunks[29]).toEqual({ fromMs: 29 * DAY_MS, toMs: 30 * DAY_MS });
    for (let i = 1; i < chunks.length; i += 1) expect(chunks[i]?.fromMs).toBe(chunks[i - 1]?.toMs);
  });

  it('keeps the last chunk short and a short window whole', () => {
    expect(splitWindow({ fromMs: 0, toMs: 25_000 }, SECOND, 10_000)).toEqual([
      { fromMs: 0, toMs: 10_000 },
      { fromMs: 10_000, toMs: 20_000 },
      { fromMs: 20_000, toMs: 25_000 },
    ]);
    expect(splitWindow({ fromMs: 5_000, toMs: 65_000 }, SECOND)).toEqual([{ fromMs: 5_000, toMs: 65_000 }]);
    expect(splitWindow({ fromMs: 5_000, toMs: 5_000 }, SECOND)).toEqual([{ fromMs: 5_000, toMs: 5_000 }]);
  });

  it('rounds the chunk size down to whole seconds and rejects a reversed window', () => {
    expect(splitWindow({ fromMs: 0, toMs: 3_000 }, SECOND, 1_500)).toHaveLength(3);
    expect(() => splitWindow({ fromMs: 10, toMs: 5 }, SECOND)).toThrow(
      'window ends (5) before it starts (10)',
    );
  });

  it('aligns to the resolution it is given, not to seconds', () => {
    // 1 ms resolution: a 1,500 ms chunk stays 1,500 ms, so 0..3,000 is two chunks (1,500 + 1,500).
    expect(splitWindow({ fromMs: 0, toMs: 3_000 }, 1, 1_500)).toEqual([
      { fromMs: 0, toMs: 1_500 },
      { fromMs: 1_500, toMs: 3_000 },
    ]);
    // 1 ms resolution, overlap 0: the window starts one tick (1 ms) before the watermark.
    expect(
      nextPollWindow({ watermarkMs: NOW - 10, nowMs: NOW, overlapMs: 0, backfillDays: 1, resolutionMs: 1 }),
    ).toEqual({ fromMs: NOW - 11, toMs: NOW });
    expect(() => splitWindow({ fromMs: 0, toMs: 1 }, 0)).toThrow('resolutionMs must be a whole number');
  });
});
