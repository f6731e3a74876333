import type { ProcessorMap } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { authCheck } from './auth-check.processor.js';
import { ordersFlush } from './orders-flush.processor.js';
import { ordersPoll } from './orders-poll.processor.js';
import { ordersReconcile } from './orders-reconcile.processor.js';
import { ordersSync } from './orders-sync.processor.js';
import { ordersUpsert } from './orders-upsert.processor.js';
import { productsRefresh } from './products-refresh.processor.js';
import { shippingConfirm } from './shipping-confirm.processor.js';
import { shippingScan } from './shipping-scan.processor.js';
import { stockPush } from './stock-push.processor.js';
import { stockReconcile } from './stock-reconcile.processor.js';
import { stockSweep } from './stock-sweep.processor.js';
import { replenishmentApply } from './replenishment-apply.processor.js';
import { systemHeartbeat } from './system-heartbeat.processor.js';
import { pricesPlan } from './prices-plan.processor.js';
import { pricesPush } from './prices-push.processor.js';
import { pricesReview } from './prices-review.processor.js';
import { settlementOrder } from './settlement-order.processor.js';
import { settlementImport } from './settlement-import.processor.js';
import { settlementReconcile } from './settlement-reconcile.processor.js';
import { returnsPoll } from './returns-poll.processor.js';
import { returnsSync } from './returns-sync.processor.js';
import { returnsBook } from './returns-book.processor.js';
import { listingCheck } from './listing-check.processor.js';
import { listingPublish } from './listing-publish.processor.js';
import { healthEvaluate } from './health-evaluate.processor.js';
import { alertsFleet } from './alerts-fleet.processor.js';
import { replenishmentPlan } from './replenishment-plan.processor.js';
import { replenishmentTransfers } from './replenishment-transfers.processor.js';
import { consignmentPoll } from './consignment-poll.processor.js';
import { consignmentUpsert } from './consignment-upsert.processor.js';
import { consignmentShipScan } from './consignment-ship-scan.processor.js';
import { consignmentShip } from './consignment-ship.processor.js';

/** Wires every catalog job to its processor; a job missing here does not compile. */
export function buildProcessors(deps: WorkerDeps): ProcessorMap {
  return {
    'system.heartbeat': systemHeartbeat(deps),
    'orders.poll': ordersPoll(deps),
    'orders.sync': ordersSync(deps),
    'orders.reconcile': ordersReconcile(deps),
    'orders.flush': ordersFlush(deps),
    'orders.upsert': ordersUpsert(deps),
    'stock.sweep': stockSweep(deps),
    'stock.push': stockPush(deps),
    'stock.reconcile': stockReconcile(deps),
    'products.refresh': productsRefresh(deps),
    'shipping.scan': shippingScan(deps),
    'shipping.confirm': shippingConfirm(deps),
    'auth.check': authCheck(deps),
    'prices.plan': pricesPlan(deps),
    'prices.push': pricesPush(deps),
    'prices.review': pricesReview(deps),
    'settlement.order': settlementOrder(deps),
    'settlement.import': settlementImport(deps),
    'settlement.reconcile': settlementReconcile(deps),
    'returns.poll': returnsPoll(deps),
    'returns.sync': returnsSync(deps),
    'returns.book': returnsBook(deps),
    'listing.check': listingCheck(deps),
    'listing.publish': listingPublish(deps),
    'health.evaluate': healthEvaluate(deps),
    'alerts.fleet': alertsFleet(deps),
    'replenishment.plan': replenishmentPlan(deps),
    'replenishment.transfers': replenishmentTransfers(deps),
    'replenishment.apply': replenishmentApply(deps),
    'consignment.poll': consignmentPoll(deps),
    'consignment.upsert': consignmentUpsert(deps),
    'consignment.ship-scan': consignmentShipScan(deps),
    'consignment.ship': consignmentShip(deps),
  };
}
