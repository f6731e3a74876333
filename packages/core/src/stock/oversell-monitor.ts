/**
 * Oversell control (R10): the share of recent marketplace orders that the ERP could not fulfil from
 * stock at confirmation, and the sync interval that follows from it, with hysteresis so the interval
 * does not flap around the threshold.
 */

export interface OversellEvent {
  atMs: number;
  orderRef: string;
  /** True when some line could not be fulfilled from ERP stock at confirmation. */
  oversold: boolean;
}

export interface OversellRate {
  /** oversold ÷ orders, 0 when there were no orders. */
  rate: number;
  orders: number;
  oversold: number;
}

/**
 * Rate over the trailing window (nowMs − windowMs, nowMs]. An order counts once (a retried
 * confirmation may report it twice); it is oversold if any of its events says so.
 */
export function oversellRate(events: Iterable<OversellEvent>, nowMs: number, windowMs: number): OversellRate {
  if (!Number.isFinite(windowMs) || windowMs <= 0)
    throw new RangeError(`windowMs must be positive, got ${windowMs}`);
  const fromMs = nowMs - windowMs;
  const orders = new Map<string, boolean>();
  for (const e of events) {
    if (e.atMs <= fromMs || e.atMs > nowMs) continue;
    orders.set(e.orderRef, (orders.get(e.orderRef) ?? false) || e.oversold);
  }
  let oversold = 0;
  for (const o of orders.values()) if (o) oversold += 1;
  return { rate: orders.size === 0 ? 0 : oversold / orders.size, orders: orders.size, oversold };
}

export type SyncMode = 'normal' | 'near_real_time';

export interface ChooseSyncIntervalInput {
  rate: number;
  currentMode: SyncMode;
  normalMinutes: number;
  nearRealTimeMinutes: number;
  /** Switch to near-real-time when the rate is above this (default 1%). */
  enterThreshold?: number;
  /** Switch back to normal when the rate is below this (default 0.5%). */
  exitThreshold?: number;
}

export interface SyncIntervalChoice {
  mode: SyncMode;
  intervalMinutes: number;
  /** True when the mode differs from `currentMode`: the caller logs an operator-visible event. */
  changed: boolean;
}

/**
 * Above `enterThreshold` the stock sync goes near-real-time; it returns to normal only once the rate
 * falls below `exitThreshold`. Between the two the current mode stays (hysteresis).
 */
export function chooseSyncInterval({
  rate,
  currentMode,
  normalMinutes,
  nearRealTimeMinutes,
  enterThreshold = 0.01,
  exitThreshold = 0.005,
}: ChooseSyncIntervalInput): SyncIntervalChoice {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new RangeError(`rate must be between 0 and 1, got ${rate}`);
  if (exitThreshold > enterThreshold) {
    throw new RangeError(`exitThreshold ${exitThreshold} must not be above enterThreshold ${enterThreshold}`);
  }
  if (!(normalMinutes > 0) || !(nearRealTimeMinutes > 0)) {
    throw new RangeError(
      `intervals must be positive, got ${normalMinutes} and ${nearRealTimeMinutes} minutes`,
    );
  }
  let mode: SyncMode = currentMode;
  if (currentMode === 'normal' && rate > enterThreshold) mode = 'near_real_time';
  else if (currentMode === 'near_real_time' && rate < exitThreshold) mode = 'normal';
  return {
    mode,
    intervalMinutes: mode === 'normal' ? normalMinutes : nearRealTimeMinutes,
    changed: mode !== currentMode,
  };
}
