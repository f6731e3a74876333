/**
 * The order polling window (R4). Temu's order list filters `updateAtStart/End` are whole SECONDS and a
 * closed interval (docs/temu-api.md §8.3, §15.1), so windows are aligned to seconds; an event in the
 * same second as the previous window's end may be missed by it, hence an overlap of at least 1 s.
 * No maximum window length is documented, but the list pages to at most 100 pages of 100 (docs/temu-api.md §8.3,
 * SEMI, docs/temu-api.md §17): a window must not hold more than 10,000 orders, so long backfills are split.
 */

import { DAY_MS } from '../time.js';

export interface PollWindow {
  fromMs: number;
  toMs: number;
}

/** Minimum overlap: Temu times are whole seconds. */
export const MIN_OVERLAP_MS = 1_000;
/** Default chunk of a long window: one day of orders stays far below the 10,000-order page depth. */
export const DEFAULT_MAX_WINDOW_MS = DAY_MS;

export interface NextPollWindowInput {
  /** End of the last window that was fully enqueued; null on the first run. */
  watermarkMs: number | null;
  nowMs: number;
  overlapMs: number;
  backfillDays: number;
}

const floorToSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * First run: the backfill window [now − backfillDays, now]. Later: [watermark − overlap, now]. A
 * watermark in the future (clock skew) is treated as now. The watermark advances to `toMs` only
 * after the whole window is enqueued (the caller's job).
 */
export function nextPollWindow({
  watermarkMs,
  nowMs,
  overlapMs,
  backfillDays,
}: NextPollWindowInput): PollWindow {
  if (!Number.isFinite(nowMs)) throw new RangeError(`nowMs must be a finite time, got ${nowMs}`);
  if (!Number.isFinite(overlapMs) || overlapMs < 0)
    throw new RangeError(`overlapMs must not be negative, got ${overlapMs}`);
  if (!Number.isFinite(backfillDays) || backfillDays <= 0) {
    throw new RangeError(`backfillDays must be positive, got ${backfillDays}`);
  }
  const toMs = floorToSecond(nowMs);
  const fromMs =
    watermarkMs === null
      ? toMs - Math.round(backfillDays * DAY_MS)
      : Math.min(watermarkMs, nowMs) - Math.max(overlapMs, MIN_OVERLAP_MS);
  return { fromMs: floorToSecond(fromMs), toMs };
}

/**
 * Splits a window into consecutive chunks of at most `maxWindowMs`, oldest first. Adjacent chunks
 * share their boundary second (Temu's interval is closed), which only re-lists an order already seen:
 * the sync job ids are deterministic, so it is not processed twice.
 */
export function splitWindow(window: PollWindow, maxWindowMs: number = DEFAULT_MAX_WINDOW_MS): PollWindow[] {
  if (!Number.isFinite(maxWindowMs) || maxWindowMs < 1000) {
    throw new RangeError(`maxWindowMs must be at least one second, got ${maxWindowMs}`);
  }
  if (!(window.toMs >= window.fromMs)) {
    throw new RangeError(`window ends (${window.toMs}) before it starts (${window.fromMs})`);
  }
  const stepMs = floorToSecond(maxWindowMs);
  const chunks: PollWindow[] = [];
  let fromMs = window.fromMs;
  do {
    const toMs = Math.min(fromMs + stepMs, window.toMs);
    chunks.push({ fromMs, toMs });
    fromMs = toMs;
  } while (fromMs < window.toMs);
  return chunks;
}
