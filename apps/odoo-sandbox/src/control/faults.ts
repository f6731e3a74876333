/**
 * Injected faults (control API): downtime (connection closed or HTTP 503), latency, and
 * serialization failures answered like Odoo after its retries are exhausted (docs/odoo-api.md §3.3).
 */
import { z } from 'zod';

export const faultInputSchema = z
  .object({
    downUntilMs: z.number().int().nonnegative().optional(),
    downForMs: z.number().int().nonnegative().optional(),
    downMode: z.enum(['close', '503']).optional(),
    latencyMs: z.number().int().nonnegative().max(60_000).optional(),
    serializationFailureRate: z.number().min(0).max(1).optional(),
    serializationFailureNext: z.number().int().nonnegative().optional(),
  })
  .strict();

export type FaultInput = z.infer<typeof faultInputSchema>;

export interface FaultState {
  downUntilMs: number;
  downMode: 'close' | '503';
  latencyMs: number;
  serializationFailureRate: number;
  serializationFailureNext: number;
}

const NONE: FaultState = {
  downUntilMs: 0,
  downMode: 'close',
  latencyMs: 0,
  serializationFailureRate: 0,
  serializationFailureNext: 0,
};

export class Faults {
  private state: FaultState = { ...NONE };

  set(input: FaultInput, nowMs = Date.now()): FaultState {
    const s = this.state;
    if (input.downUntilMs !== undefined) s.downUntilMs = input.downUntilMs;
    if (input.downForMs !== undefined) s.downUntilMs = nowMs + input.downForMs;
    if (input.downMode !== undefined) s.downMode = input.downMode;
    if (input.latencyMs !== undefined) s.latencyMs = input.latencyMs;
    if (input.serializationFailureRate !== undefined)
      s.serializationFailureRate = input.serializationFailureRate;
    if (input.serializationFailureNext !== undefined)
      s.serializationFailureNext = input.serializationFailureNext;
    return this.snapshot();
  }

  clear(): FaultState {
    this.state = { ...NONE };
    return this.snapshot();
  }

  snapshot(): FaultState {
    return { ...this.state };
  }

  /** While down, RPC requests get the configured failure (wall clock: downtime is real time). */
  downMode(nowMs = Date.now()): 'close' | '503' | null {
    return nowMs < this.state.downUntilMs ? this.state.downMode : null;
  }

  latencyMs(): number {
    return this.state.latencyMs;
  }

  /** Consumes one forced failure first, then rolls the configured rate. */
  shouldFailSerialization(): boolean {
    if (this.state.serializationFailureNext > 0) {
      this.state.serializationFailureNext -= 1;
      return true;
    }
    const rate = this.state.serializationFailureRate;
    return rate >= 1 || (rate > 0 && Math.random() < rate);
  }
}
