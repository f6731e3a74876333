import { setTimeout as sleep } from 'node:timers/promises';
import { ORDERS_WATERMARK, queuePrefix, shopStateKey } from '@temu-odoo/queues';
import { killMasterOf, restartNode, waitForPromotion, type KilledMaster } from './cluster-failover.js';
import { waitUntil, type Fleet } from './fleet.js';
import { seedUnshippedOrders } from './import-fleet.js';
import type { PrivateRedis } from './private-redis.js';

/** What a drill does to the fleet once the import is under way; resolves when the fault is over. */
export type FaultAction = (ctx: {
  fleet: Fleet;
  redis: PrivateRedis | null;
  importDone: () => boolean;
  /** The scheduler's /healthz when the drill runs one (`scheduler: true`). */
  schedulerHealthUrl: string | null;
}) => Promise<Record<string, unknown> & { addedOrders?: number }>;

export interface DrillDefinition {
  name: string;
  description: string;
  privateRedis: boolean;
  malformedShare: number;
  fault: FaultAction;
  /**
   * Runs a real scheduler process (orders polled every 3 s, schedules checked every 2 s) and enqueues
   * nothing by hand: the import starts with the scheduler's own poll.
   */
  scheduler?: boolean;
  /**
   * Needs a Redis Cluster (REDIS_CLUSTER_NODES): runs only then; in cluster mode the drills with a
   * private single Redis are skipped instead.
   */
  cluster?: boolean;
  /** Undoes the fault's lasting settings once the verdict's import is over (e.g. Odoo latency). */
  afterImport?: (fleet: Fleet) => Promise<void>;
}

/** SIGKILLs a random live worker every `everyMs` for up to `forMs`, restarting it each time. */
export async function killWorkers(
  fleet: Fleet,
  importDone: () => boolean,
  everyMs: number,
  forMs: number,
): Promise<number> {
  let kills = 0;
  const until = Date.now() + forMs;
  while (Date.now() < until && !importDone()) {
    await sleep(everyMs);
    const live = fleet.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    const victim = live[Math.floor(Math.random() * live.length)];
    if (!victim) continue;
    await fleet.stopWorker(victim, 'SIGKILL');
    kills += 1;
    fleet.startWorker();
  }
  return kills;
}

/**
 * Before Redis loses its data: the scheduler remembers the orders watermark outside Redis, so wait
 * until one exists and the scheduler has checked twice since.
 */
async function schedulerSawWatermark(fleet: Fleet, healthUrl: string): Promise<void> {
  const key = shopStateKey(fleet.prefix, fleet.shopId, ORDERS_WATERMARK);
  await waitUntil(async () => (await fleet.redis.get(key)) !== null, 60_000, 'the orders watermark');
  const checks = async () =>
    ((await (await fetch(healthUrl)).json()) as { schedules: { checks: number } }).schedules.checks;
  const seen = await checks();
  await waitUntil(async () => (await checks()) >= seen + 2, 60_000, 'two schedule checks');
}

export function drillDefinitions(s: {
  small: boolean;
  odooDownMs: number;
  stormMs: number;
  killEveryMs: number;
  killForMs: number;
  odooLatencyMs: number;
  ordersAfterLoss: number;
}): DrillDefinition[] {
  return [
    {
      name: 'sigkill-workers',
      description: `SIGKILL a random worker every ${s.killEveryMs} ms for up to ${s.killForMs} ms, restarting it each time`,
      privateRedis: false,
      malformedShare: 0,
      fault: async ({ fleet, importDone }) => ({
        kills: await killWorkers(fleet, importDone, s.killEveryMs, s.killForMs),
      }),
    },
    {
      name: 'slow-odoo-sigkill',
      description: `Odoo answers every call ${s.odooLatencyMs} ms late while a random worker is SIGKILLed every ${s.killEveryMs} ms for up to ${s.killForMs} ms (batches outlive kills; claims and locks change hands)`,
      privateRedis: false,
      malformedShare: 0,
      fault: async ({ fleet, importDone }) => {
        await fleet.odooControl('POST', 'faults', { latencyMs: s.odooLatencyMs });
        const kills = await killWorkers(fleet, importDone, s.killEveryMs, s.killForMs);
        return { odooLatencyMs: s.odooLatencyMs, kills };
      },
      afterImport: async (fleet) => {
        await fleet.odooControl('DELETE', 'faults');
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
        'private Redis flushed completely mid-import under a running scheduler; nothing enqueued by hand',
      privateRedis: true,
      scheduler: true,
      malformedShare: 0,
      fault: async ({ fleet, schedulerHealthUrl }) => {
        await schedulerSawWatermark(fleet, schedulerHealthUrl!);
        await fleet.redis.flushall();
        return { flushed: true };
      },
    },
    {
      name: 'redis-lost',
      description: `private Redis restarted EMPTY mid-import under a running scheduler; ${s.ordersAfterLoss} new orders arrive after; nothing enqueued by hand`,
      privateRedis: true,
      scheduler: true,
      malformedShare: 0,
      fault: async ({ fleet, redis, schedulerHealthUrl }) => {
        await schedulerSawWatermark(fleet, schedulerHealthUrl!);
        await redis!.restartEmpty(2_000);
        await seedUnshippedOrders(fleet, s.ordersAfterLoss);
        return { downMs: 2_000, emptied: true, addedOrders: s.ordersAfterLoss };
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
    clusterFailover(),
    {
      name: 'malformed-orders',
      description: '2% of the orders malformed (missing orderSn, bad quantity, missing status)',
      privateRedis: false,
      malformedShare: 0.02,
      fault: async () => ({}),
    },
  ];
}

/**
 * Redis Cluster failover mid-import: the master serving the odoo queue's slot (BullMQ keys
 * `<prefix>:{odoo}:odoo:*`, where the import's batches wait) is SIGKILLed; its replica is promoted
 * after cluster-node-timeout; every connection follows the new topology (ioredis refreshes the slot
 * map and retries). Verdict as for every drill: each Temu order exactly once in Odoo. The killed node
 * is started again afterwards and rejoins as a replica, so the cluster is whole for what follows.
 */
function clusterFailover(): DrillDefinition {
  let killed: KilledMaster | null = null;
  return {
    name: 'cluster-failover',
    description:
      'Redis Cluster: SIGKILL the master serving the odoo queue mid-import; its replica takes over',
    privateRedis: false,
    cluster: true,
    malformedShare: 0,
    fault: async () => {
      const started = Date.now();
      killed = await killMasterOf(`${queuePrefix('any', 'odoo')}:odoo:wait`);
      const newMaster = await waitForPromotion(killed);
      return {
        killedMaster: `${killed.host}:${killed.port}`,
        slot: killed.slot,
        newMaster,
        promotedAfterMs: Date.now() - started,
      };
    },
    afterImport: async () => {
      if (killed) await restartNode(killed);
      killed = null;
    },
  };
}
