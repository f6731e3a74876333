import {
  limitCondition,
  metricConditions,
  shipByConditions,
  tokenExpiryConditions,
  type AlertCondition,
  type AlertNotice,
  type SellerMetrics,
} from '@temu-odoo/core';
import type { AlertChannel } from './alert-channels.js';
import { FLEET_SCOPE } from './fleet-conditions.js';

const HOUR = 3_600_000;
const TEST_SCOPE = 'test-shop';

/**
 * One notice of every condition kind, built by the same functions as real alerts, marked as a
 * test in the scope name: what an operator sends once to check the webhook and the mailbox.
 */
export function testNotices(nowMs: number): AlertNotice[] {
  const sample = (value: number, of: number) => ({ value: value / of, numerator: value, denominator: of });
  const slipping: SellerMetrics = {
    shipByCompliance: sample(90, 100),
    trackingUploadRate: sample(99, 100),
    deliverySuccess: sample(95, 100),
    lateShipmentRate: sample(2, 100),
  };
  const conditions: AlertCondition[] = [
    ...metricConditions(TEST_SCOPE, { 7: slipping }).filter((c) => c.active),
    ...shipByConditions(TEST_SCOPE, [
      { orderRef: 'PO-TEST-OVERDUE', shipByMs: nowMs - HOUR, risk: 'overdue', leftMs: -HOUR },
      { orderRef: 'PO-TEST-URGENT', shipByMs: nowMs + 3 * HOUR, risk: 'urgent', leftMs: 3 * HOUR },
    ]),
    ...tokenExpiryConditions(TEST_SCOPE, 0),
    limitCondition(
      FLEET_SCOPE,
      'parked-jobs',
      51,
      50,
      '51 parked job(s) wait for an operator on /ops (limit 50)',
    ),
    limitCondition(
      FLEET_SCOPE,
      'backlog:odoo',
      45,
      30,
      'queue odoo: the oldest waiting job has waited 45 min (limit 30 min)',
    ),
    limitCondition(
      FLEET_SCOPE,
      'temu-throttled:orders',
      20,
      15,
      'Temu has throttled the orders endpoint group for 20 min (limit 15 min)',
    ),
    {
      scope: FLEET_SCOPE,
      key: 'odoo-unreachable',
      active: true,
      severity: 'critical',
      summary: 'Odoo does not answer: (test)',
    },
  ];
  return conditions.map((c) => ({
    scope: `${c.scope} (test)`,
    key: c.key,
    status: 'firing',
    severity: c.severity,
    summary: `[test] ${c.summary}`,
    atMs: nowMs,
  }));
}

/** Sends every test notice to every channel; returns how many were sent per channel. */
export async function sendTestAlerts(
  channels: AlertChannel[],
  nowMs = Date.now(),
): Promise<Record<string, number>> {
  const sent: Record<string, number> = {};
  for (const notice of testNotices(nowMs)) {
    for (const channel of channels) {
      await channel.send(notice);
      sent[channel.name] = (sent[channel.name] ?? 0) + 1;
    }
  }
  return sent;
}
