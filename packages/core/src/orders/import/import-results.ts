import { isIntegrationError } from '../../errors.js';
import type { Order } from '../../order.js';
import type { UseCaseLog } from '../../use-case-log.js';
import type { OrderActionKind } from '../order-state-machine.js';
import type { ImportOrderResult, Work } from './import-types.js';

const PARKED_KINDS = new Set(['bad_input', 'business', 'credentials']);

/** Bad data, a business refusal or credentials wait for a person (parked); anything else is retried. */
function outcomeOfError(err: Error): 'parked' | 'failed' {
  return isIntegrationError(err) && PARKED_KINDS.has(err.kind) ? 'parked' : 'failed';
}

export function errorResult(
  order: Order,
  error: Error,
  erpOrderId: number | undefined,
  actions: OrderActionKind[],
): ImportOrderResult {
  return {
    orderRef: order.orderRef,
    shopId: order.shopId,
    outcome: outcomeOfError(error),
    ...(erpOrderId === undefined ? {} : { erpOrderId }),
    actions,
    reason: error.message,
    ...(isIntegrationError(error) ? { code: error.code } : {}),
    error,
  };
}

/** An older event of an order whose newer event in the same batch was synced instead. */
export function supersededResult(order: Order): ImportOrderResult {
  return {
    orderRef: order.orderRef,
    shopId: order.shopId,
    outcome: 'ignored',
    actions: [],
    code: 'superseded',
    reason: `a newer event for order ${order.orderRef} in the same batch was synced instead`,
  };
}

export function resultOf(w: Work): ImportOrderResult {
  const { order } = w;
  if (w.error !== undefined) return errorResult(order, w.error, w.erpOrderId, w.done);
  const base = {
    orderRef: order.orderRef,
    shopId: order.shopId,
    ...(w.erpOrderId === undefined ? {} : { erpOrderId: w.erpOrderId }),
    actions: w.done,
  };
  const first = w.plan[0];
  if (first?.kind === 'ignore')
    return { ...base, outcome: 'ignored', code: first.code, reason: first.reason };
  if (w.done.includes('create')) return { ...base, outcome: 'created' };
  if (w.done.length > 0) return { ...base, outcome: 'updated' };
  return { ...base, outcome: 'unchanged' };
}

export function report(results: ImportOrderResult[], log: UseCaseLog): void {
  const counts: Record<string, number> = {};
  for (const r of results) {
    counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
    if (r.outcome === 'ignored' || r.outcome === 'parked' || r.outcome === 'failed') {
      // An ignored event is an expected outcome (info); parked and failed orders need attention.
      log[r.outcome === 'ignored' ? 'info' : 'warn'](
        {
          shopId: r.shopId,
          orderRef: r.orderRef,
          erpOrderId: r.erpOrderId,
          outcome: r.outcome,
          code: r.code,
        },
        `order ${r.outcome}: ${r.reason ?? ''}`,
      );
    }
  }
  log.info({ orders: results.length, ...counts }, 'order import batch done');
}
