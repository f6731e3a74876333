import { setTimeout as sleep } from 'node:timers/promises';
import type { Fleet } from './fleet.js';
import type { PrivateRedis } from './private-redis.js';

/** What a drill does to the fleet once the import is under way; resolves when the fault is over. */
export type FaultAction = (ctx: {
  fleet: Fleet;
  redis: PrivateRedis | null;
  importDone: () => boolean;
}) => Promise<Record<string, unknown>>;

export interface DrillDefinition {
  name: string;
  description: string;
  privateRedis: boolean;
  malformedShare: number;
  fault: FaultAction;
  /** Sent after the fault, as the scheduler's periodic jobs would (e.g. reconcile after a flush). */
  recovery?: (fleet: Fleet) => Promise<void>;
}

export function drillDefinitions(s: {
  small: boolean;
  odooDownMs: number;
  stormMs: number;
  killEveryMs: number;
  killForMs: number;
}): DrillDefinition[] {
  return [
    {
      name: 'sigkill-workers',
      description: `SIGKILL a random worker every ${s.killEveryMs} ms for up to ${s.killForMs} ms, restarting it each time`,
      privateRedis: false,
      malformedShare: 0,
      fault: async ({ fleet, importDone }) => {
        let kills = 0;
        const until = Date.now() + s.killForMs;
        while (Date.now() < until && !importDone()) {
          await sleep(s.killEveryMs);
          const live = fleet.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
          const victim = live[Math.floor(Math.random() * live.length)];
          if (!victim) continue;
          await fleet.stopWorker(victim, 'SIGKILL');
          kills += 1;
          fleet.startWorker();
        }
        return { kills };
      },
    },
    {
      name: 'odoo-down',
      description: `Odoo sandbox down (connections closed) for ${s.odooDownMs} ms mid-import`,
      privateRedis: false,
      malformedShare: 0,
      fault: async ({ fleet }) => {
        await fleet.odooControl('POST', 'faults', { downForMs: s.odooDownMs });
        await sleep(s.odooDownMs);
        return { downMs: s.odooDownMs };
      },
    },
    {
      name: 'redis-restart',
      description: 'private Redis (AOF on) stopped and started again mid-import',
      privateRedis: true,
      malformedShare: 0,
      fault: async ({ redis }) => {
        await redis!.restart(2_000);
        return { downMs: 2_000 };
      },
    },
    {
      name: 'redis-flush',
      description:
        'private Redis flushed completely mid-import; orders.reconcile + orders.poll (backfill) rebuild',
      privateRedis: true,
      malformedShare: 0,
      fault: async ({ fleet }) => {
        await fleet.redis.flushall();
        return { flushed: true };
      },
      recovery: async (fleet) => {
        await fleet.registry.enqueue('orders.reconcile', { shopId: fleet.shopId });
        await fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId, backfillDays: 1 });
      },
    },
    {
      name: 'temu-throttle-storm',
      description: `Temu throttles 50% and answers 5% system errors for ${s.stormMs} ms`,
      privateRedis: false,
      malformedShare: 0,
      fault: async ({ fleet }) => {
        await fleet.temuControl('POST', 'faults', {
          throttleRate: 0.5,
          systemErrorRate: 0.05,
          durationMs: s.stormMs,
        });
        await sleep(s.stormMs);
        const stats = await fleet.temuControl<{ injectedFaults: Record<string, number> }>('GET', 'stats');
        return { stormMs: s.stormMs, injectedFaults: stats.injectedFaults };
      },
    },
    {
      name: 'malformed-orders',
      description: '2% of the orders malformed (missing orderSn, bad quantity, missing status)',
      privateRedis: false,
      malformedShare: 0.02,
      fault: async () => ({}),
    },
  ];
}
