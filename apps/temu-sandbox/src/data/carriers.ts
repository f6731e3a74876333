/**
 * Carriers of `bg.logistics.companies.get`. Temu checks tracking numbers against a per-carrier
 * format (docs/temu-api.md §9.1 rules); the sandbox does the same with these patterns.
 */
export interface Carrier {
  logisticsServiceProviderId: number;
  logisticsServiceProviderName: string;
  logisticsBrandName: string;
  regionIds: readonly number[];
  trackingPattern: RegExp;
}

const ALL = [211, 76, 128];

export const CARRIERS: readonly Carrier[] = [
  {
    // The carrier of the documented signing example (docs/temu-api.md §3.3): any 8–40 letters/digits.
    logisticsServiceProviderId: 699272611,
    logisticsServiceProviderName: 'Sandbox Express',
    logisticsBrandName: 'Sandbox Express',
    regionIds: ALL,
    trackingPattern: /^[A-Za-z0-9]{8,40}$/,
  },
  {
    logisticsServiceProviderId: 210000001,
    logisticsServiceProviderName: 'USPS',
    logisticsBrandName: 'USPS',
    regionIds: [211],
    trackingPattern: /^(9\d{21}|9\d{25}|\d{20})$/,
  },
  {
    logisticsServiceProviderId: 210000002,
    logisticsServiceProviderName: 'UPS',
    logisticsBrandName: 'UPS',
    regionIds: [211, 76],
    trackingPattern: /^1Z[0-9A-Z]{16}$/,
  },
  {
    logisticsServiceProviderId: 210000003,
    logisticsServiceProviderName: 'FedEx',
    logisticsBrandName: 'FedEx',
    regionIds: [211, 128],
    trackingPattern: /^(\d{12}|\d{15})$/,
  },
  {
    logisticsServiceProviderId: 760000001,
    logisticsServiceProviderName: 'DHL Paket',
    logisticsBrandName: 'DHL',
    regionIds: [76],
    trackingPattern: /^\d{12,20}$/,
  },
];

export function findCarrier(id: number): Carrier | undefined {
  return CARRIERS.find((c) => c.logisticsServiceProviderId === id);
}

export const WAREHOUSES = [
  {
    warehouseId: 'WH-06351001',
    warehouseName: 'Sandbox Main Warehouse',
    warehouseBrand: 'SELF',
    warehouseManagementType: 1,
    defaultWarehouse: true,
    enableBuyShippingLabel: true,
  },
  {
    warehouseId: 'WH-06351002',
    warehouseName: 'Sandbox Overflow Warehouse',
    warehouseBrand: 'SELF',
    warehouseManagementType: 1,
    defaultWarehouse: false,
    enableBuyShippingLabel: false,
  },
] as const;
