/** How close an unshipped order is to its ship-by time. */
export type ShipByRisk = 'none' | 'at_risk' | 'urgent' | 'overdue';

export interface ShipByRiskOptions {
  /** Flag orders due within this time (default 24 h). */
  horizonMs: number;
  /** Escalate orders due within this time (default 4 h). */
  escalationMs: number;
}

export const DEFAULT_SHIP_BY_RISK: ShipByRiskOptions = {
  horizonMs: 24 * 3_600_000,
  escalationMs: 4 * 3_600_000,
};

/**
 * `overdue` once the deadline has passed (at the ship-by instant itself the order is still on
 * time: Temu counts a shipment at the deadline as compliant), `urgent` within the escalation
 * time, `at_risk` within the horizon.
 */
export function classifyShipBy(shipByMs: number, nowMs: number, options = DEFAULT_SHIP_BY_RISK): ShipByRisk {
  const leftMs = shipByMs - nowMs;
  if (leftMs < 0) return 'overdue';
  if (leftMs <= options.escalationMs) return 'urgent';
  if (leftMs <= options.horizonMs) return 'at_risk';
  return 'none';
}

export interface OrderAtRisk {
  orderRef: string;
  shipByMs: number;
  risk: Exclude<ShipByRisk, 'none'>;
  leftMs: number;
}

/** The open orders within the horizon, soonest deadline first. */
export function ordersAtRisk(
  open: Array<{ orderRef: string; shipByMs: number }>,
  nowMs: number,
  options = DEFAULT_SHIP_BY_RISK,
): OrderAtRisk[] {
  const out: OrderAtRisk[] = [];
  for (const o of open) {
    const risk = classifyShipBy(o.shipByMs, nowMs, options);
    if (risk !== 'none')
      out.push({ orderRef: o.orderRef, shipByMs: o.shipByMs, risk, leftMs: o.shipByMs - nowMs });
  }
  return out.sort((a, b) => a.shipByMs - b.shipByMs || a.orderRef.localeCompare(b.orderRef));
}
