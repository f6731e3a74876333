import os from 'node:os';
import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { setGauge } from '../shop-state.js';

export const HEARTBEAT_KEY = 'heartbeat:last';

/** Records the last beat so the dashboard and tests can see the scheduler → worker path is alive. */
export function systemHeartbeat(deps: Pick<WorkerDeps, 'redis' | 'prefix'>): ProcessorFn<'system.heartbeat'> {
  return async (payload, { job, log }) => {
    const beat = {
      from: payload.from,
      sentAtMs: payload.sentAtMs || job.timestamp,
      processedAtMs: Date.now(),
      worker: `${os.hostname()}:${process.pid}`,
    };
    await deps.redis.set(`${deps.prefix}:state:${HEARTBEAT_KEY}`, JSON.stringify(beat));
    await setGauge(deps.redis, deps.prefix, 'last_heartbeat_seconds', Math.floor(beat.processedAtMs / 1000));
    log.debug(beat, 'heartbeat');
    return beat;
  };
}
