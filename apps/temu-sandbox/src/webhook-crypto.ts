import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/**
 * Webhook crypto of docs/temu-api.md §14.2, verified against the documented vectors:
 * AES-128-CBC with PKCS#7 padding, key = IV = the first 16 bytes of app_secret, base64 text;
 * signature = hex HMAC-SHA256(app_secret) over `key+value` pairs sorted by name of `eventData`
 * (the decrypted JSON) and the x-tm-* headers.
 */
function keyOf(appSecret: string): Buffer {
  // Secrets shorter than 16 bytes are zero-padded [I]; real Temu secrets are 40 hex chars.
  const key = Buffer.alloc(16);
  Buffer.from(appSecret, 'utf8').copy(key, 0, 0, 16);
  return key;
}

export function encryptEventData(json: string, appSecret: string): string {
  const key = keyOf(appSecret);
  const cipher = createCipheriv('aes-128-cbc', key, key);
  return Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]).toString('base64');
}

export function decryptEventData(base64: string, appSecret: string): string {
  const key = keyOf(appSecret);
  const decipher = createDecipheriv('aes-128-cbc', key, key);
  return Buffer.concat([decipher.update(Buffer.from(base64, 'base64')), decipher.final()]).toString('utf8');
}

export interface WebhookHeaders {
  'x-tm-app-key': string;
  'x-tm-event-code': string;
  /** Milliseconds. */
  'x-tm-timestamp': string;
  'x-tm-ext-param': string;
}

export function webhookSignatureBase(headers: WebhookHeaders, eventDataJson: string): string {
  const pairs: [string, string][] = [['eventData', eventDataJson], ...Object.entries(headers)];
  return pairs
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => k + v)
    .join('');
}

export function signWebhook(headers: WebhookHeaders, eventDataJson: string, appSecret: string): string {
  return createHmac('sha256', appSecret)
    .update(webhookSignatureBase(headers, eventDataJson), 'utf8')
    .digest('hex');
}
