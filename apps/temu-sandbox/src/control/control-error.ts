import type { z } from 'zod';

/** A control API failure: HTTP status plus a message naming what to fix. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.') || 'body';
  throw new ControlError(400, `${path}: ${issue.message}`);
}
