import type { Logger } from '@temu-odoo/config';
import type { EndpointGroup } from '../api-types.js';
import { errorEnvelope, newRequestId, okEnvelope, type Envelope } from '../envelope.js';
import { ApiError, GATEWAY_ERRORS } from '../error-codes.js';
import { HANDLERS } from '../handlers/registry.js';
import { parseJsonLossless } from '../json.js';
import type { SandboxState } from '../state.js';
import { authorize, type Caller } from './authorize.js';

export type GatewayReply =
  | { kind: 'envelope'; status: number; envelope: Envelope; delayMs: number }
  | { kind: 'http5xx'; status: number; delayMs: number }
  | { kind: 'drop'; delayMs: number };

function parseBody(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = parseJsonLossless(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Two `sign` fields make the signature check fail (docs/temu-api.md §3.4).
    if (/Duplicate key 'sign'/.test(message)) throw ApiError.gateway('SIGN_INVALID', '(sign appears twice)');
    throw ApiError.gateway('BAD_PARAMS', `body is not valid JSON: ${message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw ApiError.gateway('BAD_PARAMS', 'body must be one JSON object');
  }
  return body as Record<string, unknown>;
}

/** Parses up front so faults and statistics know the `type`; a parse error is answered later. */
function tryParse(text: string): { body: Record<string, unknown> } | { error: ApiError } {
  try {
    return { body: parseBody(text) };
  } catch (err) {
    return { error: err as ApiError };
  }
}

/**
 * One POST /openapi/router call: injected faults, gateway checks (docs/temu-api.md §16 order), rate limits (docs/temu-api.md §6),
 * then the business handler. Always HTTP 200 with the envelope, except injected 5xx/drops and,
 * when configured, 429 on throttling.
 */
export async function handleOpenApi(
  state: SandboxState,
  text: string,
  contentType: string | undefined,
  logger?: Logger,
): Promise<GatewayReply> {
  const nowMs = Date.now();
  const requestId = newRequestId(state.config.region);
  const parsed = tryParse(text);
  const rawType = 'body' in parsed && typeof parsed.body.type === 'string' ? parsed.body.type : null;
  state.stats.recordCall(rawType ?? '(none)');
  state.advanceLifecycle(nowMs);

  const delayMs = state.faults.latencyFor(rawType);
  if (delayMs > 0) state.stats.recordFault('latency');
  const fault = state.faults.decide(rawType);
  if (fault === 'dropConnection' || fault === 'http5xx') {
    state.stats.recordFault(fault);
    return fault === 'dropConnection' ? { kind: 'drop', delayMs } : { kind: 'http5xx', status: 503, delayMs };
  }

  let group: EndpointGroup | null = null;
  const reply = (envelope: Envelope, status = 200): GatewayReply => {
    state.stats.recordResult(group, envelope.errorCode);
    return { kind: 'envelope', status, envelope, delayMs };
  };
  try {
    if (fault === 'throttle') {
      state.stats.recordFault('throttle');
      state.stats.recordThrottled(null, 'injected');
      const [code, msg] = GATEWAY_ERRORS.RATE_LIMITED;
      return reply(errorEnvelope(requestId, code, msg), state.limiter.config.throttleHttp429 ? 429 : 200);
    }
    if (fault === 'systemError') {
      state.stats.recordFault('systemError');
      throw ApiError.gateway('SYSTEM');
    }
    if (!contentType || !/^application\/json\b/i.test(contentType)) {
      throw ApiError.gateway('BAD_PARAMS', 'Content-Type must be application/json');
    }
    if ('error' in parsed) throw parsed.error;
    const body = parsed.body;
    const caller: Caller = authorize(state, body, nowMs);
    group = caller.group;
    const throttled = state.limiter.tryAdmit(caller.appKey, caller.group, nowMs);
    if (throttled) {
      state.stats.recordThrottled(caller.group, throttled);
      const [code, msg] = GATEWAY_ERRORS.RATE_LIMITED;
      return reply(errorEnvelope(requestId, code, msg), state.limiter.config.throttleHttp429 ? 429 : 200);
    }
    state.stats.recordAdmitted(caller.appKey, caller.group, nowMs);
    state.onAdmitted?.(caller.appKey, caller.group, nowMs);
    const result = await HANDLERS[caller.type]({ state, body, caller, nowMs });
    return reply(okEnvelope(requestId, result));
  } catch (err) {
    if (err instanceof ApiError) return reply(errorEnvelope(requestId, err.errorCode, err.message));
    logger?.error({ err, requestId }, 'sandbox handler failed');
    const [code, msg] = GATEWAY_ERRORS.SYSTEM;
    return reply(errorEnvelope(requestId, code, msg));
  }
}
