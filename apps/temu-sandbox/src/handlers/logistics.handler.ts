import { CARRIERS, WAREHOUSES } from '../data/carriers.js';
import { GATEWAY_ERRORS } from '../error-codes.js';
import type { Handler } from './handler.js';
import { Params } from './params.js';

/** bg.logistics.companies.get: `result` is an array, as in the official example (docs/temu-api.md §9.1 [!]). */
export const logisticsCompanies: Handler = ({ body }) => {
  const p = new Params(body, GATEWAY_ERRORS.BAD_PARAMS[0]);
  const regionId = p.requireInt('regionId', { min: 1 });
  return CARRIERS.filter((c) => c.regionIds.includes(regionId)).map((c) => ({
    logisticsServiceProviderId: c.logisticsServiceProviderId,
    logisticsServiceProviderName: c.logisticsServiceProviderName,
    logisticsBrandName: c.logisticsBrandName,
  }));
};

export const warehouseList: Handler = ({ state, body }) => {
  const p = new Params(body, GATEWAY_ERRORS.BAD_PARAMS[0]);
  const onlyLabels = p.bool('returnEnableBuyShippingLabelOnly') ?? false;
  return {
    warehouseList: WAREHOUSES.filter((w) => !onlyLabels || w.enableBuyShippingLabel).map((w) => ({
      ...w,
      regionId1: state.region.regionId,
    })),
  };
};
