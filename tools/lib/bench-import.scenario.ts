import type { Fleet } from './fleet.js';
import type { AppProcess } from './processes.js';
import { seedUnshippedOrders, startImportFleet, waitForImport, type Quotas } from './import-fleet.js';
import { odooStats, resetStats, temuStats, type Group } from './sandbox-stats.js';
import { peakRssMiB } from './rss.js';
import { round } from './report.js';

export interface ImportRunParams {
  orders: number;
  workers: number;
  quotas: Quotas;
  label: string;
  /** Default: three times what the quota allows, plus a minute. */
  timeoutMs?: number;
}

export interface ImportRunResult {
  params: ImportRunParams;
  completed: boolean;
  imported: number;
  durationSeconds: number;
  ordersPerMinute: number;
  temuCalls: number;
  temuCallsPerOrder: number;
  orderApiCalls: number;
  orderApiCallsPerMinute: number;
  /** Physical limit of the run: quota ÷ Temu calls per order. */
  quotaBoundOrdersPerMinute: number;
  quotaUtilisation: number;
  throttled: number;
  throttledByReason: Record<string, number>;
  odooCalls: number;
  odooCallsPerOrder: number;
  odooCallsByMethod: Record<string, number>;
  maxObserved: { groupPerMinute: Record<Group, number>; appKeyPerSecond: Record<string, number> };
  peakRssMiB: Array<number | null>;
}

/**
 * Scenario 1 (+5): `orders` unshipped orders waiting in Temu, `workers` worker processes, one
 * `orders.poll` as the scheduler would send; measured from that poll until every order is in Odoo.
 */
export async function runImport(p: ImportRunParams): Promise<ImportRunResult> {
  const fleet = await startImportFleet({ label: p.label, quotas: p.quotas });
  try {
    await seedUnshippedOrders(fleet, p.orders);
    const workers: AppProcess[] = [];
    for (let i = 0; i < p.workers; i++) workers.push(fleet.startWorker());
    await waitForWorkersReady(fleet);
    await resetStats(fleet);
    const started = Date.now();
    await fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId });
    const callsPerOrderGuess = 2.05;
    const timeoutMs =
      p.timeoutMs ?? ((p.orders * callsPerOrderGuess) / p.quotas.ordersPerMinute) * 3 * 60_000 + 60_000;
    const wait = await waitForImport(fleet, p.orders, timeoutMs);
    const seconds = (Date.now() - started) / 1000;
    const [temu, odoo] = await Promise.all([temuStats(fleet), odooStats(fleet)]);
    const rss = workers.map((w) => peakRssMiB(w.child.pid));
    const orderApiCalls = temu.admittedByGroup.orders;
    const minutes = seconds / 60;
    // The sliding-window quota admits `quota` calls in any minute, so a run shorter than a minute may
    // use one whole window; the per-second app key limit caps it too.
    const admissible = Math.min(
      p.quotas.ordersPerMinute * Math.max(1, minutes),
      p.quotas.perSecond * seconds,
    );
    const n = Math.max(1, wait.imported);
    return {
      params: p,
      completed: wait.done,
      imported: wait.imported,
      durationSeconds: round(seconds, 1),
      ordersPerMinute: round(wait.imported / minutes, 1),
      temuCalls: temu.callsTotal,
      temuCallsPerOrder: round(temu.callsTotal / n),
      orderApiCalls,
      orderApiCallsPerMinute: round(orderApiCalls / minutes, 1),
      quotaBoundOrdersPerMinute: round(p.quotas.ordersPerMinute / (temu.callsTotal / n), 1),
      quotaUtilisation: round(orderApiCalls / admissible),
      throttled: temu.throttled.total,
      throttledByReason: temu.throttled.byReason,
      odooCalls: odoo.totalCalls,
      odooCallsPerOrder: round(odoo.totalCalls / n),
      odooCallsByMethod: odoo.calls,
      maxObserved: temu.maxObserved,
      peakRssMiB: rss,
    };
  } finally {
    await fleet.stop();
  }
}

/** Workers are ready once each has registered its BullMQ workers on the odoo queue. */
export async function waitForWorkersReady(fleet: Fleet, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = fleet.workers.filter((w) => w.child.exitCode === null).length;
    const registered = (await fleet.registry.queue('temu-orders').getWorkers()).length;
    if (registered >= live) return;
    if (Date.now() > deadline)
      throw new Error(`only ${registered} of ${live} workers registered within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
