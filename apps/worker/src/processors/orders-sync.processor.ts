import {
  DAY_MS,
  IntegrationError,
  enrichWithAmounts,
  isIntegrationError,
  type Order,
  type OrderAmounts,
} from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import { shopOf, type ShopContext, type WorkerDeps } from '../worker-deps.js';
import { enrichWithEstimate } from '../orders/order-pricing.js';
import { scheduleFlush } from '../orders/schedule-flush.js';

/** Temu computes amounts within minutes of confirmation; ask again soon, without spending an attempt. */
const AMOUNTS_NOT_READY_RETRY_MS = 15_000;
const SCOPE_DENIED_TTL_MS = DAY_MS;

const HAS_ADDRESS = new Set<Order['status']>([
  'unshipped',
  'partially_shipped',
  'shipped',
  'partially_delivered',
  'delivered',
]);
const SHIPPED = new Set<Order['status']>([
  'partially_shipped',
  'shipped',
  'partially_delivered',
  'delivered',
]);

/**
 * Reads one Temu order with its address, amounts and (when Temu shipped it) tracking numbers, each
 * fetched once and cached, and puts it in the shop's buffer for the next batched Odoo write.
 */
export function ordersSync(deps: WorkerDeps): ProcessorFn<'orders.sync'> {
  return async ({ shopId, orderRef, snapshot, refreshAddress }, { log }) => {
    const shop = shopOf(deps, shopId);
    let order = snapshot ?? (await shop.market.getOrder(orderRef));
    order = await withAddress(shop, order, refreshAddress === true);
    if (order.status !== 'cancelled' && order.status !== 'pending') order = await withPrices(shop, order);
    if (SHIPPED.has(order.status)) order = await withTracking(shop, order);
    const added = await deps.buffer.add(order);
    await scheduleFlush(deps, shopId);
    log.info({ status: order.status, pricing: order.pricing, buffered: added }, 'order read from Temu');
    return { orderRef, status: order.status, pricing: order.pricing, buffered: added };
  };
}

interface CachedAddress {
  buyer: Order['buyer'];
  address: Order['shippingAddress'];
  /** Temu update time of the order when the address was read. */
  readAtVersionMs: number;
}

/**
 * The buyer and address, read once and cached. While the order is unshipped the buyer may still
 * change the address, so a newer version of an unshipped order (or Temu's address-change event) reads
 * it again; Temu's 6 reads per order per day leave room for that.
 */
async function withAddress(shop: ShopContext, order: Order, refresh: boolean): Promise<Order> {
  if (!HAS_ADDRESS.has(order.status)) return order;
  const key = `address:${order.orderRef}`;
  const cached = await shop.state.cached<CachedAddress>(key);
  const stale =
    cached !== null &&
    order.status === 'unshipped' &&
    (refresh || order.updatedAtMs > cached.readAtVersionMs);
  if (cached && !stale) return { ...order, buyer: cached.buyer, shippingAddress: cached.address };
  let found: { buyer: Order['buyer']; address: Order['shippingAddress'] };
  try {
    found = await shop.market.getShippingAddress(order.orderRef);
  } catch (err) {
    // Temu withholds addresses of some shipped/delivered orders (docs/temu-api.md §8.5): import without, do not fail.
    if (isIntegrationError(err) && err.kind === 'business' && order.status !== 'unshipped') {
      return cached ? { ...order, buyer: cached.buyer, shippingAddress: cached.address } : order;
    }
    throw err;
  }
  await shop.state.cache(
    key,
    { ...found, readAtVersionMs: order.updatedAtMs } satisfies CachedAddress,
    // Temu allows 6 address reads per order per day: read once, keep until the order is finished
    // (writeOrders forgets it then), at most the retention for buyer data.
    shop.state.retention.buyerDataMs,
  );
  const changed = cached !== null && JSON.stringify(cached.address) !== JSON.stringify(found.address);
  return {
    ...order,
    buyer: found.buyer,
    shippingAddress: found.address,
    ...(changed ? { addressChanged: true } : {}),
  };
}

async function withPrices(shop: ShopContext, order: Order): Promise<Order> {
  const key = `amounts:${order.orderRef}`;
  const cached = await shop.state.cached<OrderAmounts>(key);
  if (cached) return enrichWithAmounts(order, cached);
  if (!(await shop.state.cached<boolean>('amounts-scope-denied'))) {
    try {
      const amounts = await shop.market.getOrderAmounts(order.orderRef);
      await shop.state.cache(key, amounts, shop.state.retention.amountsMs);
      return enrichWithAmounts(order, amounts);
    } catch (err) {
      if (isIntegrationError(err) && err.kind === 'not_ready') {
        throw new IntegrationError(`amounts of ${order.orderRef} are still being calculated by Temu`, {
          kind: 'not_ready',
          code: err.code,
          retryAfterMs: AMOUNTS_NOT_READY_RETRY_MS,
          cause: err,
        });
      }
      // Only whitelisted shops may read amounts (3000032): price from the listing instead.
      if (!(isIntegrationError(err) && err.code === 'ERR_TEMU_SCOPE')) throw err;
      await shop.state.cache('amounts-scope-denied', true, SCOPE_DENIED_TTL_MS);
    }
  }
  return enrichWithEstimate(order, shop);
}

async function withTracking(shop: ShopContext, order: Order): Promise<Order> {
  const key = `tracking:${order.orderRef}:${order.updatedAtMs}`;
  let numbers = await shop.state.cached<string[]>(key);
  if (!numbers) {
    numbers = await shop.market.getTrackingNumbers(order.orderRef);
    await shop.state.cache(key, numbers, 7 * DAY_MS);
  }
  return numbers.length ? { ...order, trackingNumbers: numbers } : order;
}
