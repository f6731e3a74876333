import { OpenReturnCases } from '@temu-odoo/queues';
import type { Fleet } from './fleet.js';

/**
 * Why a returns run did not finish, in one line for the verdict: the cases still open (stage,
 * Temu status, parked reason or the person's action) and the failed jobs of the queues the returns
 * flow runs on, with their reasons. Read before the fleet is stopped (stopping deletes the keys).
 */
export async function returnsStuckReport(fleet: Fleet): Promise<string> {
  const open = await new OpenReturnCases(fleet.redis, fleet.prefix).list(fleet.shopId);
  const cases = open.map(
    (c) =>
      `${c.caseRef} ${c.kind} ${c.stage}/${c.status}` +
      (c.parked ? ` parked: ${c.parked}` : '') +
      (c.attention ? ` needs ${c.attention.code}` : ''),
  );
  const failed: string[] = [];
  for (const queue of ['temu-finance', 'odoo'] as const)
    for (const job of await fleet.registry.queue(queue).getFailed(0, 50))
      if (job.name.startsWith('returns.'))
        failed.push(`${job.name} ${String(job.id)}: ${(job.failedReason ?? '').split('\n')[0]}`);
  return `${open.length} case(s) open [${cases.join('; ')}]; failed returns jobs [${failed.join('; ') || 'none'}]`;
}
