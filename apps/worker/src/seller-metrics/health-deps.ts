import type { ErpActivityPort, ShipByRiskOptions } from '@temu-odoo/core';
import type { TemuGroup } from '@temu-odoo/queues';
import type { AlertDispatcher } from '../alerts/alert-dispatcher.js';

/** What the health evaluation needs beyond the worker's usual deps (absent: defaults, no alerts). */
export interface HealthDeps {
  risk: ShipByRiskOptions;
  alerts: AlertDispatcher | null;
  /** ERP user the ship-by activities are assigned to; null: the ERP's default (the API user). */
  activityUserId: number | null;
  /** Where ship-by activities are opened and closed (the Odoo client); absent: none. */
  activities?: ErpActivityPort;
  /** Fleet alert limits (README "Alerts"). */
  limits: FleetAlertLimits;
  /** How long a Temu endpoint group stays blocked by a throttle answer (the quota limiter's view). */
  throttledForMs?: (group: TemuGroup) => Promise<number>;
}

export interface FleetAlertLimits {
  parkedJobsMax: number;
  backlogMinutes: number;
  throttledMinutes: number;
}

export const DEFAULT_FLEET_LIMITS: FleetAlertLimits = {
  parkedJobsMax: 50,
  backlogMinutes: 30,
  throttledMinutes: 15,
};
