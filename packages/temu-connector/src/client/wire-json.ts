import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';

/**
 * Big-integer-safe JSON (docs/temu-api.md §15.15): Temu ids can exceed 2^53, which `JSON.parse` corrupts.
 * Safe numbers become JS numbers; unsafe integers stay exact as their decimal string (ids are strings
 * in the domain); unsafe non-integers (over-long decimals) become the nearest number.
 */
function parseNumber(text: string): number | string {
  if (isSafeNumber(text)) return Number(text);
  if (isInteger(text)) return text;
  return Number(text);
}

export function parseWireJson(text: string): unknown {
  return parse(text, undefined, parseNumber);
}

/** Compact JSON; `bigint` values are written as plain integers so ids beyond 2^53 go out exact. */
export function stringifyWireJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new TypeError('value cannot be serialised to JSON');
  return text;
}
