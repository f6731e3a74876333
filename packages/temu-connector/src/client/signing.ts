import { createHash } from 'node:crypto';
import { stringifyWireJson } from './wire-json.js';

/**
 * Request signing, exactly per docs/temu-api.md §3:
 * all top-level parameters except `sign`, sorted by key (byte order), `key + value` concatenated with
 * no separators, wrapped in the app secret on both sides, MD5, upper-case hex.
 *
 * Values (docs/temu-api.md §3.2): strings are their JSON text without the surrounding quotes (what the official
 * Postman/Python references do), numbers/booleans their JSON text, objects and arrays compact JSON in
 * body key order. `null`/`undefined` parameters are dropped from both body and sign (docs/temu-api.md §3.2, FANG/OMNI).
 *
 * To sign exactly what is sent (docs/temu-api.md §3.4, §15.5) every value is serialised once and the same text is used
 * both in the body and in the sign string.
 */
export interface SignedBody {
  /** The exact JSON text to POST. */
  body: string;
  sign: string;
}

interface SerialisedParam {
  key: string;
  json: string;
  signValue: string;
}

function serialiseParams(params: Record<string, unknown>): SerialisedParam[] {
  const out: SerialisedParam[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || key === 'sign') continue;
    const json = stringifyWireJson(value);
    out.push({ key, json, signValue: typeof value === 'string' ? json.slice(1, -1) : json });
  }
  return out;
}

function byteOrder(a: SerialisedParam, b: SerialisedParam): number {
  return Buffer.compare(Buffer.from(a.key, 'utf8'), Buffer.from(b.key, 'utf8'));
}

function md5Upper(secret: string, entries: SerialisedParam[]): string {
  const sorted = [...entries].sort(byteOrder);
  const payload = secret + sorted.map((e) => e.key + e.signValue).join('') + secret;
  return createHash('md5').update(payload, 'utf8').digest('hex').toUpperCase();
}

/** The `sign` of a parameter set (docs/temu-api.md §3.1). */
export function computeSign(params: Record<string, unknown>, appSecret: string): string {
  return md5Upper(appSecret, serialiseParams(params));
}

/** Serialises the parameters once, signs that text, and returns the body with `sign` appended. */
export function signRequestBody(params: Record<string, unknown>, appSecret: string): SignedBody {
  const entries = serialiseParams(params);
  const sign = md5Upper(appSecret, entries);
  const members = entries.map((e) => `${JSON.stringify(e.key)}:${e.json}`);
  members.push(`"sign":${JSON.stringify(sign)}`);
  return { body: `{${members.join(',')}}`, sign };
}
