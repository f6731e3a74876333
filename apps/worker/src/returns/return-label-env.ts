import { z } from 'zod';
import {
  IntegrationError,
  type Address,
  type ReturnLabelErpPort,
  type ReturnLabelPort,
} from '@temu-odoo/core';
import { EasyPostLabels } from '@temu-odoo/easypost-client';

/**
 * Buying the seller's return label (issue 13, README "Returns and refunds"): off unless
 * RETURN_LABEL_PROVIDER_URL is set; then a case waiting for the seller's label gets one bought,
 * uploaded to Temu and attached to the Odoo return without a person.
 */
/** Compose passes an unset variable through as empty: empty means unset here. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const returnLabelEnv = {
  /** The label provider's API (EasyPost's shape, e.g. https://api.easypost.com); unset: labels are a person's job. */
  RETURN_LABEL_PROVIDER_URL: unsetIfEmpty(z.string().url()),
  /** The provider's API key (HTTP Basic user); never logged. */
  RETURN_LABEL_API_KEY: unsetIfEmpty(z.string().min(1)),
  /** Provider carrier name = Temu return carrier id (temu.aftersales.carrier.get), e.g. `USPS=1001,UPS=1002`. */
  RETURN_LABEL_CARRIERS: unsetIfEmpty(z.string()),
  /** Only this service of those carriers (e.g. GroundAdvantage); unset: the cheapest rate. */
  RETURN_LABEL_SERVICE: unsetIfEmpty(z.string().min(1)),
  /** The return warehouse's address as JSON: {name, street, street2?, city, state?, zip, country, phone?, email?}. */
  RETURN_LABEL_WAREHOUSE: unsetIfEmpty(z.string()),
  /** Parcel weight used for every return label (grams). */
  RETURN_LABEL_WEIGHT_GRAMS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().positive().max(70_000).default(1000),
  ),
};

export type ReturnLabelEnv = z.output<z.ZodObject<typeof returnLabelEnv>>;

const warehouseSchema = z.object({
  name: z.string().min(1),
  street: z.string().min(1),
  street2: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  city: z.string().min(1),
  state: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  zip: z.string().min(1),
  country: z.string().length(2),
  phone: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  email: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
});

/** What the worker needs to buy, upload and attach return labels. */
export interface ReturnLabelSetup {
  port: ReturnLabelPort;
  erp: ReturnLabelErpPort;
  warehouse: Address;
  weightGrams: number;
  /** Provider carrier name (lower case) → Temu return carrier id. */
  carriers: Map<string, string>;
}

function configError(message: string): IntegrationError {
  return new IntegrationError(message, { kind: 'credentials', code: 'ERR_RETURN_LABEL_CONFIG' });
}

function parseCarriers(spec: string): Map<string, string> {
  const pairs = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split('=').map((s) => s.trim()));
  if (pairs.length === 0 || pairs.some((p) => p.length !== 2 || !p[0] || !/^\d+$/.test(p[1] ?? '')))
    throw configError(
      `RETURN_LABEL_CARRIERS must list provider carrier = Temu carrier id pairs, e.g. USPS=1001,UPS=1002 (got '${spec}')`,
    );
  return new Map(pairs.map(([name, id]) => [name!.toLowerCase(), id!]));
}

/** The label setup from env, null when off; a half configuration is refused at start-up, naming what is missing. */
export function returnLabelSetupFromEnv(
  env: ReturnLabelEnv,
  erp: ReturnLabelErpPort,
): ReturnLabelSetup | null {
  if (!env.RETURN_LABEL_PROVIDER_URL) return null;
  const missing = (
    ['RETURN_LABEL_API_KEY', 'RETURN_LABEL_CARRIERS', 'RETURN_LABEL_WAREHOUSE'] as const
  ).filter((k) => !env[k]);
  if (missing.length > 0)
    throw configError(
      `RETURN_LABEL_PROVIDER_URL is set but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not`,
    );
  let warehouse: Address;
  try {
    warehouse = warehouseSchema.parse(JSON.parse(env.RETURN_LABEL_WAREHOUSE!));
  } catch (err) {
    throw configError(
      `RETURN_LABEL_WAREHOUSE must be a JSON address {name, street, city, zip, country (2 letters), …}: ${(err as Error).message}`,
    );
  }
  const carriers = parseCarriers(env.RETURN_LABEL_CARRIERS!);
  return {
    port: new EasyPostLabels({
      baseUrl: env.RETURN_LABEL_PROVIDER_URL,
      apiKey: env.RETURN_LABEL_API_KEY!,
      carriers: [...carriers.keys()],
      ...(env.RETURN_LABEL_SERVICE ? { service: env.RETURN_LABEL_SERVICE } : {}),
    }),
    erp,
    warehouse,
    weightGrams: env.RETURN_LABEL_WEIGHT_GRAMS,
    carriers,
  };
}
