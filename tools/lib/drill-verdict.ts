import type { Fleet } from './fleet.js';
import { odooOrderRefs, temuOrders } from './sandbox-stats.js';

export interface DrillCounts {
  temuParentOrders: number;
  malformedInTemu: number;
  expectedInOdoo: number;
  odooOrders: number;
  distinctInOdoo: number;
  duplicates: number;
  missing: number;
  unexpectedInOdoo: number;
  malformedParked: number;
  parkedReasons: Array<{ jobId: string; queue: string; reason: string }>;
  missingSample: string[];
}

/**
 * Counts independently from both sandboxes' state: every Temu parent order (malformed ones apart)
 * must be exactly once in Odoo (`client_order_ref`); malformed ones must be parked — failed jobs of
 * the odoo and temu-orders queues whose id names the order, with their reasons.
 */
export async function countDrill(fleet: Fleet): Promise<DrillCounts> {
  const [temu, refs] = await Promise.all([temuOrders(fleet), odooOrderRefs(fleet)]);
  const malformed = temu.filter((o) => o.malformed);
  const expected = new Set(temu.filter((o) => !o.malformed).map((o) => o.parentOrderSn));
  const present = refs.filter(Boolean);
  const distinct = new Set(present);
  const failed: DrillCounts['parkedReasons'] = [];
  for (const queue of ['odoo', 'temu-orders'] as const) {
    for (const job of await fleet.registry.queue(queue).getFailed(0, 999)) {
      failed.push({ jobId: String(job.id), queue, reason: job.failedReason ?? '' });
    }
  }
  const parkedFor = (sn: string) => failed.find((f) => f.jobId.includes(sn) && f.reason);
  const missingRefs = [...expected].filter((sn) => !distinct.has(sn));
  return {
    temuParentOrders: temu.length,
    malformedInTemu: malformed.length,
    expectedInOdoo: expected.size,
    odooOrders: distinct.size,
    distinctInOdoo: distinct.size,
    duplicates: present.length - distinct.size,
    missing: missingRefs.length,
    unexpectedInOdoo: [...distinct].filter((sn) => !expected.has(sn)).length,
    malformedParked: malformed.filter((o) => parkedFor(o.parentOrderSn)).length,
    parkedReasons: failed.slice(0, 50),
    missingSample: missingRefs.slice(0, 20),
  };
}

export function verdictPasses(c: DrillCounts): boolean {
  return (
    c.odooOrders === c.expectedInOdoo &&
    c.duplicates === 0 &&
    c.missing === 0 &&
    c.unexpectedInOdoo === 0 &&
    c.malformedParked === c.malformedInTemu
  );
}
