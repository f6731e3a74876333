import { isLosslessNumber, parse, stringify } from 'lossless-json';

/**
 * Lossless JSON in both directions (docs/temu-api.md §15.15): ids above 2^53 exist, so requests are parsed
 * with every number kept as its original text (LosslessNumber) and responses are written with
 * bigint ids emitted as exact JSON numbers.
 */
export function parseJsonLossless(text: string): unknown {
  return parse(text);
}

export function toJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

export { isLosslessNumber };
