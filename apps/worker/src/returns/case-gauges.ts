import type { Redis } from 'ioredis';
import { CASE_STAGE_RANK } from '@temu-odoo/core';
import type { OpenReturnCases } from '@temu-odoo/queues';
import { setGauge } from '@temu-odoo/coordination';

const OPEN_STAGES = Object.keys(CASE_STAGE_RANK).filter((s) => s !== 'closed');

/**
 * Operator gauges for /metrics: `temu_odoo_return_cases_open{shop,stage}` (every open stage, 0
 * included, so a drained stage reads 0 rather than its last value) and
 * `temu_odoo_return_cases_need_person{shop}` (parked or waiting for someone).
 */
export async function publishCaseGauges(
  redis: Redis,
  prefix: string,
  open: OpenReturnCases,
  shopId: string,
): Promise<void> {
  const cases = await open.list(shopId);
  for (const stage of OPEN_STAGES) {
    const n = cases.filter((c) => c.stage === stage).length;
    await setGauge(redis, prefix, `return_cases_open{shop="${shopId}",stage="${stage}"}`, n);
  }
  const needPerson = cases.filter((c) => c.attention !== null || c.parked !== null).length;
  await setGauge(redis, prefix, `return_cases_need_person{shop="${shopId}"}`, needPerson);
}
