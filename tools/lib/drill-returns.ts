import { killWorkers } from './drill-faults.js';
import {
  countReturns,
  driveReturns,
  returnsVerdictPasses,
  seedReturnsWorld,
  startReturnsFleet,
} from './returns-world.js';
import type { ReturnsCounts } from './returns-world.js';

export interface ReturnsDrillResult {
  name: 'returns-sigkill';
  description: string;
  params: { orders: number; cases: number; workers: number };
  fault: { kills: number };
  durationSeconds: number;
  returns: ReturnsCounts;
  pass: boolean;
}

/**
 * `returns-sigkill` (issue 13): delivered orders, then after-sales cases of every kind driven to the
 * end while a random worker is SIGKILLed every `killEveryMs` and restarted. Verdict from both
 * sandboxes: every case closed in Temu and in the worker, exactly one paid credit note per refund
 * equal to Temu's refund, one return transfer per returned case, one scrap per damaged one, stock
 * = initial − shipped + restocked per SKU, pre-shipment cancellations cancelled in Odoo.
 */
export async function runReturnsDrill(s: {
  orders: number;
  cases: number;
  workers: number;
  killEveryMs: number;
  /** Kills stop after this long (as the order drills do), so the fleet can finish what they broke. */
  killForMs: number;
  timeoutMs: number;
}): Promise<ReturnsDrillResult> {
  const started = Date.now();
  const fleet = await startReturnsFleet('drill-returns', 'dist');
  try {
    for (let i = 0; i < s.workers; i++) fleet.startWorker();
    await fleet.waitForWorkers(s.workers);
    const world = await seedReturnsWorld(fleet, s.orders, s.cases);
    let done = false;
    const killing = killWorkers(fleet, () => done, s.killEveryMs, s.killForMs);
    try {
      await driveReturns(world, s.timeoutMs);
    } finally {
      done = true;
    }
    const kills = await killing;
    const returns = await countReturns(world);
    return {
      name: 'returns-sigkill',
      description: `${s.orders} delivered orders and ${s.cases} after-sales cases of every kind while a random worker is SIGKILLed every ${s.killEveryMs} ms for up to ${s.killForMs} ms`,
      params: { orders: s.orders, cases: s.cases, workers: s.workers },
      fault: { kills },
      durationSeconds: Math.round((Date.now() - started) / 1000),
      returns,
      pass: returnsVerdictPasses(returns),
    };
  } finally {
    await fleet.stop().catch(() => undefined);
  }
}
