import type { ProcessorFn } from '@temu-odoo/queues';
import { FLEET_SCOPE, fleetConditions } from '../alerts/fleet-conditions.js';
import { DEFAULT_FLEET_LIMITS } from '../seller-metrics/health-deps.js';
import type { WorkerDeps } from '../worker-deps.js';
import { temuCallsLastHour } from '../seller-metrics/daily-counters.js';
import { setGauge } from '@temu-odoo/coordination';

/** Issue 14: fleet-wide alerts (parked jobs, backlog, throttling, Odoo reachability). */
export function alertsFleet(deps: WorkerDeps): ProcessorFn<'alerts.fleet'> {
  return async (_data, { log }) => {
    const nowMs = deps.clock.nowMs();
    const conditions = await fleetConditions(
      {
        registry: deps.registry,
        redis: deps.redis,
        prefix: deps.prefix,
        erp: deps.erp,
        throttledForMs: deps.health?.throttledForMs ?? (async () => 0),
        limits: deps.health?.limits ?? DEFAULT_FLEET_LIMITS,
      },
      nowMs,
    );
    const sent = deps.health?.alerts
      ? await deps.health.alerts.evaluate(FLEET_SCOPE, conditions, [], nowMs)
      : [];
    for (const [group, calls] of Object.entries(await temuCallsLastHour(deps.redis, deps.prefix, nowMs)))
      await setGauge(deps.redis, deps.prefix, `temu_calls_last_hour{group="${group}"}`, calls);
    const active = conditions.filter((c) => c.active).map((c) => c.key);
    log.info({ active, alertsSent: sent.length }, 'fleet alerts evaluated');
    return { active, alertsSent: sent.length };
  };
}
