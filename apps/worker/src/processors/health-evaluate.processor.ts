import type { ProcessorFn } from '@temu-odoo/queues';
import { evaluateShopHealth } from '../seller-metrics/evaluate-shop-health.js';
import { shopOf, type WorkerDeps } from '../worker-deps.js';

/** Issue 14: a shop's seller metrics, ship-by risk, gauges, health snapshot and alerts. */
export function healthEvaluate(deps: WorkerDeps): ProcessorFn<'health.evaluate'> {
  return async ({ shopId }, { log }) => {
    shopOf(deps, shopId);
    const { snapshot, alertsSent, activitiesOpened } = await evaluateShopHealth(
      deps,
      shopId,
      deps.clock.nowMs(),
    );
    const result = {
      atRisk: snapshot.atRiskTotal,
      overdue: snapshot.overdueTotal,
      shipByCompliance7d: snapshot.metrics['7']?.shipByCompliance.value ?? null,
      alertsSent,
      activitiesOpened,
    };
    log.info(result, 'shop health evaluated');
    return result;
  };
}
