/** What to answer a marketplace counter-offer. */
export type CounterOfferAnswer =
  | { action: 'accept' }
  | { action: 'refuse'; reason: string }
  | { action: 'negotiate'; priceMinor: number; reason: string };

/**
 * The floor decides: a counter-offer at or above it is accepted (it still covers cost, fees and the
 * minimum margin); below it is refused, or — with `negotiate` — answered with the floor itself.
 */
export function answerCounterOffer(
  proposedMinor: number,
  floorMinor: number,
  belowFloor: 'refuse' | 'negotiate' = 'refuse',
): CounterOfferAnswer {
  if (proposedMinor >= floorMinor) return { action: 'accept' };
  const reason = `counter-offer ${proposedMinor} is below the floor ${floorMinor} (cost + fees + minimum margin)`;
  return belowFloor === 'negotiate'
    ? { action: 'negotiate', priceMinor: floorMinor, reason }
    : { action: 'refuse', reason };
}
