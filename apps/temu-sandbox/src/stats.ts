import { ENDPOINT_GROUPS, type EndpointGroup } from './api-types.js';
import { SlidingWindowLog, type ThrottleReason } from './rate-limiter.js';

export type FaultKind = 'throttle' | 'systemError' | 'latency' | 'http5xx' | 'dropConnection';

const zeroGroups = (): Record<EndpointGroup, number> =>
  Object.fromEntries(ENDPOINT_GROUPS.map((g) => [g, 0])) as Record<EndpointGroup, number>;

/**
 * Call statistics read by tests and benchmarks through `GET /_sandbox/stats`. The highest observed
 * rates are measured here, on their own sliding windows over admitted calls, independently of the
 * limiter's bookkeeping.
 */
export class SandboxStats {
  private startedAt = Date.now();
  private calls: Record<string, number> = {};
  private errors: Record<string, number> = {};
  private admittedByGroup = zeroGroups();
  private successByGroup = zeroGroups();
  private throttledByGroup = zeroGroups();
  private throttledByReason: Record<ThrottleReason | 'injected', number> = {
    appKeyPerSecond: 0,
    groupPerMinute: 0,
    injected: 0,
  };
  private faults: Record<FaultKind, number> = {
    throttle: 0,
    systemError: 0,
    latency: 0,
    http5xx: 0,
    dropConnection: 0,
  };
  private maxGroupPerMinute = zeroGroups();
  private maxAppKeyPerSecond: Record<string, number> = {};
  private readonly groupWindow = new SlidingWindowLog(60_000);
  private readonly appKeyWindow = new SlidingWindowLog(1000);
  private webhooks = { delivered: 0, failed: 0 };

  recordCall(type: string): void {
    this.calls[type] = (this.calls[type] ?? 0) + 1;
  }

  recordAdmitted(appKey: string, group: EndpointGroup, now: number): void {
    this.admittedByGroup[group]++;
    const perMinute = this.groupWindow.add(`${appKey}\u0000${group}`, now);
    this.maxGroupPerMinute[group] = Math.max(this.maxGroupPerMinute[group], perMinute);
    const perSecond = this.appKeyWindow.add(appKey, now);
    this.maxAppKeyPerSecond[appKey] = Math.max(this.maxAppKeyPerSecond[appKey] ?? 0, perSecond);
  }

  recordThrottled(group: EndpointGroup | null, reason: ThrottleReason | 'injected'): void {
    if (group) this.throttledByGroup[group]++;
    this.throttledByReason[reason]++;
  }

  recordResult(group: EndpointGroup | null, errorCode: number): void {
    if (errorCode === 1000000) {
      if (group) this.successByGroup[group]++;
      return;
    }
    this.errors[errorCode] = (this.errors[errorCode] ?? 0) + 1;
  }

  recordFault(kind: FaultKind): void {
    this.faults[kind]++;
  }

  recordWebhook(ok: boolean): void {
    if (ok) this.webhooks.delivered++;
    else this.webhooks.failed++;
  }

  snapshot() {
    const throttledTotal = Object.values(this.throttledByReason).reduce((a, b) => a + b, 0);
    return {
      since: new Date(this.startedAt).toISOString(),
      callsTotal: Object.values(this.calls).reduce((a, b) => a + b, 0),
      callsByType: { ...this.calls },
      admittedByGroup: { ...this.admittedByGroup },
      successByGroup: { ...this.successByGroup },
      errorsByCode: { ...this.errors },
      throttled: {
        total: throttledTotal,
        byGroup: { ...this.throttledByGroup },
        byReason: { ...this.throttledByReason },
      },
      injectedFaults: { ...this.faults },
      maxObserved: {
        groupPerMinute: { ...this.maxGroupPerMinute },
        appKeyPerSecond: { ...this.maxAppKeyPerSecond },
      },
      webhooks: { ...this.webhooks },
    };
  }
}

export type StatsSnapshot = ReturnType<SandboxStats['snapshot']>;
