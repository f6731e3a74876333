import os from 'node:os';
import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { pruneGauges, setGauge } from '@temu-odoo/coordination';

export const HEARTBEAT_KEY = 'heartbeat:last';

/**
 * Records the last beat so the dashboard and tests can see the scheduler → worker path is alive,
 * and drops gauges nobody refreshed within their retention (those of a shop that was removed).
 */
export function systemHeartbeat(
  deps: Pick<WorkerDeps, 'redis' | 'prefix' | 'settings'>,
): ProcessorFn<'system.heartbeat'> {
  return async (payload, { job, log }) => {
    const beat = {
      from: payload.from,
      sentAtMs: payload.sentAtMs || job.timestamp,
      processedAtMs: Date.now(),
      worker: `${os.hostname()}:${process.pid}`,
    };
    await deps.redis.set(`${deps.prefix}:state:${HEARTBEAT_KEY}`, JSON.stringify(beat));
    await setGauge(deps.redis, deps.prefix, 'last_heartbeat_seconds', Math.floor(beat.processedAtMs / 1000));
    const pruned = await pruneGauges(deps.redis, deps.prefix, deps.settings.retention.gaugesMs);
    if (pruned.length) log.info({ gauges: pruned }, 'gauges no longer refreshed removed');
    log.debug(beat, 'heartbeat');
    return beat;
  };
}
