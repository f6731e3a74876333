/** One step of a price's computation: what it did, the price after it, and the arithmetic. */
export interface PriceStep {
  step: string;
  priceMinor: number;
  detail: string;
}

/** Everything a price was computed from and each step on the way, so it can be audited. */
export interface PriceExplanation {
  inputs: Record<string, string | number | null>;
  steps: PriceStep[];
}
