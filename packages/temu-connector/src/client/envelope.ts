import { z } from 'zod';
import { TEMU_ERROR_CODES, TemuBadInputError } from '../errors.js';
import type { TemuErrorContext } from '../errors.js';
import { TEMU_CODES, classifyEnvelopeError } from './error-classification.js';
import { parseWireJson } from './wire-json.js';
import { describeFirstIssue } from './zod-issues.js';

/**
 * The response envelope (docs/temu-api.md §4): `{result, success, requestId, errorCode, errorMsg}`, always
 * HTTP 200 on the real gateway. `errorCode` 1000000 means success.
 */
const envelopeSchema = z.object({
  success: z.boolean(),
  errorCode: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  errorMsg: z.string().nullish(),
  requestId: z.string().nullish(),
  result: z.unknown().optional(),
});

export interface UnwrapInput {
  text: string;
  ctx: TemuErrorContext;
  /** Replaces secrets in Temu's own errorMsg before it is kept anywhere. */
  scrub: (text: string) => string;
}

/** Parses the raw body, raises the typed error for a failed call, else validates `result`. */
export function unwrapEnvelope<S extends z.ZodType>(input: UnwrapInput, resultSchema: S): z.output<S> {
  const { ctx } = input;
  let raw: unknown;
  try {
    raw = parseWireJson(input.text);
  } catch {
    throw new TemuBadInputError(
      `Temu ${ctx.type} answered HTTP ${ctx.httpStatus ?? '?'} with a body that is not JSON`,
      {
        ...ctx,
        code: TEMU_ERROR_CODES.badResponse,
      },
    );
  }
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const { path, message } = describeFirstIssue(envelope.error);
    throw new TemuBadInputError(`Temu ${ctx.type} answered an invalid envelope: ${path}: ${message}`, {
      ...ctx,
      code: TEMU_ERROR_CODES.badResponse,
      path,
    });
  }
  const { success, errorCode, errorMsg, requestId, result } = envelope.data;
  const withRequest: TemuErrorContext = requestId ? { ...ctx, requestId } : ctx;
  if (!success || (errorCode !== undefined && errorCode !== TEMU_CODES.success)) {
    throw classifyEnvelopeError(errorCode ?? 0, input.scrub(errorMsg ?? ''), withRequest);
  }
  const parsed = resultSchema.safeParse(result);
  if (!parsed.success) {
    const issue = describeFirstIssue(parsed.error);
    const path =
      issue.path === '(root)'
        ? 'result'
        : issue.path.startsWith('[')
          ? `result${issue.path}`
          : `result.${issue.path}`;
    throw new TemuBadInputError(`Temu ${ctx.type} returned an unexpected ${path}: ${issue.message}`, {
      ...withRequest,
      code: TEMU_ERROR_CODES.badResponse,
      path,
    });
  }
  return parsed.data;
}
