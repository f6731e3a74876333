import { IntegrationError } from '../../errors.js';
import type { Order } from '../../order.js';
import type { ErpOrderSummary, ErpPort } from '../../ports.js';
import type { UseCaseLog } from '../../use-case-log.js';
import type { SkuMapping } from '../order-mapping.js';
import type { SaleTaxPolicy } from '../../taxes/sale-tax-policy.js';
import { compareOrderVersions } from '../order-version.js';
import type { Work } from './import-types.js';

/** What every step of one import sees: the port, the settings and the orders still going. */
export class ImportBatch {
  readonly works = new Map<string, Work>();

  constructor(
    readonly erp: ErpPort,
    readonly mapping: SkuMapping,
    readonly log: UseCaseLog,
    readonly taxPolicy: SaleTaxPolicy | undefined,
    readonly importCancelled: boolean,
    readonly marketplaceName: string,
  ) {}

  /** Orders that have not failed so far. */
  alive(): Work[] {
    return [...this.works.values()].filter((w) => w.error === undefined);
  }

  /** Live orders whose next action is `kind`. */
  next(kind: 'create' | 'confirm'): Work[] {
    return this.alive().filter((w) => w.plan[w.next]?.kind === kind);
  }

  fail(work: Work, err: unknown): void {
    work.error = asError(err);
  }
}

export function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** An ERP answer missing a part we asked for: retry the order later. */
export function missing(message: string, code = 'ERR_ERP_INCOMPLETE_ANSWER'): IntegrationError {
  return new IntegrationError(message, { kind: 'transient', code });
}

/** Keeps the newest event per order reference; older duplicates in the batch are superseded. */
export function latestPerRef(orders: Order[]): Map<string, Order> {
  const latest = new Map<string, Order>();
  for (const order of orders) {
    const seen = latest.get(order.orderRef);
    if (seen === undefined || compareOrderVersions(order, seen) >= 0) latest.set(order.orderRef, order);
  }
  return latest;
}

/** Several ERP orders with one reference break R8; use the live one and say so. */
export function pickSummary(summaries: ErpOrderSummary[], log: UseCaseLog): ErpOrderSummary | null {
  if (summaries.length === 0) return null;
  const sorted = [...summaries].sort(
    (a, b) => Number(a.state === 'cancelled') - Number(b.state === 'cancelled') || a.orderId - b.orderId,
  );
  if (summaries.length > 1) {
    log.warn(
      { orderRef: sorted[0]?.orderRef, erpOrderIds: sorted.map((s) => s.orderId) },
      'several ERP orders carry one marketplace reference; syncing the oldest live one',
    );
  }
  return sorted[0] ?? null;
}
