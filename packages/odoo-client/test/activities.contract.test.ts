import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OdooConnection, OdooErp } from '../src/index.js';
import { realOdooFromEnv, sandboxAvailable, startTarget, type OdooTarget } from './support/odoo-target.js';

/**
 * Contract of the ship-by activities (issue 14) on the sandbox as 16.0–20.0 (JSON-RPC and JSON-2),
 * or on the real Odoo from the environment: what the activities_notes recordings show — an
 * activity on the order with its deadline and user, `action_feedback` closing it.
 */
const REAL = realOdooFromEnv() !== null;
type Protocol = 'auto' | 'jsonrpc' | 'json2';
const TARGETS: Array<[string | null, Protocol]> = REAL
  ? [[null, realOdooFromEnv()!.protocol ?? 'auto']]
  : [
      ['16.0', 'auto'],
      ['17.0', 'auto'],
      ['18.0', 'auto'],
      ['19.0', 'auto'],
      ['20.0', 'auto'],
      ['19.0', 'json2'],
      ['20.0', 'json2'],
    ];
const describeTarget = REAL || sandboxAvailable() ? describe.each(TARGETS) : describe.skip.each(TARGETS);
const SUMMARY = 'Ship by deadline (temu-odoo)';

describeTarget('OdooErp activities (sandbox %s, protocol %s)', (version, protocol) => {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();
  const refA = `ACT-${run}-A`;
  const refB = `ACT-${run}-B`;
  let target: OdooTarget;
  let erp: OdooErp;
  let conn: OdooConnection;
  const orderIds: Record<string, number> = {};

  beforeAll(async () => {
    target = await startTarget(version, [], protocol);
    conn = new OdooConnection(target.options);
    erp = new OdooErp(conn);
    const session = await conn.connect();
    const [partner] = await conn.create('res.partner', [{ name: `Activity Customer ${run}` }]);
    const ids = await conn.create('sale.order', [
      { partner_id: partner, client_order_ref: refA },
      { partner_id: partner, client_order_ref: refB },
    ]);
    orderIds[refA] = ids[0]!;
    orderIds[refB] = ids[1]!;
    expect(session.uid).toBeGreaterThan(0);
  }, 60_000);

  afterAll(async () => {
    await target?.close();
  });

  it('creates one activity per order with the deadline and user, and finds it again instead of doubling it', async () => {
    const deadlineMs = Date.UTC(2031, 4, 17, 15, 30); // 2031-05-17 15:30 UTC → date 2031-05-17
    const uid = (await conn.connect()).uid;
    const ask = [
      { orderRef: refA, deadlineMs, summary: SUMMARY, note: 'ship before 15:30 UTC', userId: uid },
      { orderRef: 'ACT-NOT-IN-ODOO', deadlineMs, summary: SUMMARY, note: 'x', userId: uid },
    ];
    const first = await erp.scheduleOrderActivities(ask);
    expect([...first.keys()]).toEqual([refA]); // the order Odoo does not have is left out
    const again = await erp.scheduleOrderActivities(ask);
    expect(again.get(refA)).toBe(first.get(refA));
    const [order] = await conn.read<Record<string, unknown>>(
      'sale.order',
      [orderIds[refA]!],
      ['activity_ids', 'activity_summary', 'activity_date_deadline', 'activity_user_id'],
    );
    expect(order!.activity_ids).toEqual([first.get(refA)]);
    expect(order!.activity_summary).toBe(SUMMARY);
    expect(order!.activity_date_deadline).toBe('2031-05-17');
    expect((order!.activity_user_id as [number, string])[0]).toBe(uid);
  });

  it('closes the activity when the order ships, once', async () => {
    await erp.scheduleOrderActivities([
      { orderRef: refB, deadlineMs: Date.UTC(2031, 0, 2), summary: SUMMARY, note: 'n', userId: null },
    ]);
    expect(await erp.closeOrderActivities([refB, 'ACT-NOT-IN-ODOO'], SUMMARY, 'shipped')).toBe(1);
    expect(await erp.closeOrderActivities([refB], SUMMARY, 'shipped')).toBe(0);
    const [order] = await conn.read<{ activity_ids: number[] }>(
      'sale.order',
      [orderIds[refB]!],
      ['activity_ids'],
    );
    expect(order!.activity_ids).toEqual([]);
    // The other order's activity is untouched.
    const [other] = await conn.read<{ activity_ids: number[] }>(
      'sale.order',
      [orderIds[refA]!],
      ['activity_ids'],
    );
    expect(other!.activity_ids).toHaveLength(1);
  });
});
