/**
 * Where per-shop worker state lives in Redis (`<prefix>:state:shop:<shopId>:<name>`), shared by the
 * worker (which writes it) and the scheduler (which reads the stock sync mode at start-up).
 */
export function shopStateKey(prefix: string, shopId: string, name: string): string {
  return `${prefix}:state:shop:${shopId}:${name}`;
}

/** The shop's stock sync mode: `normal` or `near_real_time` (set by oversell control, R10). */
export const STOCK_SYNC_MODE = 'stock-sync-mode';

/**
 * The shop's orders watermark (epoch ms of Temu update time polled up to), written by the worker's
 * poll; the scheduler remembers it outside Redis to recover a short window after Redis loses data.
 */
export const ORDERS_WATERMARK = 'watermark:orders';

/**
 * The shop's last price plan as a JSON table (rows: sku, currency, costMinor, currentMinor,
 * proposedMinor, floorMinor, rulesFired, push, skipped), written by the worker's `prices.plan` and
 * shown by `pnpm ops prices` and the dashboard's `/ops/prices/<shop>`.
 */
export function lastPricePlanKey(prefix: string, shopId: string): string {
  return `${prefix}:pricing:${shopId}:last-plan`;
}
