import { limitCondition, type AlertCondition } from '@temu-odoo/core';
import type { QueueRegistry, TemuGroup } from '@temu-odoo/queues';
import type { Redis } from 'ioredis';
import type { ErpPort } from '@temu-odoo/core';
import type { FleetAlertLimits } from '../seller-metrics/health-deps.js';
import { TEMU_GROUPS } from '../seller-metrics/daily-counters.js';

export const FLEET_SCOPE = 'fleet';

export interface FleetProbe {
  registry: QueueRegistry;
  redis: Redis;
  prefix: string;
  erp: ErpPort;
  /** How long each Temu endpoint group is still blocked after a throttle answer (0: not blocked). */
  throttledForMs: (group: TemuGroup) => Promise<number>;
  limits: FleetAlertLimits;
}

/**
 * Fleet-wide conditions: parked jobs above N, a queue whose oldest waiting job is older than N
 * minutes, a Temu group throttled for longer than N minutes, Odoo unreachable.
 */
export async function fleetConditions(probe: FleetProbe, nowMs: number): Promise<AlertCondition[]> {
  const { registry, limits } = probe;
  const out: AlertCondition[] = [];
  let parked = 0;
  for (const queue of registry.all()) {
    const counts = await queue.getJobCounts('failed');
    parked += counts.failed ?? 0;
    // Oldest first: the job that has waited longest tells how far behind the queue is.
    const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
    const ageMin = oldest ? (nowMs - oldest.timestamp) / 60_000 : 0;
    out.push(
      limitCondition(
        FLEET_SCOPE,
        `backlog:${queue.name}`,
        ageMin,
        limits.backlogMinutes,
        `queue ${queue.name}: the oldest waiting job has waited ${Math.round(ageMin)} min (limit ${limits.backlogMinutes} min)`,
      ),
    );
  }
  out.push(
    limitCondition(
      FLEET_SCOPE,
      'parked-jobs',
      parked,
      limits.parkedJobsMax,
      `${parked} parked job(s) wait for an operator on /ops (limit ${limits.parkedJobsMax})`,
    ),
  );
  for (const group of TEMU_GROUPS) {
    const sinceKey = `${probe.prefix}:state:alerts:throttled-since:${group}`;
    let throttledMin = 0;
    if ((await probe.throttledForMs(group)) > 0) {
      await probe.redis.set(sinceKey, String(nowMs), 'EX', 86_400, 'NX');
      throttledMin = (nowMs - Number(await probe.redis.get(sinceKey))) / 60_000;
    } else {
      await probe.redis.del(sinceKey);
    }
    out.push(
      limitCondition(
        FLEET_SCOPE,
        `temu-throttled:${group}`,
        throttledMin,
        limits.throttledMinutes,
        `Temu has throttled the ${group} endpoint group for ${Math.round(throttledMin)} min (limit ${limits.throttledMinutes} min)`,
      ),
    );
  }
  let odooError: string | null = null;
  try {
    // Any real read proves Odoo answers and accepts our credentials; a ref nobody uses finds nothing.
    await probe.erp.findOrdersByRefs(['temu-odoo-health-probe']);
  } catch (err) {
    odooError = (err as Error).message;
  }
  out.push({
    scope: FLEET_SCOPE,
    key: 'odoo-unreachable',
    active: odooError !== null,
    severity: 'critical',
    summary: odooError ? `Odoo does not answer: ${odooError}` : 'Odoo answers again',
  });
  return out;
}
