import type { Fleet } from './fleet.js';
import type { EndpointGroup as Group } from '@temu-odoo/temu-connector';

export type { Group };

/** The fields of the Temu sandbox's `GET /_sandbox/stats` the bench reads (apps/temu-sandbox/README.md). */
export interface TemuStats {
  callsTotal: number;
  callsByType: Record<string, number>;
  admittedByGroup: Record<Group, number>;
  errorsByCode: Record<string, number>;
  throttled: { total: number; byGroup: Record<Group, number>; byReason: Record<string, number> };
  maxObserved: { groupPerMinute: Record<Group, number>; appKeyPerSecond: Record<string, number> };
}

/** `GET /_sandbox/stats` of the Odoo sandbox: calls per `model.method`. */
export interface OdooStats {
  totalCalls: number;
  calls: Record<string, number>;
}

export const temuStats = (fleet: Fleet) => fleet.temuControl<TemuStats>('GET', 'stats');
export const odooStats = (fleet: Fleet) => fleet.odooControl<OdooStats>('GET', 'stats');

export async function resetStats(fleet: Fleet): Promise<void> {
  await fleet.temuControl('POST', 'stats/reset');
  await fleet.odooControl('POST', 'stats/reset');
}

interface SaleOrderRow {
  id: number;
  client_order_ref: string | false;
  state: string;
}

/** Refs of the sale orders in the Odoo sandbox (one entry per record, so duplicates show). */
export async function odooOrderRefs(fleet: Fleet): Promise<string[]> {
  const res = await fleet.odooControl<{ records: SaleOrderRow[] } | SaleOrderRow[]>(
    'GET',
    'state/sale.order?fields=client_order_ref,state',
  );
  const rows = Array.isArray(res) ? res : res.records;
  return rows.map((r) => (typeof r.client_order_ref === 'string' ? r.client_order_ref : ''));
}

interface TemuOrderRow {
  parentOrderSn: string;
  status: number;
  malformed: string | null | false;
}

export async function temuOrders(fleet: Fleet): Promise<TemuOrderRow[]> {
  return (await fleet.temuControl<{ orders: TemuOrderRow[] }>('GET', 'state/orders')).orders;
}

/** How many distinct Temu parent orders are in Odoo (cheap progress probe). */
export async function importedCount(fleet: Fleet): Promise<number> {
  return new Set((await odooOrderRefs(fleet)).filter(Boolean)).size;
}
