import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/**
 * Webhook crypto (docs/temu-api.md §14.2, verified against the documented vectors):
 * - `eventData` is base64 of AES-128-CBC / PKCS#7 ciphertext; key = IV = first 16 bytes of app_secret.
 * - signature = hex HMAC-SHA256(app_secret) over `key + value` pairs sorted by key, no separators, of
 *   `eventData` (the DECRYPTED JSON), `x-tm-app-key`, `x-tm-event-code`, `x-tm-ext-param`, `x-tm-timestamp`.
 */
function keyAndIv(appSecret: string): Buffer {
  const key = Buffer.from(appSecret, 'utf8').subarray(0, 16);
  if (key.length !== 16)
    throw new TypeError('the Temu app secret must be at least 16 bytes to decrypt webhooks');
  return key;
}

export function decryptEventData(eventData: string, appSecret: string): string {
  const key = keyAndIv(appSecret);
  const decipher = createDecipheriv('aes-128-cbc', key, key);
  return Buffer.concat([decipher.update(Buffer.from(eventData, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

export function encryptEventData(plaintext: string, appSecret: string): string {
  const key = keyAndIv(appSecret);
  const cipher = createCipheriv('aes-128-cbc', key, key);
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export interface WebhookSignedFields {
  /** Decrypted event JSON, exactly as decrypted. */
  eventData: string;
  appKey: string;
  eventCode: string;
  /** Milliseconds, as sent in `x-tm-timestamp`. */
  timestamp: string;
  /** `x-tm-ext-param`; `undefined` signs the older scheme without it (docs/temu-api.md §14.2 [!]). */
  extParam?: string;
}

export function webhookSignature(fields: WebhookSignedFields, appSecret: string): string {
  const pairs: Array<[string, string]> = [
    ['eventData', fields.eventData],
    ['x-tm-app-key', fields.appKey],
    ['x-tm-event-code', fields.eventCode],
    ['x-tm-timestamp', fields.timestamp],
  ];
  if (fields.extParam !== undefined) pairs.push(['x-tm-ext-param', fields.extParam]);
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const base = pairs.map(([k, v]) => k + v).join('');
  return createHmac('sha256', appSecret).update(base, 'utf8').digest('hex');
}
