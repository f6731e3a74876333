import type { Redis } from 'ioredis';
import type { AlertCondition, AlertNotice } from '@temu-odoo/core';

interface OpenAlert {
  sinceMs: number;
  severity: AlertNotice['severity'];
  summary: string;
}

/** Notices sent per scope (a shop, or `fleet`) per hour at most; the rest wait for a later evaluation. */
export const DEFAULT_ALERTS_PER_HOUR = 20;

/**
 * Which alerts are open, in Redis (`<prefix>:state:alerts:<scope>`, one field per condition key):
 * a condition fires when it turns active and is not open yet, and resolves when it turns inactive
 * (or is no longer reported, for keys the evaluator owns) while open. The hash field is claimed
 * with HSETNX / HDEL, so two workers evaluating at once send one notice, not two.
 */
export class AlertBook {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly alertsPerHour = DEFAULT_ALERTS_PER_HOUR,
  ) {}

  private key(scope: string): string {
    return `${this.prefix}:state:alerts:${scope}`;
  }

  async open(scope: string): Promise<Map<string, OpenAlert>> {
    const raw = await this.redis.hgetall(this.key(scope));
    return new Map(Object.entries(raw).map(([k, v]) => [k, JSON.parse(v) as OpenAlert]));
  }

  /**
   * The notices to send now. `owned` are key prefixes this evaluation speaks for: an open alert
   * under them that the evaluation no longer reports (an overdue order that shipped) resolves.
   */
  async transitions(
    scope: string,
    conditions: AlertCondition[],
    owned: string[],
    nowMs: number,
  ): Promise<AlertNotice[]> {
    const open = await this.open(scope);
    const reported = new Map(conditions.map((c) => [c.key, c]));
    const candidates: AlertNotice[] = [];
    for (const c of conditions) {
      if (c.active && !open.has(c.key)) candidates.push({ ...c, status: 'firing', atMs: nowMs });
    }
    // Resolutions in the order the conditions were given, then owned keys no longer reported, by name.
    const resolvable = [
      ...conditions.filter((c) => !c.active && open.has(c.key)).map((c) => c.key),
      ...[...open.keys()].filter((k) => !reported.has(k) && owned.some((p) => k.startsWith(p))).sort(),
    ];
    for (const key of resolvable) {
      const alert = open.get(key)!;
      const c = reported.get(key);
      candidates.push({
        scope,
        key,
        status: 'resolved',
        severity: alert.severity,
        summary: c?.summary ?? alert.summary,
        atMs: nowMs,
      });
    }
    const notices: AlertNotice[] = [];
    for (const notice of candidates) {
      if (!(await this.withinRate(scope, nowMs))) break;
      if (await this.claim(notice)) notices.push(notice);
    }
    return notices;
  }

  /** Takes the transition for this process; false when another worker already did. */
  private async claim(notice: AlertNotice): Promise<boolean> {
    const field = notice.key;
    if (notice.status === 'firing') {
      const value: OpenAlert = { sinceMs: notice.atMs, severity: notice.severity, summary: notice.summary };
      return (await this.redis.hsetnx(this.key(notice.scope), field, JSON.stringify(value))) === 1;
    }
    return (await this.redis.hdel(this.key(notice.scope), field)) === 1;
  }

  /** Gives a notice back when it could not be delivered, so the next evaluation sends it again. */
  async release(notice: AlertNotice): Promise<void> {
    if (notice.status === 'firing') await this.redis.hdel(this.key(notice.scope), notice.key);
    else
      await this.redis.hset(
        this.key(notice.scope),
        notice.key,
        JSON.stringify({ sinceMs: notice.atMs, severity: notice.severity, summary: notice.summary }),
      );
  }

  /** Counts one notice against the scope's hourly budget; false (uncounted) when it is spent. */
  private async withinRate(scope: string, nowMs: number): Promise<boolean> {
    const hour = Math.floor(nowMs / 3_600_000);
    const key = `${this.prefix}:state:alerts-sent:${scope}:${hour}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, 7_200).exec()) as [
      [null, number],
      unknown,
    ];
    if (count <= this.alertsPerHour) return true;
    await this.redis.decr(key);
    return false;
  }
}
