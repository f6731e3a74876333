import { BPS, ceilDiv, pct, timesBps } from './price-math.js';
import type { PriceStep } from './price-explanation.js';

/** The formula's inputs for one SKU, all amounts in the shop's currency minor units, rates in bps. */
export interface FormulaInput {
  costMinor: number;
  upliftBps: number;
  shippingMinor: number;
  fixedFeeMinor: number;
  commissionBps: number;
  paymentFeeBps: number;
  advertisingBps: number;
  targetMarginBps: number;
  minMarginBps: number;
}

export type FormulaResult =
  | { ok: true; landedMinor: number; priceMinor: number; floorMinor: number; steps: PriceStep[] }
  | { ok: false; code: 'floor_unreachable' | 'target_unreachable'; reason: string };

/**
 * price = (landed cost + shipping + fixed fees) / (1 − commission − payment fee − advertising − margin),
 * rounded up to the minor unit so the margin is never below its rate; the floor is the same with the
 * minimum margin. When the rates leave nothing to divide by, no price can cover them: a skip, not a price.
 */
export function priceByFormula(input: FormulaInput): FormulaResult {
  const landedMinor = timesBps(input.costMinor, BPS + input.upliftBps);
  const costsMinor = landedMinor + input.shippingMinor + input.fixedFeeMinor;
  const feesBps = input.commissionBps + input.paymentFeeBps + input.advertisingBps;
  const floorDivisor = BPS - feesBps - input.minMarginBps;
  if (floorDivisor <= 0) {
    return {
      ok: false,
      code: 'floor_unreachable',
      reason: `commission ${pct(input.commissionBps)} + payment ${pct(input.paymentFeeBps)} + advertising ${pct(input.advertisingBps)} + minimum margin ${pct(input.minMarginBps)} reach 100%: no price covers them`,
    };
  }
  const targetDivisor = BPS - feesBps - input.targetMarginBps;
  if (targetDivisor <= 0) {
    return {
      ok: false,
      code: 'target_unreachable',
      reason: `fees ${pct(feesBps)} + target margin ${pct(input.targetMarginBps)} reach 100%: lower the target margin`,
    };
  }
  const priceMinor = ceilDiv(costsMinor * BPS, targetDivisor);
  const floorMinor = ceilDiv(costsMinor * BPS, floorDivisor);
  const steps: PriceStep[] = [
    {
      step: 'landed cost',
      priceMinor: landedMinor,
      detail: `${input.costMinor} × (1 + ${pct(input.upliftBps)}) = ${landedMinor}`,
    },
    {
      step: 'costs',
      priceMinor: costsMinor,
      detail: `landed ${landedMinor} + shipping ${input.shippingMinor} + fixed fees ${input.fixedFeeMinor} = ${costsMinor}`,
    },
    {
      step: 'formula',
      priceMinor,
      detail: `⌈${costsMinor} / (1 − ${pct(feesBps)} fees − ${pct(input.targetMarginBps)} target margin)⌉ = ${priceMinor}`,
    },
    {
      step: 'floor',
      priceMinor: floorMinor,
      detail: `⌈${costsMinor} / (1 − ${pct(feesBps)} fees − ${pct(input.minMarginBps)} minimum margin)⌉ = ${floorMinor}`,
    },
  ];
  return { ok: true, landedMinor, priceMinor, floorMinor, steps };
}
