import { z } from 'zod';

/** A purchase order as the consignment jobs carry it (core's PurchaseOrder; no secrets in it). */
const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string().length(3) });

export const purchaseOrderSchema = z.object({
  ref: z.string().min(1, { message: 'expected the purchase order number' }),
  status: z.enum([
    'awaiting_acceptance',
    'to_ship',
    'shipped',
    'received',
    'rejected',
    'returned',
    'inspected',
    'stored',
    'voided',
    'timed_out',
    'cancelled',
    'unknown',
  ]),
  statusCode: z.number().int(),
  placedAtMs: z.number().int().nullable(),
  warehouse: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  shipmentRef: z.string().nullable(),
  lines: z.array(
    z.object({
      lineRef: z.string().min(1),
      sellerSku: z.string().nullable(),
      quantity: z.number().int().nonnegative(),
      receivedQuantity: z.number().int().nonnegative(),
      unitPrice: moneySchema.nullable(),
    }),
  ),
});

/** The marketplace's receipt of the order's shipment, when one exists. */
export const consignmentShipmentSchema = z.object({
  ref: z.string().min(1),
  purchaseRef: z.string().min(1),
  status: z.enum([
    'awaiting_packing',
    'in_transit',
    'received',
    'stored',
    'returned',
    'cancelled',
    'partly_received',
    'unknown',
  ]),
  statusCode: z.number().int(),
  receivedAtMs: z.number().int().nullable(),
  receivedQuantity: z.number().int().nullable(),
  defectiveQuantity: z.number().int().nullable(),
  warehouseName: z.string().nullable(),
  trackingNumber: z.string().nullable(),
});
