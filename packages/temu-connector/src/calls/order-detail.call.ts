import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { temuOrderWithLines } from './order.schemas.js';

/** `bg.order.detail.v2.get` (docs/temu-api.md §8.4). `140020009` = fields still being calculated. */
export const orderDetailCall = defineCall({
  type: 'bg.order.detail.v2.get',
  request: z.object({
    parentOrderSn: z.string().min(1),
    fulfillmentTypeList: z.array(z.enum(['fulfillBySeller', 'fulfillByCooperativeWarehouse'])).optional(),
  }),
  response: temuOrderWithLines,
});
