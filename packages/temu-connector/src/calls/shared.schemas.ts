import { z } from 'zod';

/**
 * Zod building blocks shared by the typed calls. Responses are parsed big-integer-safe (wire-json),
 * so an id arrives as a number (≤ 2^53) or as its exact decimal string (> 2^53); ids leave this
 * package as strings (docs/temu-api.md §15.15).
 */
export const temuId = z
  .union([z.string().min(1), z.number().int().nonnegative()])
  .transform((v) => String(v));

/**
 * A numeric id to send: numbers as given, decimal strings as a number when safe or a bigint when
 * beyond 2^53, so the JSON text carries the exact digits (and the sign covers the same digits).
 */
export const wireId = z
  .union([
    z
      .number()
      .int()
      .nonnegative()
      .refine(Number.isSafeInteger, 'expected a safe integer; pass ids beyond 2^53 as a string'),
    z.bigint(),
    z.string().regex(/^\d+$/, 'expected a numeric id'),
  ])
  .transform((v): number | bigint => {
    if (typeof v !== 'string') return v;
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : BigInt(v);
  });

/** Order filters are UNIX seconds; milliseconds answer 140020014 (docs/temu-api.md §15.1). */
export const epochSeconds = z
  .number()
  .int()
  .nonnegative()
  .max(99_999_999_999, 'expected UNIX seconds, not milliseconds (docs/temu-api.md §15.1)');

/** Goods filters are 13-digit milliseconds (docs/temu-api.md §10.1). */
export const epochMillis = z.number().int().nonnegative();

export const pageSize = z
  .number()
  .int()
  .min(1)
  .max(100, 'Temu pages hold at most 100 items (docs/temu-api.md §15.3)')
  .default(100);
export const pageNumber = z.number().int().min(1).default(1);

/** A money amount: an integer of minor units in order amounts (docs/temu-api.md §8.6), a decimal string in goods/prices (docs/temu-api.md §10). */
export const temuMoney = z.object({
  amount: z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal amount')]),
  currency: z.string().min(3),
});
export type TemuMoney = z.output<typeof temuMoney>;

export const optionalText = z.string().nullish();
export const optionalInt = z.number().int().nullish();

/** `{name, value}` label lists: every label is listed with 0/1 (docs/temu-api.md §15.13). */
export const temuLabels = z.array(z.object({ name: z.string(), value: z.number() })).nullish();

/** Paired time filters must both be present (docs/temu-api.md §15.4, 140020013) and end after start (140020012). */
export function checkPairs<T extends Record<string, unknown>>(
  pairs: ReadonlyArray<readonly [keyof T & string, keyof T & string]>,
) {
  return (value: T, ctx: z.RefinementCtx) => {
    for (const [start, end] of pairs) {
      const a = value[start];
      const b = value[end];
      if ((a === undefined) !== (b === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [a === undefined ? start : end],
          message: `${start} and ${end} must be given together (docs/temu-api.md §15.4)`,
        });
      } else if (typeof a === 'number' && typeof b === 'number' && b < a) {
        ctx.addIssue({ code: 'custom', path: [end], message: `${end} must not be before ${start}` });
      }
    }
  };
}
