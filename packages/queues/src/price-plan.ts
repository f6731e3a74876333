/**
 * The last price plan of a shop as the worker stores it under `lastPricePlanKey`, read back by
 * `pnpm ops prices` and the dashboard's `/ops/prices/<shop>`: one shape for writer and readers.
 */
export interface PricePlanRow {
  sku: string;
  currency: string | null;
  costMinor: number | null;
  currentMinor: number | null;
  proposedMinor: number | null;
  floorMinor: number | null;
  rulesFired: string[];
  push: boolean;
  skipped: string | null;
}

export interface PricePlanTable {
  shopId: string;
  plannedAtMs: number;
  dryRun: boolean;
  rows: PricePlanRow[];
}
