/**
 * HTTP `Retry-After` (RFC 9110 §10.2.3) as a wait in milliseconds: either delta-seconds or an
 * HTTP date. Pure (the caller passes its clock), so it lives in core and both connectors share it.
 * Unreadable or missing headers give `undefined`, so the caller falls back to its own backoff.
 */
export function parseRetryAfterMs(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
