import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalText, temuId } from './shared.schemas.js';

const company = z.object({
  /** Used as `carrierId` when confirming a shipment. */
  logisticsServiceProviderId: temuId,
  logisticsServiceProviderName: z.string(),
  logisticsBrandName: optionalText,
});
export type TemuCarrier = z.output<typeof company>;

/**
 * `bg.logistics.companies.get` (docs/temu-api.md §9.1 A.1). [!] DOCS shows `result` as an array, the Java
 * SDK as `result.logisticsCompaniesList[]`: both are accepted and normalised to an array.
 */
export const logisticsCompaniesCall = defineCall({
  type: 'bg.logistics.companies.get',
  request: z.object({ regionId: z.number().int().positive() }),
  response: z
    .union([z.array(company), z.object({ logisticsCompaniesList: z.array(company) })])
    .transform((r) => (Array.isArray(r) ? r : r.logisticsCompaniesList)),
});
