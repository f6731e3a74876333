import { waitForWorkersReady } from './bench-import.scenario.js';
import { loadAverage1m, machineCpuSeconds, processCpuSeconds } from './cpu.js';
import {
  DEFAULT_QUOTAS,
  scaleQuotas,
  seedUnshippedOrders,
  startImportFleet,
  waitForImport,
} from './import-fleet.js';
import { startPrivateRedis } from './private-redis.js';
import { round } from './report.js';
import { odooStats, resetStats, temuStats } from './sandbox-stats.js';

export interface ScalingRun {
  workers: number;
  completed: boolean;
  imported: number;
  seconds: number;
  ordersPerSecond: number;
  /** orders/s ÷ orders/s of the first run (1 worker). */
  speedup: number;
  odooCalls: number;
  odooCallsPerOrder: number;
  /** Time inside the Odoo sandbox's ORM per call (its event loop is busy meanwhile). */
  odooMsPerCall: number;
  /** Share of the run the Odoo sandbox's ORM was busy. */
  odooBusyShare: number;
  temuCallsPerOrder: number;
  /** The quota ceiling of the run: orders/s the Order API quota would allow at this calls/order. */
  quotaBoundOrdersPerSecond: number;
  /** Throttle answers from the Temu sandbox (0: the fleet's own limiter kept within the quota). */
  quotaWaits: number;
  redisCommandsPerOrder: number;
  /** Cores used, averaged over the run: worker processes together, the bench (both sandboxes), Redis. */
  workerCpuShare: number;
  sandboxCpuShare: number;
  redisCpuShare: number;
  /** Share of the machine's CPU (all cores) busy during the run, whoever used it. */
  machineBusyShare: number;
  loadAverage1m: number;
}

export interface ScalingResult {
  params: { orders: number; workers: number[]; quotas: ReturnType<typeof scaleQuotas> };
  cores: number;
  runs: ScalingRun[];
  /** Where the curve flattens and why, with the figure. */
  verdict: string;
}

/**
 * Scenario 13 (issue 17): the same import (`orders` unshipped orders, one poll) at each worker
 * process count, with Temu quotas raised ×50 on both sides so the fleet, not the quota, sets the
 * pace. A private redis-server (as in docker-compose: AOF every second) gives clean Redis figures on
 * a machine other programs share.
 */
export async function runScaling(p: { orders: number; workers: number[] }): Promise<ScalingResult> {
  const quotas = scaleQuotas(DEFAULT_QUOTAS, 50);
  const redis = await startPrivateRedis();
  const runs: ScalingRun[] = [];
  const cores = (await import('node:os')).cpus().length;
  try {
    for (const w of p.workers) {
      const fleet = await startImportFleet({ label: `scaling-w${w}`, quotas, redisUrl: redis.url });
      try {
        await seedUnshippedOrders(fleet, p.orders);
        for (let i = 0; i < w; i++) fleet.startWorker();
        await waitForWorkersReady(fleet);
        await resetStats(fleet);
        const redisCommands = async () =>
          Number(/total_commands_processed:(\d+)/.exec(await fleet.redis.info('stats'))?.[1] ?? 0);
        const workerCpu = () =>
          fleet.workers.reduce((sum, wp) => sum + (processCpuSeconds(wp.child.pid) ?? 0), 0);
        const cmds0 = await redisCommands();
        const w0 = workerCpu();
        const r0 = processCpuSeconds(redis.pid()) ?? 0;
        const b0 = process.cpuUsage();
        const m0 = machineCpuSeconds();
        const started = Date.now();
        await fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId });
        const wait = await waitForImport(fleet, p.orders, 600_000);
        const seconds = (Date.now() - started) / 1000;
        const b = process.cpuUsage(b0);
        const m1 = machineCpuSeconds();
        const cmds = (await redisCommands()) - cmds0;
        const [temu, odoo] = await Promise.all([temuStats(fleet), odooStats(fleet)]);
        const busyMs = (odoo as { busyMs?: number }).busyMs ?? 0;
        const n = Math.max(1, wait.imported);
        const temuPerOrder = temu.callsTotal / n;
        const ordersPerSecond = wait.imported / seconds;
        runs.push({
          workers: w,
          completed: wait.done,
          imported: wait.imported,
          seconds: round(seconds, 1),
          ordersPerSecond: round(ordersPerSecond, 1),
          speedup: runs.length ? round(ordersPerSecond / runs[0]!.ordersPerSecond, 2) : 1,
          odooCalls: odoo.totalCalls,
          odooCallsPerOrder: round(odoo.totalCalls / n),
          odooMsPerCall: round(busyMs / Math.max(1, odoo.totalCalls), 1),
          odooBusyShare: round(busyMs / 1000 / seconds, 2),
          temuCallsPerOrder: round(temuPerOrder),
          quotaBoundOrdersPerSecond: round(quotas.ordersPerMinute / 60 / temuPerOrder, 1),
          quotaWaits: temu.throttled.total,
          redisCommandsPerOrder: round(cmds / n, 1),
          workerCpuShare: round((workerCpu() - w0) / seconds, 2),
          sandboxCpuShare: round((b.user + b.system) / 1e6 / seconds, 2),
          redisCpuShare: round(((processCpuSeconds(redis.pid()) ?? 0) - r0) / seconds, 2),
          machineBusyShare: m0 && m1 ? round((m1.busy - m0.busy) / (m1.total - m0.total), 2) : -1,
          loadAverage1m: loadAverage1m(),
        });
      } finally {
        await fleet.stop();
      }
    }
  } finally {
    await redis.stop();
  }
  return {
    params: { orders: p.orders, workers: p.workers, quotas },
    cores,
    runs,
    verdict: verdictOf(runs, cores),
  };
}

/**
 * Where adding workers stops paying (the first count that gains < 15 % over the one before) and the
 * resource closest to its ceiling there: the machine's cores, the sandboxes' one event loop
 * (Odoo's ORM time), Redis' one thread, or the quota.
 */
export function verdictOf(runs: ScalingRun[], cores: number): string {
  if (runs.length < 2) return 'one worker count only: no curve';
  const flat = runs.find((r, i) => i > 0 && r.ordersPerSecond < runs[i - 1]!.ordersPerSecond * 1.15);
  const at = flat ?? runs[runs.length - 1]!;
  const figures = [
    { what: `the machine's ${cores} cores`, share: at.machineBusyShare },
    {
      what: `the sandboxes' single event loop (Odoo ORM ${at.odooMsPerCall} ms/call × ${at.odooCallsPerOrder} calls/order = ${round(at.odooBusyShare * 100, 0)} % of the run)`,
      share: at.sandboxCpuShare,
    },
    { what: "Redis' single thread", share: at.redisCpuShare },
    { what: 'the Temu quota', share: at.ordersPerSecond / at.quotaBoundOrdersPerSecond },
  ].sort((a, b) => b.share - a.share);
  const top = figures[0]!;
  const head = flat
    ? `flattens at ${at.workers} workers (${at.ordersPerSecond} orders/s, ×${at.speedup} of 1 worker)`
    : `still rising at ${at.workers} workers (${at.ordersPerSecond} orders/s, ×${at.speedup})`;
  return `${head}: busiest is ${top.what} at ${round(top.share * 100, 0)} %; workers use ${at.workerCpuShare} cores, sandboxes ${at.sandboxCpuShare}, Redis ${at.redisCpuShare} (${at.redisCommandsPerOrder} commands/order), ${at.quotaWaits} throttled, load ${at.loadAverage1m}`;
}
