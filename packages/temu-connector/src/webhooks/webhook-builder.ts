import { encryptEventData, webhookSignature } from './webhook-crypto.js';

/** Builds a delivery exactly as Temu sends it (docs/temu-api.md §14.2) — for tests and local replays. */
export function buildTemuWebhook(input: {
  appKey: string;
  appSecret: string;
  eventCode: string;
  payload: Record<string, unknown>;
  timestampMs?: number;
  extParam?: string;
}): { headers: Record<string, string>; body: string } {
  const eventData = JSON.stringify(input.payload);
  const timestamp = String(input.timestampMs ?? Date.now());
  const extParam = input.extParam ?? '{}';
  const signature = webhookSignature(
    { eventData, appKey: input.appKey, eventCode: input.eventCode, timestamp, extParam },
    input.appSecret,
  );
  return {
    headers: {
      'content-type': 'application/json',
      'x-tm-app-key': input.appKey,
      'x-tm-event-code': input.eventCode,
      'x-tm-timestamp': timestamp,
      'x-tm-ext-param': extParam,
      'x-tm-signature': signature,
    },
    body: JSON.stringify({ eventData: encryptEventData(eventData, input.appSecret) }),
  };
}
