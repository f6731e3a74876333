import { z } from 'zod';

/** zod mirrors of the `core` domain types that travel inside job payloads. */

export const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string().length(3) });

export const orderStatusSchema = z.enum([
  'pending',
  'unshipped',
  'partially_shipped',
  'shipped',
  'partially_delivered',
  'delivered',
  'cancelled',
]);

export const orderLineSchema = z.object({
  lineId: z.string().min(1),
  goodsId: z.string(),
  skuId: z.string().min(1),
  sellerSku: z.string().nullable(),
  title: z.string(),
  quantity: z.number().int().min(0),
  originalQuantity: z.number().int().min(0),
  cancelledQuantity: z.number().int().min(0),
  status: z.enum(['pending', 'unshipped', 'shipped', 'delivered', 'cancelled']),
  unitPrice: moneySchema.nullable(),
  taxAmount: moneySchema.nullable(),
  taxRate: z.number().nullable(),
});

export const addressSchema = z.object({
  name: z.string(),
  street: z.string(),
  street2: z.string().nullable(),
  city: z.string(),
  state: z.string().nullable(),
  zip: z.string(),
  country: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

export const orderSchema = z.object({
  shopId: z.string().min(1),
  region: z.string(),
  orderRef: z.string().min(1),
  status: orderStatusSchema,
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
  shipByMs: z.number().nullable(),
  currency: z.string(),
  lines: z.array(orderLineSchema).min(1),
  buyer: z
    .object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() })
    .nullable(),
  shippingAddress: addressSchema.nullable(),
  shippingFee: moneySchema.nullable(),
  pricing: z.enum(['marketplace_amounts', 'estimated_list_price']).nullable(),
  trackingNumbers: z.array(z.string()).optional(),
  addressChanged: z.boolean().optional(),
});
