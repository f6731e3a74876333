import os from 'node:os';
import type { StateStore } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';

export const HEARTBEAT_KEY = 'heartbeat:last';

/** Records the last beat so the dashboard and tests can see the scheduler → worker path is alive. */
export function systemHeartbeat(state: StateStore): ProcessorFn<'system.heartbeat'> {
  return async (payload, { log }) => {
    const beat = { ...payload, processedAtMs: Date.now(), worker: `${os.hostname()}:${process.pid}` };
    await state.set(HEARTBEAT_KEY, JSON.stringify(beat));
    log.debug(beat, 'heartbeat');
    return beat;
  };
}
