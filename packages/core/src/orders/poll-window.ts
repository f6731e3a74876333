/**
 * The order polling window (R4). A marketplace filters its order list by update time at some
 * resolution (`resolutionMs`, given by the connector) over a closed interval, so windows are aligned
 * to that resolution; an event in the same tick as the previous window's end may be missed by it,
 * hence an overlap of at least one tick. A list pages only so deep, so long backfills are split.
 */

import { DAY_MS } from '../time.js';

export interface PollWindow {
  fromMs: number;
  toMs: number;
}

/** Default chunk of a long window: one day of orders stays far below a list's page depth. */
export const DEFAULT_MAX_WINDOW_MS = DAY_MS;

export interface NextPollWindowInput {
  /** End of the last window that was fully enqueued; null on the first run. */
  watermarkMs: number | null;
  nowMs: number;
  overlapMs: number;
  backfillDays: number;
  /** The marketplace's time resolution: windows align to it and overlap by at least one tick. */
  resolutionMs: number;
}

function checkResolution(resolutionMs: number): void {
  if (!Number.isInteger(resolutionMs) || resolutionMs < 1)
    throw new RangeError(`resolutionMs must be a whole number of milliseconds ≥ 1, got ${resolutionMs}`);
}

const floorTo = (ms: number, resolutionMs: number) => Math.floor(ms / resolutionMs) * resolutionMs;

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
  resolutionMs,
}: NextPollWindowInput): PollWindow {
  checkResolution(resolutionMs);
  if (!Number.isFinite(nowMs)) throw new RangeError(`nowMs must be a finite time, got ${nowMs}`);
  if (!Number.isFinite(overlapMs) || overlapMs < 0)
    throw new RangeError(`overlapMs must not be negative, got ${overlapMs}`);
  if (!Number.isFinite(backfillDays) || backfillDays <= 0) {
    throw new RangeError(`backfillDays must be positive, got ${backfillDays}`);
  }
  const toMs = floorTo(nowMs, resolutionMs);
  const fromMs =
    watermarkMs === null
      ? toMs - Math.round(backfillDays * DAY_MS)
      : Math.min(watermarkMs, nowMs) - Math.max(overlapMs, resolutionMs);
  return { fromMs: floorTo(fromMs, resolutionMs), toMs };
}

/**
 * Splits a window into consecutive chunks of at most `maxWindowMs` (aligned to `resolutionMs`),
 * oldest first. Adjacent chunks share their boundary tick (the interval is closed), which only re-lists
 * an order already seen: the sync job ids are deterministic, so it is not processed twice.
 */
export function splitWindow(
  window: PollWindow,
  resolutionMs: number,
  maxWindowMs: number = DEFAULT_MAX_WINDOW_MS,
): PollWindow[] {
  checkResolution(resolutionMs);
  if (!Number.isFinite(maxWindowMs) || maxWindowMs < resolutionMs) {
    throw new RangeError(`maxWindowMs must be at least resolutionMs (${resolutionMs}), got ${maxWindowMs}`);
  }
  if (!(window.toMs >= window.fromMs)) {
    throw new RangeError(`window ends (${window.toMs}) before it starts (${window.fromMs})`);
  }
  const stepMs = floorTo(maxWindowMs, resolutionMs);
  const chunks: PollWindow[] = [];
  let fromMs = window.fromMs;
  do {
    const toMs = Math.min(fromMs + stepMs, window.toMs);
    chunks.push({ fromMs, toMs });
    fromMs = toMs;
  } while (fromMs < window.toMs);
  return chunks;
}
