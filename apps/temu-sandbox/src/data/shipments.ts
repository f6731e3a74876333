import type { SandboxState } from '../state.js';
import { findCarrier } from './carriers.js';
import type { Shipment, ShipmentLine } from './model.js';

export interface NewShipment {
  sendType: number;
  carrierId: number;
  trackingNumber: string;
  warehouseId: string | null;
  lines: ShipmentLine[];
  subPackages?: { carrierId: number; trackingNumber: string }[];
  createdAt?: number;
}

/** Stores a package and reserves its tracking numbers (a number is usable once, docs/temu-api.md §9.1). */
export function addShipment(state: SandboxState, input: NewShipment): Shipment {
  const shipment: Shipment = {
    packageSn: state.newPackageSn(),
    sendType: input.sendType,
    carrierId: input.carrierId,
    carrierName: findCarrier(input.carrierId)?.logisticsServiceProviderName ?? 'Unknown',
    trackingNumber: input.trackingNumber,
    warehouseId: input.warehouseId,
    createdAt: input.createdAt ?? Math.floor(Date.now() / 1000),
    lines: input.lines,
    subPackages: input.subPackages ?? [],
  };
  state.shipments.push(shipment);
  state.trackingNumbers.add(input.trackingNumber);
  for (const sub of shipment.subPackages) state.trackingNumbers.add(sub.trackingNumber);
  return shipment;
}
