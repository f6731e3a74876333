import type { Caller } from '../gateway/authorize.js';
import type { SandboxState } from '../state.js';

export interface CallContext {
  state: SandboxState;
  /** The whole request body, numbers as LosslessNumber. */
  body: Record<string, unknown>;
  caller: Caller;
  nowMs: number;
}

/** Returns the envelope's `result`, or throws ApiError. */
export type Handler = (ctx: CallContext) => unknown;
