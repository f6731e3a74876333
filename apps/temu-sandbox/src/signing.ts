import { createHash } from 'node:crypto';
import { isLosslessNumber, stringify } from 'lossless-json';

/**
 * One parameter value as it enters the sign string (docs/temu-api.md §3.2): strings as the official
 * Postman script does it (JSON.stringify without the surrounding quotes), numbers as their decimal
 * text exactly as transmitted, booleans lower case, objects/arrays as compact JSON in body order.
 */
export function signValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value).slice(1, -1);
  if (isLosslessNumber(value)) return value.value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return stringify(value) ?? '';
}

/** `secret + k1v1k2v2… + secret` over every top-level key except `sign`, keys sorted (docs/temu-api.md §3.1). */
export function buildSignString(params: Record<string, unknown>, appSecret: string): string {
  const keys = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined)
    .sort();
  let body = '';
  for (const key of keys) body += key + signValue(params[key]);
  return appSecret + body + appSecret;
}

/** MD5 of the sign string, hex, upper case (docs/temu-api.md §3.1 step 5). */
export function computeSign(params: Record<string, unknown>, appSecret: string): string {
  return createHash('md5').update(buildSignString(params, appSecret), 'utf8').digest('hex').toUpperCase();
}
