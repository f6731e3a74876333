import type { FaultKind } from './stats.js';

export interface FaultConfig {
  /** Probabilities 0–1 per call. */
  throttleRate: number;
  systemErrorRate: number;
  http5xxRate: number;
  dropConnectionRate: number;
  /** Added delay before every answer. */
  latencyMs: number;
  /** Only calls of these `type`s are affected (default: all). */
  types: string[] | null;
  /** When the faults end by themselves (ms epoch), or null. */
  untilMs: number | null;
}

const NONE: FaultConfig = {
  throttleRate: 0,
  systemErrorRate: 0,
  http5xxRate: 0,
  dropConnectionRate: 0,
  latencyMs: 0,
  types: null,
  untilMs: null,
};

export type FaultDecision = Exclude<FaultKind, 'latency'> | null;

/** Injected faults for resilience drills (control API `POST /_sandbox/faults`). */
export class FaultInjector {
  private config: FaultConfig = { ...NONE };

  set(config: Partial<FaultConfig>, durationMs?: number): FaultConfig {
    this.config = { ...NONE, ...config, untilMs: durationMs ? Date.now() + durationMs : null };
    return this.current();
  }

  clear(): void {
    this.config = { ...NONE };
  }

  current(): FaultConfig {
    if (this.config.untilMs !== null && Date.now() >= this.config.untilMs) this.clear();
    return { ...this.config };
  }

  private applies(type: string | null): boolean {
    const c = this.current();
    return c.types === null || (type !== null && c.types.includes(type));
  }

  latencyFor(type: string | null): number {
    return this.applies(type) ? this.current().latencyMs : 0;
  }

  /** Draws at most one fault for a call, most disruptive first. */
  decide(type: string | null, random: () => number = Math.random): FaultDecision {
    if (!this.applies(type)) return null;
    const c = this.current();
    if (c.dropConnectionRate > 0 && random() < c.dropConnectionRate) return 'dropConnection';
    if (c.http5xxRate > 0 && random() < c.http5xxRate) return 'http5xx';
    if (c.throttleRate > 0 && random() < c.throttleRate) return 'throttle';
    if (c.systemErrorRate > 0 && random() < c.systemErrorRate) return 'systemError';
    return null;
  }
}
