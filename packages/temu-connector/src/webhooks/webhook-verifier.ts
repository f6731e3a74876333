import { timingSafeEqual } from 'node:crypto';
import { parseWireJson } from '../client/wire-json.js';
import { decryptEventData, webhookSignature } from './webhook-crypto.js';

export type WebhookRejectReason =
  | 'missing_header'
  | 'missing_event_data'
  | 'app_key_mismatch'
  | 'stale_timestamp'
  | 'not_authentic'
  | 'bad_payload';

/** The one answer for "does not decrypt" and "signature does not match" (see verifyTemuWebhook). */
export const NOT_AUTHENTIC_MESSAGE =
  'webhook rejected: eventData and x-tm-signature do not verify with this app secret';

/** A refused webhook delivery; `reason` is stable, the message says what was wrong (never a secret). */
export class WebhookVerificationError extends Error {
  readonly reason: WebhookRejectReason;

  constructor(reason: WebhookRejectReason, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.reason = reason;
  }
}

export interface TemuWebhookEvent {
  appKey: string;
  eventCode: string;
  timestampMs: number;
  /** Decrypted payload with big ids kept as exact strings (e.g. `parentOrderSn`, `orderStatus`). */
  payload: Record<string, unknown>;
  /** The decrypted JSON text, as signed. */
  rawEventData: string;
}

export interface VerifyWebhookInput {
  /** Request headers (any case, as Node gives them). */
  headers: Record<string, string | string[] | undefined>;
  /** Raw request body text: `{"eventData":"<base64>"}`. */
  body: string;
  appKey: string;
  appSecret: string;
  nowMs?: number;
  /**
   * Accepted clock difference; the replay window is undocumented (docs/temu-api.md §17), 5 minutes mirrors the
   * gateway's ±300 s request window.
   */
  maxSkewMs?: number;
}

function header(headers: VerifyWebhookInput['headers'], name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

function sameHex(a: string, b: string): boolean {
  // The Java sample upper-cases (docs/temu-api.md §14.2 [!]): compare case-insensitively, in constant time.
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Decrypts and authenticates one Temu webhook delivery (docs/temu-api.md §14.2); throws with a reason. */
export function verifyTemuWebhook(input: VerifyWebhookInput): TemuWebhookEvent {
  const appKey = header(input.headers, 'x-tm-app-key');
  const eventCode = header(input.headers, 'x-tm-event-code');
  const timestamp = header(input.headers, 'x-tm-timestamp');
  const signature = header(input.headers, 'x-tm-signature');
  const extParam = header(input.headers, 'x-tm-ext-param');
  for (const [name, value] of [
    ['x-tm-app-key', appKey],
    ['x-tm-event-code', eventCode],
    ['x-tm-timestamp', timestamp],
    ['x-tm-signature', signature],
  ] as const) {
    if (value === undefined || value === '')
      throw new WebhookVerificationError('missing_header', `webhook rejected: header ${name} is missing`);
  }
  if (appKey !== input.appKey) {
    throw new WebhookVerificationError(
      'app_key_mismatch',
      `webhook rejected: x-tm-app-key "${appKey}" is not this app's key`,
    );
  }
  const timestampMs = Number(timestamp);
  const maxSkewMs = input.maxSkewMs ?? 5 * 60_000;
  const nowMs = input.nowMs ?? Date.now();
  if (!Number.isFinite(timestampMs) || Math.abs(nowMs - timestampMs) > maxSkewMs) {
    throw new WebhookVerificationError(
      'stale_timestamp',
      `webhook rejected: x-tm-timestamp ${timestamp} is more than ${maxSkewMs} ms from now (${nowMs}); replayed or clock skew`,
    );
  }
  let encrypted: unknown;
  try {
    encrypted = (JSON.parse(input.body) as { eventData?: unknown }).eventData;
  } catch {
    encrypted = undefined;
  }
  if (typeof encrypted !== 'string' || encrypted === '') {
    throw new WebhookVerificationError(
      'missing_event_data',
      'webhook rejected: body is not {"eventData":"<base64>"}',
    );
  }
  // "Does not decrypt" and "bad signature" must be indistinguishable from outside: key and IV are
  // the same 16 bytes of the app secret (Temu's scheme), so telling a padding error apart from a
  // signature error would be a CBC padding oracle that decrypts any captured delivery. One reason,
  // one message, and the HMAC work is done either way.
  let eventData: string | null;
  try {
    eventData = decryptEventData(encrypted, input.appSecret);
  } catch {
    eventData = null;
  }
  const fields = { eventData: eventData ?? '', appKey, eventCode: eventCode!, timestamp: timestamp! };
  const current = webhookSignature({ ...fields, extParam: extParam ?? '' }, input.appSecret);
  // The older revision signed without x-tm-ext-param (docs/temu-api.md §14.2 [!]); accept either.
  const legacy = webhookSignature(fields, input.appSecret);
  const signed = sameHex(signature!, current) || sameHex(signature!, legacy);
  if (eventData === null || !signed) {
    throw new WebhookVerificationError('not_authentic', NOT_AUTHENTIC_MESSAGE);
  }
  const payload = parseWireJson(eventData);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new WebhookVerificationError(
      'bad_payload',
      'webhook rejected: decrypted eventData is not a JSON object',
    );
  }
  return {
    appKey,
    eventCode: eventCode!,
    timestampMs,
    payload: payload as Record<string, unknown>,
    rawEventData: eventData,
  };
}
