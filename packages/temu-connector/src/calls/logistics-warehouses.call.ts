import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalInt, optionalText, temuId } from './shared.schemas.js';

/** `bg.logistics.warehouse.list.get` (docs/temu-api.md §9.1 A.2): the seller's shipping warehouses. */
export const logisticsWarehousesCall = defineCall({
  type: 'bg.logistics.warehouse.list.get',
  request: z.object({ returnEnableBuyShippingLabelOnly: z.boolean().optional() }),
  response: z.object({
    warehouseList: z.array(
      z.object({
        /** "WH-…" */
        warehouseId: temuId,
        warehouseName: optionalText,
        warehouseBrand: optionalText,
        warehouseManagementType: z.union([z.number(), z.string()]).nullish(),
        regionId1: optionalInt,
        defaultWarehouse: z.boolean().nullish(),
        enableBuyShippingLabel: z.boolean().nullish(),
      }),
    ),
  }),
});

export type TemuWarehouse = z.output<typeof logisticsWarehousesCall.response>['warehouseList'][number];
