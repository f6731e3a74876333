/**
 * Where per-shop worker state lives in Redis (`<prefix>:state:shop:{<shopId>}:<name>`), shared by
 * the worker (which writes it) and the scheduler (which reads the stock sync mode at start-up). The
 * shop id is a Redis Cluster hash tag: every state key of one shop sits in one slot, so the scripts
 * and MULTIs that touch several of them (synced versions, buffer, seller metrics…) work on a cluster
 * while different shops spread over the masters (README "Redis Cluster").
 */
export function shopStateKey(prefix: string, shopId: string, name: string): string {
  return `${prefix}:state:shop:{${shopId}}:${name}`;
}

/** The shop id of a `shopStateKey(prefix, shopId, name)` key, or null for any other key. */
export function shopOfStateKey(prefix: string, key: string, name: string): string | null {
  const head = `${prefix}:state:shop:{`;
  const tail = `}:${name}`;
  if (!key.startsWith(head) || !key.endsWith(tail) || key.length < head.length + tail.length) return null;
  return key.slice(head.length, key.length - tail.length);
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
