import { z } from 'zod';

/** The parts of EasyPost's Shipment object this adapter reads (docs/labels.md). */
export const rateSchema = z.object({
  id: z.string(),
  carrier: z.string(),
  service: z.string(),
  /** Decimal string, e.g. "5.93". */
  rate: z.string(),
  currency: z.string(),
});

export const shipmentSchema = z.object({
  id: z.string(),
  rates: z.array(rateSchema).default([]),
  selected_rate: rateSchema.nullish(),
  tracking_code: z.string().nullish(),
  postage_label: z.object({ label_url: z.string(), label_file_type: z.string().nullish() }).nullish(),
});

export type EasyPostShipment = z.infer<typeof shipmentSchema>;
export type EasyPostRate = z.infer<typeof rateSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    errors: z.array(z.unknown()).nullish(),
  }),
});
